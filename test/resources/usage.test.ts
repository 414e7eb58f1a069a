// usage: the billing report resolves to the CSV text as sent, and still fails with a typed error.
import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { BadRequestError } from "../../src/index.js";
import { useMockApi } from "../helpers/mock-api.js";

const api = useMockApi();
const client = api.client;
const query = api.query;

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
