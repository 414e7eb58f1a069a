// Experiments: behaviour the generic facade test does not cover — multi-value list filters,
// pagination through the list, load_pulse sending a body and query together, optional lifecycle
// bodies, message-only results, retries per idempotency flag, the Warehouse Native singular/plural
// paths. Compile-only checks of the request shapes are in experiments.types.ts.
import { HttpResponse } from "msw";
import { describe, expect, expectTypeOf, it } from "vitest";
import { InternalServerError, NotFoundError, type Experiment, type ExperimentCreateBody, type ExperimentPulseResults, type ExperimentStatus } from "../../src/index.js";
import { BASE_URL, useMockApi } from "../helpers/mock-api.js";

const api = useMockApi();

const client = api.client;

function experiment(id: string, status: ExperimentStatus = "active"): Experiment {
  return {
    id,
    name: id,
    description: "",
    idType: "userID",
    status,
    experimentType: "BASE",
    isStale: false,
    hypothesis: "",
    groups: [
      { name: "Control", id: `${id}_control`, size: 50, parameterValues: { enabled: false } },
      { name: "Test", id: `${id}_test`, size: 50, parameterValues: { enabled: true } },
    ],
    allocation: 100,
    layerID: null,
    targetingGateID: null,
    primaryMetrics: [],
    secondaryMetrics: [],
    startTime: 1767484800000,
    endTime: null,
    decisionTime: null,
    decisionReason: null,
    tags: [],
    healthCheckStatus: "PASSED",
    bonferroniCorrection: false,
    defaultConfidenceInterval: "95",
    createdTime: 1767225600000,
    creatorName: "Dana Example",
    lastModifiedTime: 1767312000000,
    lastModifierID: "user_7Hq2",
    lastModifierName: "Dana Example",
    lastModifierEmail: "dana@example.com",
  };
}

const searchPairs = (url: URL) => [...url.searchParams].map(([k, v]) => `${k}=${v}`);

describe("experiments.list", () => {
  it("sends multi-value filters as repeated parameters and booleans as text", async () => {
    api.respondJson({
      message: "ok",
      data: [experiment("exp_a")],
      pagination: { itemsPerPage: 100, pageNumber: 1, totalItems: 1, nextPage: null, previousPage: null },
    });
    const page = await client().experiments.list({
      status: ["active", "decision_made"],
      experimentType: ["BASE", "SWITCHBACK"],
      tags: ["checkout"],
      stale: false,
    });
    expect(page.data.map((e) => e.id)).toEqual(["exp_a"]);
    expect(searchPairs(api.requests[0]!.url).sort()).toEqual(
      ["status=active", "status=decision_made", "experimentType=BASE", "experimentType=SWITCHBACK", "tags=checkout", "stale=false"].sort(),
    );
  });

  it("iterates every experiment across pages, keeping the filters on each page", async () => {
    api.respond(({ url }) => {
      const pageNumber = Number(url.searchParams.get("page") ?? "1");
      const ids = pageNumber === 1 ? ["exp_1", "exp_2"] : ["exp_3"];
      return HttpResponse.json({
        message: "ok",
        data: ids.map((id) => experiment(id, "setup")),
        pagination: {
          itemsPerPage: 2,
          pageNumber,
          totalItems: 3,
          nextPage: pageNumber === 1 ? "/console/v1/experiments?page=2&limit=2" : null,
          previousPage: pageNumber === 1 ? null : "/console/v1/experiments?page=1&limit=2",
        },
      });
    });
    const ids: string[] = [];
    for await (const e of client().experiments.list({ status: ["setup"], limit: 2 })) ids.push(e.id);
    expect(ids).toEqual(["exp_1", "exp_2", "exp_3"]);
    expect(api.requests).toHaveLength(2);
    for (const request of api.requests) {
      expect(request.url.searchParams.getAll("status")).toEqual(["setup"]);
      expect(request.url.searchParams.get("limit")).toBe("2");
    }
    expect(api.requests.map((r) => r.url.searchParams.get("page") ?? "1")).toEqual(["1", "2"]);
  });
});

