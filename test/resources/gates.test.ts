import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { useMockApi } from "../helpers/mock-api.js";

const api = useMockApi();

const gate = {
  id: "checkout_redesign",
  name: "checkout_redesign",
  idType: "userID",
  description: "Shows the redesigned checkout flow.",
  tags: ["checkout"],
  createdTime: 1767225600000,
  creatorName: "Dana Example",
  lastModifiedTime: 1767312000000,
  lastModifierID: "key_console_01",
  lastModifierName: "CONSOLE API",
  lastModifierEmail: null,
  checksPerHour: 0,
  status: "In Progress",
  type: "TEMPORARY",
  typeReason: "NONE",
  isEnabled: true,
  rules: [],
};

const client = (maxRetries = 0) => api.client({ maxRetries });

describe("gates.list filters", () => {
  it("repeats one-or-many filters and sends booleans as true/false", async () => {
    api.respondJson({
      message: "Gates listed successfully.",
      data: [gate],
      pagination: { itemsPerPage: 50, pageNumber: 1, totalItems: 1, nextPage: null, previousPage: null },
    });
    const page = await client().gates.list({
      tags: ["checkout", "q1"],
      passRate: ["0", "100"],
      idType: ["userID"],
      type: "TEMPORARY",
      includeArchived: true,
      store0100Exposures: false,
      targetAppID: "web_storefront",
      limit: 50,
    });

    expect(page.data.map((g) => g.id)).toEqual(["checkout_redesign"]);
    const search = api.requests[0]!.url.searchParams;
    expect(search.getAll("tags")).toEqual(["checkout", "q1"]);
    expect(search.getAll("passRate")).toEqual(["0", "100"]);
    expect(search.getAll("idType")).toEqual(["userID"]);
    expect(search.get("type")).toBe("TEMPORARY");
    expect(search.get("includeArchived")).toBe("true");
    expect(search.get("store0100Exposures")).toBe("false");
    expect(search.get("targetAppID")).toBe("web_storefront");
    expect(search.get("limit")).toBe("50");
  });
});

describe("gates.archive body", () => {
  it("sends no body when none is given", async () => {
    api.respondJson({ message: "Gate updated successfully.", data: { ...gate, status: "Archived" } });
    const archived = await client().gates.archive("checkout_redesign");
    expect(archived.status).toBe("Archived");
    const request = api.requests[0]!;
    expect(request.method).toBe("PUT");
    expect(request.url.pathname).toBe("/console/v1/gates/checkout_redesign/archive");
    expect(request.bodyText).toBe("");
  });

  it("sends the reason when one is given", async () => {
    api.respondJson({ message: "Gate updated successfully.", data: { ...gate, status: "Archived" } });
    await client().gates.archive("checkout_redesign", { archiveReason: "Fully launched.", forceArchive: true });
    expect(JSON.parse(api.requests[0]!.bodyText)).toEqual({ archiveReason: "Fully launched.", forceArchive: true });
  });
});

describe("retries follow x-idempotent", () => {
  const failOnceThenSucceed = () => api.failOnceThen({ message: "Gate updated successfully.", data: gate });

  it("repeats a full update (POST /gates/{id}) after a 503", async () => {
    failOnceThenSucceed();
    const updated = await client(2).gates.update("checkout_redesign", { isEnabled: true, description: "d", rules: [] });
    expect(updated.id).toBe("checkout_redesign");
    expect(api.requests).toHaveLength(2);
  });

  it("does not repeat adding a rule (POST /gates/{id}/rule) after a 503", async () => {
    failOnceThenSucceed();
    await expect(client(2).gates.rules.create("checkout_redesign", { name: "Everyone", passPercentage: 10, conditions: [{ type: "public" }] })).rejects.toMatchObject({
      status: 503,
    });
    expect(api.requests).toHaveLength(1);
  });
});

describe("deprecated multi-rule operations", () => {
  const manifest = JSON.parse(readFileSync(new URL("../../generated/operations.json", import.meta.url), "utf8")) as {
    operations: { operationId: string; deprecated: boolean }[];
  };
  const deprecated = (id: string) => manifest.operations.find((op) => op.operationId === id)?.deprecated;

  it("are flagged deprecated in the manifest, unlike the single-rule operations", () => {
    expect(deprecated("gates.rules.createMany")).toBe(true);
    expect(deprecated("gates.rules.updateMany")).toBe(true);
    expect(deprecated("gates.rules.create")).toBe(false);
    expect(deprecated("gates.rules.patch")).toBe(false);
  });

  it("still send their request", async () => {
    api.respondJson({ message: "Gate rules added successfully.", data: gate });
    await client().gates.rules.createMany("checkout_redesign", {
      rules: [{ name: "Canada", passPercentage: 10, conditions: [{ type: "country", operator: "any", targetValue: ["CA"] }] }],
    });
    const request = api.requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.url.pathname).toBe("/console/v1/gates/checkout_redesign/rules");
  });
});
