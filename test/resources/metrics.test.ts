// Behaviour of the data-area operations that the generic facade test does not pin down: the CSV
// billing report, percent-encoded metric ids and names, non-paginated array results, a list that
// pages without `limit`, and multi-value query filters.
import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { BadRequestError, Page } from "../../src/index.js";
import { useMockApi } from "../helpers/mock-api.js";

const api = useMockApi();

const client = api.client;
const query = (i = 0) => [...api.requests[i]!.url.searchParams].map(([k, v]) => `${k}=${v}`);

describe("usage.getBillingReport", () => {
  it("resolves to the CSV text as sent, with the period in the query", async () => {
    const csv = "date,usage_type,units\n2026-01-01,events,1250000\n2026-01-02,events,1190000\n";
    api.respond(() => new HttpResponse(csv, { status: 200, headers: { "content-type": "text/csv; charset=utf-8" } }));

    const report = await client().usage.getBillingReport({ start: 1764547200000, end: 1767225600000 });

    expect(report).toBe(csv);
    expect(api.requests[0]!.method).toBe("GET");
    expect(api.requests[0]!.url.pathname).toBe("/console/v1/project/usage_billing/report");
    expect(query().sort()).toEqual(["end=1767225600000", "start=1764547200000"]);
  });

  it("still raises a typed error when the report fails", async () => {
    api.respondJson({ status: 400, message: "end must be after start" }, 400);
    const error: unknown = await client()
      .usage.getBillingReport({ end: 1 })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, body: { status: 400, message: "end must be after start" } });
  });
});

describe("metric ids and names in paths", () => {
  it("percent-encodes a metric id, so `name::type` stays one path segment", async () => {
    api.respondJson({ message: "ok", data: { id: "checkout_revenue::sum" } });
    await client().metrics.get("checkout_revenue::sum");
    expect(api.requests[0]!.url.pathname).toBe("/console/v1/metrics/checkout_revenue%3A%3Asum");
  });

  it("keeps a name with a slash inside its own segment instead of reaching another route", async () => {
    api.respondJson({ message: "ok", data: { id: "a/b::sum" } });
    await client().metrics.getByNameAndType("revenue/refunds", "sum");
    expect(api.requests[0]!.url.pathname).toBe("/console/v1/metrics/revenue%2Frefunds/sum");
  });

  it("reaches the fixed list route through metrics.list, not metrics.get", async () => {
    api.respondJson({ message: "ok", data: [], pagination: { itemsPerPage: 100, pageNumber: 1, nextPage: null, previousPage: null } });
    await client().metrics.list({ tags: ["checkout", "revenue"] });
    expect(api.requests[0]!.url.pathname).toBe("/console/v1/metrics/list");
    expect(query()).toEqual(["tags=checkout", "tags=revenue"]);
  });

  it("percent-encodes metric source names", async () => {
    api.respondJson({ message: "ok", data: [], pagination: { itemsPerPage: 100, pageNumber: 1, nextPage: null, previousPage: null } });
    await client().metrics.sources.metrics.list("orders & refunds");
    expect(api.requests[0]!.url.pathname).toBe("/console/v1/metrics/metric_source/orders%20%26%20refunds/metrics");
  });
});

describe("array results that are not paginated", () => {
  it("metrics.getValue resolves to the array of daily values", async () => {
    const data = [
      { value: 3.2, unit_type: "userID", numerator: 1250.5, denominator: 390, metric_name: "checkout_revenue", metric_type: "sum" },
      { value: 1250.5, unit_type: "overall", numerator: null, denominator: null },
    ];
    api.respondJson({ message: "Metric read successfully.", data });

    const values = await client().metrics.getValue({ id: "checkout_revenue::sum", date: "2026-01-01" });

    expect(values).not.toBeInstanceOf(Page);
    expect(values).toEqual(data);
    expect(query().sort()).toEqual(["date=2026-01-01", "id=checkout_revenue::sum"]);
  });

  it("ingestion.status.list resolves to the array even without a pagination object", async () => {
    const data = [{ timestamp: "2026-01-02T06:10:00.000Z", ingestion_dataset: "events", ingestion_source: null, message: "done", status: "IMPORT_SUCCESSFUL" }];
    api.respondJson({ message: "ok", data });

    const statuses = await client().ingestion.status.list({ startDate: "2026-01-01", endDate: "2026-01-07", statuses: ["IMPORT_SUCCESSFUL", "ERROR"] });

    expect(statuses).toEqual(data);
    expect(query()).toEqual(["startDate=2026-01-01", "endDate=2026-01-07", "statuses=IMPORT_SUCCESSFUL", "statuses=ERROR"]);
  });
});

describe("ingestion.runs.list", () => {
  it("walks every page by page number alone (the operation has no limit)", async () => {
    const run = (n: number) => ({
      runID: `run_${n}`,
      latestStatus: "succeeded",
      lastUpdatedAt: "2026-01-02T06:10:00.000Z",
      createdAt: "2026-01-02T06:00:00.000Z",
      trigger: "scheduled",
      sources: [],
      dateStamps: [],
      runHistory: [],
      granularHistory: [],
    });
    api.respond((request) => {
      const page = Number(request.url.searchParams.get("page") ?? "1");
      const last = page === 2;
      return HttpResponse.json({
        message: "ok",
        data: last ? [run(3)] : [run(1), run(2)],
        pagination: { itemsPerPage: 2, pageNumber: page, nextPage: last ? null : "/console/v1/ingestion/runs?page=2", previousPage: null },
      });
    });

    const ids: string[] = [];
    for await (const r of client().ingestion.runs.list()) ids.push(r.runID);

    expect(ids).toEqual(["run_1", "run_2", "run_3"]);
    expect(api.requests.map((r) => r.url.searchParams.get("limit"))).toEqual([null, null]);
    expect(api.requests.map((r) => r.url.searchParams.get("page"))).toEqual([null, "2"]);
  });
});

describe("exposureCount.get", () => {
  it("sends each id list as a repeated query parameter", async () => {
    api.respondJson({ message: "ok", data: { gates: [], experiments: [], dynamicConfigs: [] } });
    await client().exposureCount.get({ gates: ["new_checkout_flow", "dark_mode"], experiments: ["pricing_page_test"] });
    expect(query()).toEqual(["gates=new_checkout_flow", "gates=dark_mode", "experiments=pricing_page_test"]);
  });
});