describe("lifecycle operations", () => {
  it("start without a body sends no body and resolves to the message", async () => {
    api.respondJson({ message: "Experiment started." });
    const result = await client().experiments.start("checkout_redesign");
    expect(result).toEqual({ message: "Experiment started." });
    const request = api.requests[0]!;
    expect(request.method).toBe("PUT");
    expect(request.url.pathname).toBe("/console/v1/experiments/checkout_redesign/start");
    expect(request.bodyText).toBe("");
  });

  it("makeDecision sends the group to ship", async () => {
    api.respondJson({ message: "Decision recorded." });
    await client().experiments.makeDecision("checkout_redesign", { id: "grp_test", decisionReason: "Clear win." });
    expect(JSON.parse(api.requests[0]!.bodyText)).toEqual({ id: "grp_test", decisionReason: "Clear win." });
  });

  it("disableGroups resolves to the experiment from a 201 response", async () => {
    const disabled = experiment("checkout_redesign");
    disabled.groups[1] = { ...disabled.groups[1]!, disabled: true };
    api.respondJson({ message: "Experiment groups updated.", data: disabled }, 201);
    const result = await client().experiments.disableGroups("checkout_redesign", { group_names: ["Test"] });
    expect(result.groups.map((g) => g.disabled ?? false)).toEqual([false, true]);
    expect(api.requests[0]!.method).toBe("POST");
    expect(JSON.parse(api.requests[0]!.bodyText)).toEqual({ group_names: ["Test"] });
  });

  it("delete resolves to the message only", async () => {
    api.respondJson({ message: "Experiment deleted successfully." });
    await expect(client().experiments.delete("checkout_redesign")).resolves.toEqual({ message: "Experiment deleted successfully." });
  });

  it("a missing experiment rejects with NotFoundError", async () => {
    api.respondJson({ status: 404, message: "Experiment not found." }, 404);
    const error = await client()
      .experiments.get("no_such_experiment")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).status).toBe(404);
  });
});

describe("retries follow the spec's idempotency flags", () => {
  const retrying = () => api.client({ maxRetries: 2 });
  const failOnceThen = api.failOnceThen;

  it("retries full updates and group toggles (POSTs marked idempotent)", async () => {
    const data = experiment("checkout_redesign");
    failOnceThen({ message: "ok", data });
    await expect(
      retrying().experiments.update("checkout_redesign", {
        description: "",
        idType: "userID",
        hypothesis: "",
        groups: data.groups,
        allocation: 100,
        targetingGateID: null,
        bonferroniCorrection: false,
        defaultConfidenceInterval: "95",
        status: "setup",
      }),
    ).resolves.toEqual(data);
    expect(api.requests).toHaveLength(2);

    api.reset();
    failOnceThen({ message: "ok", data }, 201);
    await retrying().experiments.enableGroups("checkout_redesign", { group_names: ["Test"] });
    expect(api.requests).toHaveLength(2);
  });

  it("does not repeat a create or a restart-as-new after a server error", async () => {
    failOnceThen({ message: "ok", data: experiment("created") }, 201);
    await expect(retrying().experiments.create({ name: "created" })).rejects.toBeInstanceOf(InternalServerError);
    expect(api.requests).toHaveLength(1);

    api.reset();
    failOnceThen({ message: "ok", data: experiment("copy") });
    await expect(retrying().experiments.restartAsNew("checkout_redesign", { name: "copy" })).rejects.toBeInstanceOf(InternalServerError);
    expect(api.requests).toHaveLength(1);
  });
});

describe("results", () => {
  it("pulseResults.get sends the required groups and boolean options as text, and resolves to camelCase rows", async () => {
    const data: ExperimentPulseResults = {
      ds: "2026-01-14",
      primaryMetrics: [{ metricID: "purchase::event_count", metricName: "purchase", directionality: "increase", testMean: 1.27, pValue: 0.01 }],
      secondaryMetrics: [],
    };
    api.respondJson({ message: "ok", data });
    const result = await client().experiments.pulseResults.get("checkout_redesign", {
      control: "grp_c",
      test: "grp_t",
      cuped: true,
      applyBonferroniPerMetric: false,
    });
    expect(result.primaryMetrics[0]?.testMean).toBe(1.27);
    expect(searchPairs(api.requests[0]!.url).sort()).toEqual(["applyBonferroniPerMetric=false", "control=grp_c", "cuped=true", "test=grp_t"]);
  });

  it("cumulativeExposures.get resolves to one series per group", async () => {
    api.respondJson({
      message: "ok",
      data: [
        { groupID: "grp_c", groupName: "Control", results: [{ date: "2026-01-05", exposures: 10 }] },
        { groupID: "grp_t", groupName: "Test", results: [{ date: "2026-01-05", exposures: 12 }] },
      ],
    });
    const series = await client().experiments.cumulativeExposures.get("checkout_redesign");
    expect(series.map((s) => s.results[0]?.exposures)).toEqual([10, 12]);
  });
});

