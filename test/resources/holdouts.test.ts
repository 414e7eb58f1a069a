// Holdout behaviour the generic facade tests do not cover: the message-only delete, the override
// delete that carries a body, the two override body forms, and typed Pulse query parameters.
import { describe, expect, it } from "vitest";
import type { StatsigConsole } from "../../src/index.js";
import type { Overrides, OverridesBody } from "../../generated/types.js";
import { useMockApi } from "../helpers/mock-api.js";

const api = useMockApi();

const client = api.client;

const overrides: Overrides = {
  passingUserIDs: ["user_qa_01"],
  failingUserIDs: ["user_vip_07"],
};

describe("holdouts.delete", () => {
  it("resolves to the message the API sends instead of a holdout", async () => {
    api.respondJson({ message: "Holdout deleted successfully." });
    await expect(client().holdouts.delete("holdout_q1_baseline")).resolves.toEqual({ message: "Holdout deleted successfully." });
    expect(api.requests[0]?.method).toBe("DELETE");
    expect(api.requests[0]?.url.pathname).toBe("/console/v1/holdouts/holdout_q1_baseline");
  });
});

describe("holdouts.overrides", () => {
  it("delete sends the IDs to remove as a JSON body", async () => {
    api.respondJson({ message: "Holdout Overrides updated successfully.", data: overrides });
    const result = await client().holdouts.overrides.delete("holdout_q1_baseline", { passingUserIDs: ["user_qa_03"], failingUserIDs: [] });
    expect(result).toEqual(overrides);
    expect(api.requests[0]?.method).toBe("DELETE");
    expect(api.requests[0]?.url.pathname).toBe("/console/v1/holdouts/holdout_q1_baseline/overrides");
    expect(JSON.parse(api.requests[0]?.bodyText ?? "")).toEqual({ passingUserIDs: ["user_qa_03"], failingUserIDs: [] });
  });

  it("replace accepts the per-environment form and the answer may omit environmentOverrides", async () => {
    api.respondJson({ message: "Holdout Overrides updated successfully.", data: overrides });
    const body: OverridesBody = {
      environmentOverrides: [{ environment: "staging", unitID: "userID", passingIDs: ["user_qa_02"], failingIDs: [] }],
    };
    const result = await client().holdouts.overrides.update("holdout_q1_baseline", body);
    expect(result.environmentOverrides).toBeUndefined();
    expect(api.requests[0]?.method).toBe("POST");
    expect(JSON.parse(api.requests[0]?.bodyText ?? "")).toEqual(body);
  });
});

describe("holdouts.pulseResults.get", () => {
  it("serialises cuped and confidence into the query", async () => {
    api.respondJson({ message: "Successfully loaded Pulse Results", data: { ds: "2026-01-01", monitoringMetrics: [] } });
    const result = await client().holdouts.pulseResults.get("holdout_q1_baseline", { cuped: true, confidence: 95 });
    expect(result).toEqual({ ds: "2026-01-01", monitoringMetrics: [] });
    expect(api.requests[0]?.url.searchParams.get("cuped")).toBe("true");
    expect(api.requests[0]?.url.searchParams.get("confidence")).toBe("95");
  });
});

describe("holdouts.list", () => {
  it("repeats the tags parameter once per tag", async () => {
    api.respondJson({
      message: "Holdouts listed successfully.",
      data: [],
      pagination: { itemsPerPage: 100, pageNumber: 1, totalItems: 0, nextPage: null, previousPage: null, all: "/console/v1/holdouts" },
    });
    await client().holdouts.list({ tags: ["growth", "q1"], creatorID: "usr_4f2a9c" });
    expect(api.requests[0]?.url.searchParams.getAll("tags")).toEqual(["growth", "q1"]);
    expect(api.requests[0]?.url.searchParams.get("creatorID")).toBe("usr_4f2a9c");
  });
});

// Compile-time checks (tsc runs over test/): never called.
export function holdoutTypeChecks(sc: StatsigConsole): void {
  // @ts-expect-error the ID form needs both user ID lists
  const half: OverridesBody = { passingUserIDs: ["user_qa_01"] };
  // @ts-expect-error removing overrides needs a body naming the IDs
  void sc.holdouts.overrides.delete("holdout_q1_baseline");
  // @ts-expect-error cuped is a boolean, not the text "true"
  void sc.holdouts.pulseResults.get("holdout_q1_baseline", { cuped: "true" });
  void half;
}
