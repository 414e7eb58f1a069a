// The facade and `sc.raw` share one request path (openapi-fetch's request() → one middleware →
// the transport): the same operation sends the same request either way, the path guards hold for
// both, and the operation of any request is the one its method and schema path name.
import { afterEach, describe, expect, it, vi } from "vitest";
import { InvalidRequestError, StatsigConsole } from "../../src/index.js";
import { bodyText, json, scriptedFetch } from "../helpers/core.js";

const KEY = "console-request-path-test-key";

afterEach(() => vi.unstubAllGlobals());
/** An answer every operation below can unwrap: a list, a `{ message }` and a `data` envelope at once. */
const anyEnvelope = () => json({ message: "ok", data: [], pagination: { itemsPerPage: 0, pageNumber: 1, nextPage: null, previousPage: null } });

interface Sent {
  method: string | undefined;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function sentRequests(calls: { url: string; init: RequestInit | undefined }[]): Sent[] {
  return calls.map(({ url, init }) => ({
    method: init?.method,
    url,
    headers: Object.fromEntries(new Headers(init?.headers)),
    body: bodyText(init),
  }));
}

function debugLogger() {
  const paths: unknown[] = [];
  const record = (_message: string, fields?: Record<string, unknown>) => void (fields?.path !== undefined && paths.push(fields.path));
  return { paths, logger: { error: record, warn: record, info: record, debug: record } };
}

describe("the facade and sc.raw send the same request for the same operation", () => {
  const cases: [string, (sc: StatsigConsole) => Promise<unknown>, (sc: StatsigConsole) => Promise<unknown>][] = [
    [
      "a GET with an array query (form style, exploded) and an undefined field",
      (sc) => sc.gates.list({ tags: ["checkout", "growth & more"], limit: 2, page: undefined }),
      (sc) => sc.raw.GET("/console/v1/gates", { params: { query: { tags: ["checkout", "growth & more"], limit: 2, page: undefined } } }),
    ],
    [
      "a POST with a body and a query",
      (sc) => sc.experiments.loadPulse("exp 1", { refresh: "metric", metricIDs: ["m::sum"] }, { query: { refresh: "metric", metricIDs: ["m::sum", "a/b"], turboMode: true } }),
      (sc) =>
        sc.raw.POST("/console/v1/experiments/{id}/load_pulse", {
          params: { path: { id: "exp 1" }, query: { refresh: "metric", metricIDs: ["m::sum", "a/b"], turboMode: true } },
          body: { refresh: "metric", metricIDs: ["m::sum"] },
        }),
    ],
    [
      "a PATCH with two path parameters that need encoding",
      (sc) => sc.gates.rules.patch("my gate", "rule/1?x", { passPercentage: 50 }),
      (sc) => sc.raw.PATCH("/console/v1/gates/{id}/rules/{ruleID}", { params: { path: { id: "my gate", ruleID: "rule/1?x" } }, body: { passPercentage: 50 } }),
    ],
    [
      "a GET with a secret path parameter",
      (sc) => sc.keys.get("console-secret-key-id-0042"),
      (sc) => sc.raw.GET("/console/v1/keys/{id}", { params: { path: { id: "console-secret-key-id-0042" } } }),
    ],
    [
      "a text (CSV) operation, whose Accept asks for text",
      (sc) => sc.usage.getBillingReport({ end: 1767225600000 }),
      (sc) => sc.raw.GET("/console/v1/project/usage_billing/report", { params: { query: { end: 1767225600000 } }, parseAs: "text" }),
    ],
  ];

  it.each(cases)("%s", async (_what, facadeCall, rawCall) => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const facadeLog = debugLogger();
    const rawLog = debugLogger();
    const options = { apiKey: KEY, fetch, rateLimit: false as const, respectReviewSettings: true, headers: { "x-team": "platform" }, logLevel: "debug" as const };
    await facadeCall(new StatsigConsole({ ...options, logger: facadeLog.logger }));
    await rawCall(new StatsigConsole({ ...options, logger: rawLog.logger }));
    expect(calls).toHaveLength(2);
    const [facade, raw] = sentRequests(calls);
    expect(raw).toEqual(facade);
    expect(facade!.headers).toMatchObject({ "statsig-api-key": KEY, "statsig-api-version": "20240601", "x-team": "platform" });
    // What logs show is the same too, secret path parameters redacted either way.
    expect(rawLog.paths).toEqual(facadeLog.paths);
    expect(JSON.stringify(facadeLog.paths)).not.toContain("console-secret-key-id-0042");
  });

  it("writes queries as before: arrays repeated, reserved characters encoded, undefined left out", async () => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    await sc.gates.list({ tags: ["a b", "c&d=e"], limit: 2, page: undefined });
    await sc.raw.GET("/console/v1/gates", { params: { query: { tags: ["a b", "c&d=e"], limit: 2, page: undefined } } });
    for (const call of calls) expect(new URL(call.url).search).toBe("?tags=a%20b&tags=c%26d%3De&limit=2");
  });

