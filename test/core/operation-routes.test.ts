// Which operation a request is for (operation-routes.ts): found from its method and schema path,
// for facade and `sc.raw` calls alike and behind a base URL with a path; the operation brings its
// idempotency, rate-limit group and secret path parameters with it.
import { describe, expect, it } from "vitest";
import { APIUserAbortError, StatsigConsole } from "../../src/index.js";
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
