import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it, vi } from "vitest";
import { APIUserAbortError, InvalidRequestError, StatsigConsole, type FetchFunction } from "../../src/index.js";
import { json, scriptedFetch } from "../helpers/core.js";
import { repoRoot } from "../helpers/spec.js";

const KEY = "console-client-test-key";
const gate = { id: "g1", name: "g1" };
const okGate = () => json({ message: "ok", data: gate });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

describe("authentication and options", () => {
  it("needs a key, with a clear error before any request", () => {
    vi.stubEnv("STATSIG_CONSOLE_API_KEY", "");
    expect(() => new StatsigConsole()).toThrow(InvalidRequestError);
    expect(() => new StatsigConsole()).toThrow(/STATSIG_CONSOLE_API_KEY/);
  });

  it("reads STATSIG_CONSOLE_API_KEY", async () => {
    vi.stubEnv("STATSIG_CONSOLE_API_KEY", "console-from-env");
    const { fetch, calls } = scriptedFetch(okGate);
    await new StatsigConsole({ fetch }).gates.get("g1");
    expect(new Headers(calls[0]!.init?.headers).get("statsig-api-key")).toBe("console-from-env");
  });

  it.each([
    ["secret-abcdef123", /Server Secret/],
    ["client-abcdef123", /Client SDK/],
  ])("rejects %s, which is not a Console key, without echoing it", (key, message) => {
    let error: unknown;
    try {
      new StatsigConsole({ apiKey: key });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(key);
  });

  it("rejects invalid numeric options", () => {
    expect(() => new StatsigConsole({ apiKey: KEY, timeoutMs: -1 })).toThrow(InvalidRequestError);
    expect(() => new StatsigConsole({ apiKey: KEY, maxRetries: 1.5 })).toThrow(InvalidRequestError);
    expect(() => new StatsigConsole({ apiKey: KEY, maxPages: 0 })).toThrow(InvalidRequestError);
    expect(() => new StatsigConsole({ apiKey: KEY, rateLimit: { mutations: [{ limit: 0, intervalMs: 1 }] } })).toThrow(RangeError);
  });

  it("sends the version header, custom headers and uses baseUrl", async () => {
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = new StatsigConsole({ apiKey: KEY, fetch, baseUrl: "http://localhost:9999/", apiVersion: "20250101", headers: { "x-team": "platform" } });
    await sc.gates.get("g1");
    expect(calls[0]!.url).toBe("http://localhost:9999/console/v1/gates/g1");
    const headers = new Headers(calls[0]!.init?.headers);
    expect(headers.get("statsig-api-version")).toBe("20250101");
    expect(headers.get("x-team")).toBe("platform");
  });

  it("lets a caller's header replace ours whatever its case, and never sends two values", async () => {
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = new StatsigConsole({ apiKey: KEY, fetch, headers: { "Statsig-Api-Version": "20250101" } });
    await sc.gates.get("g1", { headers: { Accept: "application/json; charset=utf-8", "STATSIG-API-KEY": "console-not-used" } });
    await sc.raw.GET("/console/v1/gates/{id}", { params: { path: { id: "g1" } }, headers: { "STATSIG-API-VERSION": "20250101" } });
    for (const call of calls) {
      const headers = new Headers(call.init?.headers);
      expect(headers.get("statsig-api-version")).toBe("20250101");
      expect(headers.get("statsig-api-key")).toBe(KEY);
    }
    expect(new Headers(calls[0]!.init?.headers).get("accept")).toBe("application/json; charset=utf-8");
  });

  it("resolves globalThis.fetch on every request, not at construction", async () => {
    const sc = new StatsigConsole({ apiKey: KEY, rateLimit: false });
    const first = scriptedFetch(okGate);
    vi.stubGlobal("fetch", first.fetch);
    await sc.gates.get("g1");
    const second = scriptedFetch(okGate);
    vi.stubGlobal("fetch", second.fetch);
    await sc.gates.get("g1");
    expect(first.calls).toHaveLength(1);
    expect(second.calls).toHaveLength(1);
  });

  it("sends x-respect-review-settings on mutations only when asked", async () => {
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = new StatsigConsole({ apiKey: KEY, fetch, respectReviewSettings: true, rateLimit: false });
    await sc.gates.get("g1");
    await sc.gates.create({ name: "new_gate" });
    await sc.gates.create({ name: "other_gate" }, { respectReviewSettings: false });
    const flags = calls.map((c) => new Headers(c.init?.headers).get("x-respect-review-settings"));
    expect(flags).toEqual([null, "true", null]);
  });
});

describe("path parameters", () => {
  it("percent-encodes ids so they can never reach another endpoint", async () => {
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    await sc.gates.get("a/b?c");
    await sc.gates.rules.delete("gate one", "rule#1");
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual(["/console/v1/gates/a%2Fb%3Fc", "/console/v1/gates/gate%20one/rules/rule%231"]);
    expect(new URL(calls[0]!.url).search).toBe("");
  });

  it.each(["", ".", ".."])("rejects the id %j before sending anything", async (id) => {
    const { fetch, calls } = scriptedFetch(okGate);
    await expect(new StatsigConsole({ apiKey: KEY, fetch }).gates.get(id)).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(0);
  });

  it("rejects an id that would reach an overlapping endpoint of the API", async () => {
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    // GET /metrics/{id} with id "list" is GET /metrics/list, a different operation.
    await expect(sc.metrics.get("list")).rejects.toThrow(/would reach metrics.list/);
    await expect(sc.experiments.get("assignment_sources")).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(0);
    await sc.metrics.get("list::event_count");
    expect(new URL(calls[0]!.url).pathname).toBe("/console/v1/metrics/list%3A%3Aevent_count");
  });

  it("rejects a non-string id from untyped callers", async () => {
    const { fetch } = scriptedFetch(okGate);
    const get = new StatsigConsole({ apiKey: KEY, fetch }).gates.get as (id: unknown) => Promise<unknown>;
    await expect(get.call(new StatsigConsole({ apiKey: KEY, fetch }).gates, { id: 1 })).rejects.toBeInstanceOf(InvalidRequestError);
  });
});

describe("results", () => {
  it("resolve to the envelope's data, and withResponse() adds the response", async () => {
    const { fetch } = scriptedFetch(() => json({ message: "Gate read", data: gate }, 200, { "x-request-id": "abc" }));
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    expect(await sc.gates.get("g1")).toEqual(gate);
    const { data, response } = await sc.gates.get("g1").withResponse();
    expect(data).toEqual(gate);
    expect(response.headers.get("x-request-id")).toBe("abc");
  });

  it("per-call signal aborts", async () => {
    const hang: FetchFunction = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    const controller = new AbortController();
    const call = new StatsigConsole({ apiKey: KEY, fetch: hang }).gates.get("g1", { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(APIUserAbortError);
  });
});

describe("logging", () => {
  it("is silent by default", async () => {
    const spies = (["error", "warn", "info", "debug", "log"] as const).map((level) => vi.spyOn(console, level).mockImplementation(() => {}));
    vi.stubEnv("STATSIG_CONSOLE_LOG", "");
    const { fetch } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" }), okGate);
    await new StatsigConsole({ apiKey: KEY, fetch }).gates.get("g1");
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    for (const spy of spies) spy.mockRestore();
  });

  it("STATSIG_CONSOLE_LOG=debug logs one line per attempt with method, path, status, attempt and duration", async () => {
    vi.stubEnv("STATSIG_CONSOLE_LOG", "debug");
    const lines: { message: string; fields?: Record<string, unknown> }[] = [];
    const record = (message: string, fields?: Record<string, unknown>) => void lines.push({ message, ...(fields ? { fields } : {}) });
    const logger = { error: record, warn: record, info: record, debug: record };
    const { fetch } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" }), okGate);
    await new StatsigConsole({ apiKey: KEY, fetch, logger }).gates.get("g1");
    const attempts = lines.filter((l) => l.fields?.attempt !== undefined);
    expect(attempts.map((l) => [l.fields!.method, l.fields!.path, l.fields!.status, l.fields!.attempt])).toEqual([
      ["GET", "/console/v1/gates/g1", 503, 1],
      ["GET", "/console/v1/gates/g1", 200, 2],
    ]);
    expect(typeof attempts[0]!.fields!.durationMs).toBe("number");
    expect(JSON.stringify(lines)).not.toContain(KEY);
  });

  it("redacts the credential headers a caller passes in debug lines, and still sends them", async () => {
    const lines: { message: string; fields?: Record<string, unknown> }[] = [];
    const record = (message: string, fields?: Record<string, unknown>) => void lines.push({ message, ...(fields ? { fields } : {}) });
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = new StatsigConsole({
      apiKey: KEY,
      fetch,
      logLevel: "debug",
      logger: { error: record, warn: record, info: record, debug: record },
      headers: { "Proxy-Authorization": "Basic client-proxy-secret", "X-API-Key": "client-gateway-secret" },
    });
    await sc.gates.get("g1", { headers: { Authorization: "Bearer call-bearer-secret", Cookie: "session=call-cookie-secret" } });
    const logged = lines.find((line) => line.fields?.headers !== undefined)!.fields!.headers as Record<string, string>;
    expect(logged).toMatchObject({
      authorization: "[redacted]",
      cookie: "[redacted]",
      "proxy-authorization": "[redacted]",
      "x-api-key": "[redacted]",
      "statsig-api-key": "[redacted]",
      "statsig-api-version": "20240601",
    });
    const everything = JSON.stringify(lines);
    for (const secret of ["client-proxy-secret", "client-gateway-secret", "call-bearer-secret", "call-cookie-secret", KEY]) expect(everything).not.toContain(secret);
    const sent = new Headers(calls[0]!.init?.headers);
    expect([sent.get("authorization"), sent.get("cookie"), sent.get("proxy-authorization")]).toEqual([
      "Bearer call-bearer-secret",
      "session=call-cookie-secret",
      "Basic client-proxy-secret",
    ]);
  });

  it("logLevel: 'warn' drops debug and info lines", async () => {
    const lines: string[] = [];
    const record = (message: string) => void lines.push(message);
    const { fetch } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" }), okGate);
    await new StatsigConsole({ apiKey: KEY, fetch, logger: { error: record, warn: record, info: record, debug: record }, logLevel: "warn" }).gates.get("g1");
    expect(lines).toEqual([]);
  });
});

describe("sc.raw", () => {
  it("is path-typed openapi-fetch over the same auth and retries", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" }), okGate);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    const { data, error } = await sc.raw.GET("/console/v1/gates/{id}", { params: { path: { id: "a/b" } } });
    expect(error).toBeUndefined();
    expect(data?.data).toEqual(gate);
    expect(calls).toHaveLength(2);
    expect(new URL(calls[0]!.url).pathname).toBe("/console/v1/gates/a%2Fb");
    expect(new Headers(calls[0]!.init?.headers).get("statsig-api-key")).toBe(KEY);
  });

  it("applies the operation's idempotency from the spec: a raw create is not retried on 503", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" }), okGate);
    const sc = new StatsigConsole({ apiKey: KEY, fetch, rateLimit: false });
    const { error, response } = await sc.raw.POST("/console/v1/gates", { body: { name: "new_gate" } });
    expect(response.status).toBe(503);
    expect(error).toEqual({ status: 503, message: "busy" });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.init?.body).toBeInstanceOf(ArrayBuffer);
  });
});

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

describe("import and construction", () => {
  it("start no timers and open nothing, so a script that only builds a client exits at once", () => {
    const code = `
      const { StatsigConsole } = await import("./src/index.ts");
      new StatsigConsole({ apiKey: "console-idle" });
      console.log(JSON.stringify(process.getActiveResourcesInfo().filter((r) => r !== "PipeWrap" && r !== "TTYWrap")));
    `;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { cwd: repoRoot, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual([]);
  });
});