  it("refuses a null, an object or a non-finite number in a query, from either side, before sending", async () => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    const bad = [{ limit: null }, { limit: Number.NaN }, { tags: [{ nested: true }] }] as unknown as { limit?: number }[];
    for (const query of bad) {
      await expect(sc.gates.list(query)).rejects.toBeInstanceOf(InvalidRequestError);
      await expect(sc.raw.GET("/console/v1/gates", { params: { query } })).rejects.toBeInstanceOf(InvalidRequestError);
    }
    expect(calls).toHaveLength(0);
  });

  it("refuses a body JSON cannot write, from either side, before sending", async () => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch, rateLimit: false });
    const body = { name: "g", description: 1n } as unknown as { name: string };
    await expect(sc.gates.create(body)).rejects.toThrow(/cannot be serialised to JSON/);
    await expect(sc.raw.POST("/console/v1/gates", { body })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(0);
  });
});

describe("the path guards hold for sc.raw too", () => {
  it("refuses an id that would reach another endpoint (GET /metrics/{id} with id list is GET /metrics/list)", async () => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    await expect(sc.raw.GET("/console/v1/metrics/{id}", { params: { path: { id: "list" } } })).rejects.toThrow(/metrics.get: these path parameters would reach metrics.list/);
    await expect(sc.metrics.get("list")).rejects.toThrow(/would reach metrics.list/);
    expect(calls).toHaveLength(0);
    // The real list, asked for by its own path, goes through; an id that only starts like it too.
    await sc.raw.GET("/console/v1/metrics/list");
    await sc.raw.GET("/console/v1/metrics/{id}", { params: { path: { id: "list::sum" } } });
    expect(calls.map((call) => new URL(call.url).pathname)).toEqual(["/console/v1/metrics/list", "/console/v1/metrics/list%3A%3Asum"]);
  });

  it.each(["", ".", ".."])("refuses the id %j before sending anything", async (id) => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    await expect(sc.raw.GET("/console/v1/gates/{id}", { params: { path: { id } } })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(sc.raw.DELETE("/console/v1/gates/{id}/rules/{ruleID}", { params: { path: { id: "g", ruleID: id } } })).rejects.toThrow(/path parameter "ruleID"/);
    expect(calls).toHaveLength(0);
  });

  it("refuses missing path parameters instead of sending a literal {id}", async () => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    const get = sc.raw.GET as (path: string, init?: object) => Promise<unknown>;
    await expect(get("/console/v1/gates/{id}")).rejects.toThrow(/gates.get: path parameter "id"/);
    await expect(get("/console/v1/gates/{id}", { params: { path: {} } })).rejects.toThrow(/path parameter "id" must be a non-empty string/);
    expect(calls).toHaveLength(0);
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

describe("the transport under sc.raw", () => {
  it("reads a raw request's body once and sends the same bytes on every attempt", async () => {
    const busy = () => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" });
    const { fetch, calls } = scriptedFetch(busy, busy, anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch, rateLimit: false });
    // POST /gates/{id} is a full update, idempotent in the spec (x-idempotent): retried after a 503.
    await sc.raw.POST("/console/v1/gates/{id}", { params: { path: { id: "g1" } }, body: { isEnabled: true, description: "é", rules: [] } });
    expect(calls).toHaveLength(3);
    expect(calls.map((call) => bodyText(call.init))).toEqual(Array(3).fill('{"isEnabled":true,"description":"é","rules":[]}'));
    expect(new Set(calls.map((call) => call.init?.body)).size).toBe(1); // one buffer, read once
  });

  it("looks up globalThis.fetch on every request, not when the client is built", async () => {
    const sc = new StatsigConsole({ apiKey: KEY });
    const first = scriptedFetch(anyEnvelope);
    vi.stubGlobal("fetch", first.fetch);
    await sc.raw.GET("/console/v1/gates");
    const second = scriptedFetch(anyEnvelope);
    vi.stubGlobal("fetch", second.fetch);
    await sc.raw.GET("/console/v1/gates");
    await sc.gates.list();
    expect([first.calls.length, second.calls.length]).toEqual([1, 2]);
  });
});