describe("Warehouse Native", () => {
  it("loadPulse sends its body and the query options together", async () => {
    api.respondJson({ message: "Pulse load started." });
    await client().experiments.loadPulse(
      "checkout_redesign",
      { refresh: "metric", metricIDs: ["purchase::event_count"] },
      { query: { refresh: "metric", metricIDs: ["purchase::event_count", "refund::sum"] } },
    );
    const request = api.requests[0]!;
    expect(request.url.pathname).toBe("/console/v1/experiments/checkout_redesign/load_pulse");
    expect(request.url.searchParams.getAll("metricIDs")).toEqual(["purchase::event_count", "refund::sum"]);
    expect(JSON.parse(request.bodyText)).toEqual({ refresh: "metric", metricIDs: ["purchase::event_count"] });
  });

  it("uses the plural path to list and create sources and the singular one for a single source", async () => {
    const source = {
      name: "web_assignments",
      description: "",
      tags: [],
      sql: "SELECT 1",
      timestampColumn: "ts",
      experimentIDColumn: "experiment",
      groupIDColumn: "group_id",
      idTypeMapping: [{ statsigUnitID: "userID", column: "user_id" }],
    };
    api.respond(({ method }) =>
      method === "GET"
        ? HttpResponse.json({ message: "ok", data: [source], pagination: { itemsPerPage: 100, pageNumber: 1, nextPage: null, previousPage: null } })
        : method === "DELETE"
          ? HttpResponse.json({ message: "deleted" })
          : HttpResponse.json({ message: "ok", data: source }, { status: method === "POST" && api.requests.length === 2 ? 201 : 200 }),
    );
    const sc = client();
    await sc.experiments.assignmentSources.list();
    await sc.experiments.assignmentSources.create({ ...source });
    await sc.experiments.assignmentSources.update("web_assignments", {
      sql: "SELECT 2",
      timestampColumn: "ts",
      experimentIDColumn: "experiment",
      groupIDColumn: "group_id",
      idTypeMapping: source.idTypeMapping,
    });
    await sc.experiments.assignmentSources.patch("web_assignments", { scheduledReloadHour: 5 });
    await sc.experiments.assignmentSources.delete("web_assignments");
    await sc.experiments.entityProperties.get("customer plans");
    expect(api.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      "GET /console/v1/experiments/assignment_sources",
      "POST /console/v1/experiments/assignment_sources",
      "POST /console/v1/experiments/assignment_source/web_assignments",
      "PATCH /console/v1/experiments/assignment_source/web_assignments",
      "DELETE /console/v1/experiments/assignment_source/web_assignments",
      "GET /console/v1/experiments/entity_property/customer%20plans",
    ]);
    expect(api.requests.every((r) => r.url.origin === BASE_URL)).toBe(true);
  });
});

describe("types", () => {
  it("narrows the experiment entity", () => {
    expectTypeOf<Experiment["status"]>().toEqualTypeOf<ExperimentStatus>();
    expectTypeOf<Experiment["startTime"]>().toEqualTypeOf<number | null>();
    expectTypeOf<Experiment["experimentType"]>().toEqualTypeOf<"BASE" | "GEO" | "SWITCHBACK" | "PROMPT" | "SIDECAR" | "GRID_SEARCH">();
    expectTypeOf<Experiment["defaultConfidenceInterval"]>().toEqualTypeOf<"80" | "90" | "95" | "98" | "99">();
    expectTypeOf<ExperimentCreateBody>().toMatchTypeOf<{ name: string }>();
  });
});
