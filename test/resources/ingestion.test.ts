// ingestion: a status list that is an array without pagination, and a run list that pages by page
// number alone (the operation has no limit).
import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { useMockApi } from "../helpers/mock-api.js";

const api = useMockApi();
const client = api.client;
const query = api.query;

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

describe("array results that are not paginated", () => {
  it("ingestion.status.list resolves to the array even without a pagination object", async () => {
    const data = [{ timestamp: "2026-01-02T06:10:00.000Z", ingestion_dataset: "events", ingestion_source: null, message: "done", status: "IMPORT_SUCCESSFUL" }];
    api.respondJson({ message: "ok", data });

    const statuses = await client().ingestion.status.list({ startDate: "2026-01-01", endDate: "2026-01-07", statuses: ["IMPORT_SUCCESSFUL", "ERROR"] });

    expect(statuses).toEqual(data);
    expect(query()).toEqual(["startDate=2026-01-01", "endDate=2026-01-07", "statuses=IMPORT_SUCCESSFUL", "statuses=ERROR"]);
  });
});
