// Release pipelines: the run (trigger) list's filters and page-size cap, and the phase guard
// sent with approve/pause/skip/unpause.
import { describe, expect, it } from "vitest";
import { validatorAt } from "../helpers/ajv.js";
import { useMockApi } from "../helpers/mock-api.js";
import { bundledSpec, type JsonObject } from "../helpers/spec.js";

const api = useMockApi();

const client = api.client;
const emptyPage = { message: "ok", data: [], pagination: { itemsPerPage: 100, pageNumber: 1, totalItems: 0, nextPage: null, previousPage: null } };

describe("releasePipelineTriggers.list", () => {
  it("sends several statuses as repeated query parameters, with the other filters", async () => {
    api.respondJson(emptyPage);
    await client().releasePipelineTriggers.list({ status: ["PAUSED", "WAITING_FOR_REVIEW"], gateID: "checkout_v2", startDate: "2026-01-01", limit: 50 });

    const params = api.requests[0]!.url.searchParams;
    expect(params.getAll("status")).toEqual(["PAUSED", "WAITING_FOR_REVIEW"]);
    expect([params.get("gateID"), params.get("startDate"), params.get("limit")]).toEqual(["checkout_v2", "2026-01-01", "50"]);
  });

  it("caps the page size at 100", () => {
    const op = ((bundledSpec.paths as JsonObject)["/console/v1/release_pipeline_triggers"] as JsonObject).get as JsonObject;
    const limit = (op.parameters as JsonObject[]).find((p) => p.name === "limit")!;
    expect((limit.schema as JsonObject).maximum).toBe(100);
  });

  it("rejects an unknown run status in a returned trigger", () => {
    const validate = validatorAt(["components", "schemas", "ReleasePipelineTriggerStatus"]);
    expect(validate("WAITING_FOR_REVIEW")).toBe(true);
    expect(validate("RUNNING")).toBe(false);
  });
});

describe("run actions", () => {
  it("approve sends the phase it is meant for, and abort sends no body", async () => {
    const trigger = {
      id: "trigger_checkout_v2",
      releasePipelineID: "3nKc7PqExamplePipeline",
      status: "IN_PROGRESS",
      currentPhase: "Ten percent",
      currentPhaseID: "phase_ten_percent",
      currentPhaseEndTime: 1767330000000,
      actions: [],
      creatorID: "user_4f2a9c",
      createdTime: 1767225600000,
      lastModifierID: "user_9b1d77",
      lastModifierName: "Ben Example",
    };
    api.respondJson({ message: "Pipeline run updated.", data: trigger });
    const sc = client();
    const approved = await sc.releasePipelineTriggers.approve("trigger_checkout_v2", { phaseID: "phase_ten_percent" });
    await sc.releasePipelineTriggers.abort("trigger_checkout_v2");

    expect(approved).toEqual(trigger);
    expect(api.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      "PUT /console/v1/release_pipeline_triggers/trigger_checkout_v2/approve",
      "PUT /console/v1/release_pipeline_triggers/trigger_checkout_v2/abort",
    ]);
    expect(JSON.parse(api.requests[0]!.bodyText)).toEqual({ phaseID: "phase_ten_percent" });
    expect(api.requests[1]!.bodyText).toBe("");
  });
});
