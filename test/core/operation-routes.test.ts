// Which operation a request is for (operation-routes.ts): found from its method and schema path,
// for facade and `sc.raw` calls alike and behind a base URL with a path; the operation brings its
// idempotency, rate-limit group and secret path parameters with it.
import { describe, expect, it } from "vitest";
import { APIUserAbortError, StatsigConsole } from "../../src/index.js";
import type { HttpMethod, OperationDescriptor, OperationOverlap } from "../../src/core/operation.js";
import { createOperationRoutes, overlapReached } from "../../src/core/operation-routes.js";
import { anyEnvelope, json, scriptedFetch } from "../helpers/core.js";

const KEY = "console-operation-routes-test-key";

describe("sc.raw behind a base URL with a path (a proxy prefix)", () => {
  const PROXY = "http://proxy.test/proxy/statsig";

  function debugLines() {
    const lines: { message: string; fields?: Record<string, unknown> }[] = [];
    const record = (message: string, fields?: Record<string, unknown>) => void lines.push({ message, ...(fields ? { fields } : {}) });
    return { lines, logger: { error: record, warn: record, info: record, debug: record } };
  }

  it("finds the operation, so secret path parameters are redacted in logs and errors", async () => {
    const keyId = "console-secret-key-id-0001";
    const { lines, logger } = debugLines();
    const { fetch, calls } = scriptedFetch(() => json({ status: 404, message: `no key ${keyId}` }, 404));
    const sc = new StatsigConsole({ apiKey: KEY, fetch, baseUrl: PROXY, logLevel: "debug", logger });
    const { error, response } = await sc.raw.GET("/console/v1/keys/{id}", { params: { path: { id: keyId } } });
    expect(response.status).toBe(404);
    expect(error).toMatchObject({ status: 404 });
    expect(calls[0]!.url).toBe(`${PROXY}/console/v1/keys/${keyId}`);
    expect(lines.map((line) => line.fields?.path).filter(Boolean)).toEqual(["/console/v1/keys/[redacted]"]);
    expect(JSON.stringify(lines)).not.toContain(keyId);
  });

  it("counts ID-list calls in their own quota, not as ordinary mutations", async () => {
    // A unique key: limiters are shared by every client of a key in the process.
    const apiKey = `console-raw-prefix-${Date.now()}`;
    const { fetch, calls } = scriptedFetch(() => json({ message: "ok" }));
    const sc = new StatsigConsole({
      apiKey,
      fetch,
      baseUrl: PROXY,
      rateLimit: { mutations: [{ limit: 1000, intervalMs: 1000 }], segmentIdList: [{ limit: 1, intervalMs: 600_000 }] },
    });
    const controller = new AbortController();
    const add = (signal?: AbortSignal) =>
      sc.raw.PATCH("/console/v1/segments/{id}/id_list", { params: { path: { id: "seg" } }, body: { ids: ["u1"] }, ...(signal ? { signal } : {}) });
    await add();
    const second = add(controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Looked up as "mutations" (1000 a second), the second would have gone out at once.
    expect(calls).toHaveLength(1);
    controller.abort();
    await expect(second).rejects.toBeInstanceOf(APIUserAbortError);
    expect(calls.map((call) => new URL(call.url).pathname)).toEqual(["/proxy/statsig/console/v1/segments/seg/id_list"]);
  });
});

describe("every request finds its operation from its method and schema path", () => {
  it("a middleware added with sc.raw.use() sees facade and raw calls alike, with their schema path", async () => {
    const { fetch } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch, rateLimit: false });
    const seen: [string, string, string | null][] = [];
    sc.raw.use({
      onRequest({ request, schemaPath }) {
        seen.push([request.method, schemaPath, request.headers.get("statsig-api-version")]);
      },
    });
    await sc.gates.get("g1");
    await sc.raw.GET("/console/v1/gates/{id}", { params: { path: { id: "g1" } } });
    await sc.gates.create({ name: "g2" });
    expect(seen).toEqual([
      ["GET", "/console/v1/gates/{id}", "20240601"],
      ["GET", "/console/v1/gates/{id}", "20240601"],
      ["POST", "/console/v1/gates", "20240601"],
    ]);
  });

  it("a raw request outside the table gets the method's defaults: a POST is not retried after a response", async () => {
    const busy = () => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" });
    const { fetch, calls } = scriptedFetch(busy, busy, anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch, rateLimit: false });
    const post = sc.raw.POST as (path: string, init?: object) => Promise<{ response: Response }>;
    const get = sc.raw.GET as (path: string, init?: object) => Promise<{ response: Response }>;
    expect((await post("/console/v1/not_in_the_spec", { body: {} })).response.status).toBe(503);
    expect(calls).toHaveLength(1);
    expect((await get("/console/v1/not_in_the_spec")).response.status).toBe(200); // a GET is retried
    expect(calls).toHaveLength(3);
  });
});

