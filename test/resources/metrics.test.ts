import { describe, expect, it } from "vitest";
import { Page } from "../../src/index.js";
import { useMockApi } from "../helpers/mock-api.js";

const api = useMockApi();

const client = api.client;
const query = api.query;

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
});
