// x-bare-data: an operation whose data the API may send without the envelope (the ingestion status
// list) returns the same list from either shape, on a real socket; other operations still refuse a
// body that is not their envelope.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../../generated/operations.js";
import { APIResponseError, StatsigConsole } from "../../src/index.js";
import { buildOperationModels } from "../../scripts/lib/operation-model.js";
import { operationObject, manifest } from "../helpers/spec.js";

const rows = [{ timestamp: 1767312000000, status: "BACKFILL_STARTED", dataset: "events" }];
let bare = true;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(bare ? rows : { message: "ok", data: rows }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("x-bare-data", () => {
  it("is on the operations whose decisions say the API sends both shapes, and nowhere else", () => {
    const flagged = Object.values(operations)
      .filter((op) => op.bareData === true)
      .map((op) => op.id);
    expect(flagged).toEqual(["ingestion.status.list"]);
    const fromSpec = manifest.operations.filter((op) => operationObject(op)["x-bare-data"] === true).map((op) => op.operationId);
    expect(fromSpec).toEqual(flagged);
  });

  it("returns the list from a bare array and from the envelope alike", async () => {
    const sc = new StatsigConsole({ apiKey: "console-bare", baseUrl, maxRetries: 0, logLevel: "off" });
    const query = { startDate: "2026-01-01", endDate: "2026-01-02" } as Parameters<typeof sc.ingestion.status.list>[0];
    bare = true;
    expect(await sc.ingestion.status.list(query)).toEqual(rows);
    bare = false;
    expect(await sc.ingestion.status.list(query)).toEqual(rows);
  });

  it("leaves other data operations strict: a bare array is not a gate", async () => {
    const sc = new StatsigConsole({ apiKey: "console-bare", baseUrl, maxRetries: 0, logLevel: "off" });
    bare = true;
    await expect(sc.gates.get("checkout")).rejects.toBeInstanceOf(APIResponseError);
  });

  it("is refused by the generator on an operation that does not return the envelope's data", () => {
    const doc = (kind: string, bareData: unknown) => ({
      paths: {
        "/console/v1/things": {
          get: {
            operationId: "things.list",
            "x-bare-data": bareData,
            "x-response-kind": kind,
            responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } },
          },
        },
      },
    });
    expect(buildOperationModels(doc("data", true), [])[0]!.bareData).toBe(true);
    expect(() => buildOperationModels(doc("message", true), [])).toThrow(/x-bare-data/);
    expect(() => buildOperationModels(doc("data", "yes"), [])).toThrow(/x-bare-data/);
  });
});