describe("createOperationRoutes and overlapReached on their own", () => {
  const op = (id: string, method: HttpMethod, path: string, overlaps?: OperationOverlap[]): OperationDescriptor => ({
    id,
    method,
    path,
    pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
    response: "data",
    idempotent: method !== "POST",
    rateLimitGroup: "none",
    ...(overlaps ? { overlaps } : {}),
  });
  const metricsGet = op("metrics.get", "GET", "/console/v1/metrics/{id}", [{ id: "metrics.list", path: "/console/v1/metrics/list" }]);
  const metricsList = op("metrics.list", "GET", "/console/v1/metrics/list");
  const gatesGet = op("gates.get", "GET", "/console/v1/gates/{id}");
  const rulesGet = op("gates.rules.get", "GET", "/console/v1/gates/{id}/rules/{ruleID}");
  const gatesDelete = op("gates.delete", "DELETE", "/console/v1/gates/{id}");
  // The parameter route first in table order: only the literal-segment ordering can put `list` first.
  // Built in each test (not once in the describe): code run while tests are collected is outside
  // every test, where a mutation run cannot tell which test covers it.
  const table = () => createOperationRoutes([metricsGet, gatesGet, rulesGet, gatesDelete, metricsList]);

  it("finds by method and schema path exactly, and nothing for another method or an unknown path", () => {
    const routes = table();
    expect(routes.find("GET", "/console/v1/gates/{id}")).toBe(gatesGet);
    expect(routes.find("DELETE", "/console/v1/gates/{id}")).toBe(gatesDelete);
    expect(routes.find("PATCH", "/console/v1/gates/{id}")).toBeUndefined();
    expect(routes.find("GET", "/console/v1/gates/g1")).toBeUndefined();
  });

  it("matches a concrete path, a literal segment beating a parameter, whatever the table order", () => {
    const routes = table();
    expect(routes.match("GET", "/console/v1/metrics/list")).toBe(metricsList);
    expect(routes.match("GET", "/console/v1/metrics/m1")).toBe(metricsGet);
    expect(routes.match("get", "/console/v1/gates/g1")).toBe(gatesGet);
    expect(routes.match("DELETE", "/console/v1/gates/g1")).toBe(gatesDelete);
    expect(routes.match("GET", "/console/v1/gates/g1/rules/r1")).toBe(rulesGet);
  });

  it("matches nothing for another method, a different length, a different literal or an empty parameter", () => {
    const routes = table();
    expect(routes.match("PUT", "/console/v1/gates/g1")).toBeUndefined();
    expect(routes.match("GET", "/console/v1/gates")).toBeUndefined();
    expect(routes.match("GET", "/console/v1/gates/g1/rules")).toBeUndefined();
    expect(routes.match("GET", "/console/v1/gates/g1/overrides/r1")).toBeUndefined();
    expect(routes.match("GET", "/console/v2/gates/g1")).toBeUndefined();
    expect(routes.match("GET", "/console/v1/gates//rules/r1")).toBeUndefined();
  });

  it("ignores one trailing slash, but not on the root path", () => {
    const routes = table();
    expect(routes.match("GET", "/console/v1/gates/g1/")).toBe(gatesGet);
    expect(routes.match("GET", "/console/v1/gates/")).toBeUndefined();
    const root = createOperationRoutes([op("root.list", "GET", "/")]);
    expect(root.match("GET", "/")).toBe(root.find("GET", "/"));
    expect(root.match("GET", "/")?.id).toBe("root.list");
  });

  it("treats only a whole {name} segment as a parameter", () => {
    const half = createOperationRoutes([op("half.open", "GET", "/a/{id"), op("half.close", "GET", "/b/id}")]);
    expect(half.match("GET", "/a/x")).toBeUndefined();
    expect(half.match("GET", "/b/x")).toBeUndefined();
    expect(half.match("GET", "/a/{id")?.id).toBe("half.open");
  });

  it("refuses a table with two operations of the same method and path, naming both", () => {
    expect(() => createOperationRoutes([gatesGet, op("gates.again", "GET", "/console/v1/gates/{id}")])).toThrow("gates.again and gates.get are both GET /console/v1/gates/{id}");
  });

  it("overlapReached: the overlapped operation when the filled path is its path, a query or a trailing slash ignored", () => {
    expect(overlapReached(metricsGet, "/console/v1/metrics/list")).toEqual({ id: "metrics.list", path: "/console/v1/metrics/list" });
    expect(overlapReached(metricsGet, "/console/v1/metrics/list?page=2")?.id).toBe("metrics.list");
    expect(overlapReached(metricsGet, "/console/v1/metrics/list/")?.id).toBe("metrics.list");
    expect(overlapReached(metricsGet, "/console/v1/metrics/m1")).toBeUndefined();
    expect(overlapReached(metricsGet, "/console/v1/metrics/m1?x=list")).toBeUndefined();
    expect(overlapReached(gatesGet, "/console/v1/metrics/list")).toBeUndefined();
  });
});
