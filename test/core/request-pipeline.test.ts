// The facade and `sc.raw` share one request path (request-pipeline.ts: openapi-fetch's request() →
// one middleware → the transport): the same operation sends the same request either way, and
// `sc.raw` runs over the same transport as the facade (auth, retries, rate limits, timeouts,
// logging). Each promise of the raw path gets a test that fails when the raw path skips that part
// of the transport. The path guards are in request-encoding.test.ts, how a request finds its
// operation in operation-routes.test.ts.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { paths } from "../../generated/schema.js";
import { createRequestPipeline } from "../../src/core/request-pipeline.js";
import { createLevelledLogger } from "../../src/core/transport/logger.js";
import { createRateLimiters } from "../../src/core/transport/rate-limiter.js";
import { DEFAULT_RETRY_OPTIONS } from "../../src/core/transport/retry-policy.js";
import {
  APIResponseTooLargeError,
  APITimeoutError,
  APIUserAbortError,
  DEFAULT_RATE_LIMITS,
  NotFoundError,
  StatsigConsole,
  StatsigConsoleError,
  type ClientOptions,
  type FetchFunction,
} from "../../src/index.js";
import { anyEnvelope, bodyText, GATE, json, okGate, scriptedFetch } from "../helpers/core.js";

const KEY = "console-request-path-test-key";

afterEach(() => vi.unstubAllGlobals());

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

describe("sc.raw", () => {
  it("is path-typed openapi-fetch over the same auth and retries", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" }), okGate);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    const { data, error } = await sc.raw.GET("/console/v1/gates/{id}", { params: { path: { id: "a/b" } } });
    expect(error).toBeUndefined();
    expect(data?.data).toEqual(GATE);
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

/** Limiters are shared by every client of a key in the process: each test gets its own key. */
let keyCounter = 0;
const uniqueKey = () => `console-raw-test-${process.pid}-${++keyCounter}`;

function client(options: ClientOptions): StatsigConsole {
  return new StatsigConsole({ apiKey: uniqueKey(), ...options });
}

/** A fetch that never answers until its signal aborts; it records every signal it was given. */
function hangingFetch() {
  const signals: AbortSignal[] = [];
  let notifyCalled: () => void = () => {};
  const called = new Promise<void>((resolve) => (notifyCalled = resolve));
  const fetch: FetchFunction = (_input, init) =>
    new Promise((_resolve, reject) => {
      const signal = init?.signal;
      if (signal) {
        signals.push(signal);
        signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      }
      notifyCalled();
    });
  return { fetch, signals, called };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("sc.raw and the rate limiter", () => {
  it("a raw POST takes a mutations slot and waits for the window like a facade create; a raw GET never waits", async () => {
    const WINDOW_MS = 400;
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = client({ fetch, rateLimit: { mutations: [{ limit: 2, intervalMs: WINDOW_MS }] } });

    await sc.raw.POST("/console/v1/gates", { body: { name: "raw_one" } });
    await sc.gates.create({ name: "facade_one" });
    // The window is full: two mutations started, one of them raw.
    const third = sc.raw.POST("/console/v1/gates", { body: { name: "raw_two" } });
    const read = sc.raw.GET("/console/v1/gates/{id}", { params: { path: { id: "g1" } } });
    await read;
    await delay(100);
    expect(calls.map((call) => call.init?.method)).toEqual(["POST", "POST", "GET"]);

    const { error } = await third;
    expect(error).toBeUndefined();
    expect(calls).toHaveLength(4);
    // A slot is held until intervalMs after its response: the third start comes a window after the first.
    expect(calls[3]!.at - calls[0]!.at).toBeGreaterThanOrEqual(WINDOW_MS - 5);
  });

  it("a raw POST retried after a 429 takes a slot for each attempt", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ status: 429, message: "slow down" }, 429, { "retry-after": "0" }), okGate);
    const sc = client({ fetch, rateLimit: { mutations: [{ limit: 1, intervalMs: 300 }] } });
    const { data } = await sc.raw.POST("/console/v1/gates", { body: { name: "g1" } });
    expect(data?.data).toEqual(GATE);
    // Non-idempotent, yet retried: a 429 means the request was not applied.
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(300 - 5);
  });
});

describe("sc.raw and the caller's AbortSignal", () => {
  it("aborting in flight rejects with APIUserAbortError and aborts the request fetch was given", async () => {
    const { fetch, signals, called } = hangingFetch();
    // Without the caller's signal the attempt would only end at the 5 s timeout, as an APITimeoutError.
    const sc = client({ fetch, timeoutMs: 5000, maxRetries: 0 });
    const controller = new AbortController();
    const started = Date.now();
    const call = sc.raw.GET("/console/v1/gates/{id}", { params: { path: { id: "g1" } }, signal: controller.signal });
    await called;
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(false);
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(APIUserAbortError);
    expect(signals[0]!.aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("a signal aborted before the call sends nothing", async () => {
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = client({ fetch });
    await expect(sc.raw.GET("/console/v1/gates", { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(calls).toHaveLength(0);
  });

  it("aborting during a retry's backoff ends the call at once", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503, { "retry-after": "30" }), okGate);
    const sc = client({ fetch, retry: { maxRetryAfterMs: 60_000 } });
    const controller = new AbortController();
    const started = Date.now();
    const call = sc.raw.GET("/console/v1/gates", { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(call).rejects.toBeInstanceOf(APIUserAbortError);
    expect(calls).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("sc.raw and the client's other options", () => {
  it("timeoutMs bounds each attempt; each timed-out request is aborted", async () => {
    const { fetch, signals } = hangingFetch();
    const sc = client({ fetch, timeoutMs: 100, maxRetries: 1, retry: { initialDelayMs: 1, maxDelayMs: 1 } });
    const started = Date.now();
    await expect(sc.raw.GET("/console/v1/gates/{id}", { params: { path: { id: "g1" } } })).rejects.toBeInstanceOf(APITimeoutError);
    expect(signals).toHaveLength(2);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("maxResponseBytes caps what a raw call reads", async () => {
    const big = () => json({ message: "ok", data: { id: "g1", name: "x".repeat(5000) } });
    const sc = client({ fetch: scriptedFetch(big).fetch, maxResponseBytes: 1000 });
    await expect(sc.raw.GET("/console/v1/gates/{id}", { params: { path: { id: "g1" } } })).rejects.toBeInstanceOf(APIResponseTooLargeError);
  });

  it("logs one debug line per attempt, with the caller's credential headers and the key redacted", async () => {
    const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
    const sink = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, ...(fields ? { fields } : {}) });
    const apiKey = uniqueKey();
    const { fetch, calls } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" }), okGate);
    const sc = new StatsigConsole({ apiKey, fetch, logLevel: "debug", logger: { error: sink("error"), warn: sink("warn"), info: sink("info"), debug: sink("debug") } });
    await sc.raw.GET("/console/v1/gates/{id}", { params: { path: { id: "g1" } }, headers: { Authorization: "Bearer raw-bearer-secret", Cookie: "sid=raw-cookie-secret" } });

    const attempts = lines.filter((line) => line.level === "debug");
    expect(attempts.map((line) => [line.fields?.method, line.fields?.path, line.fields?.status, line.fields?.attempt])).toEqual([
      ["GET", "/console/v1/gates/g1", 503, 1],
      ["GET", "/console/v1/gates/g1", 200, 2],
    ]);
    expect(lines.filter((line) => line.level === "info")).toHaveLength(1); // the retry
    for (const line of attempts) {
      expect(line.fields?.headers).toMatchObject({ authorization: "[redacted]", cookie: "[redacted]", "statsig-api-key": "[redacted]" });
    }
    const everything = JSON.stringify(lines);
    for (const secret of ["raw-bearer-secret", "raw-cookie-secret", apiKey]) expect(everything).not.toContain(secret);
    // Redacted in the log only: the request still carries them.
    expect(new Headers(calls[0]!.init?.headers).get("authorization")).toBe("Bearer raw-bearer-secret");
  });
});

/** The headers of the request a scripted fetch received. */
const headersOf = (call: { init: RequestInit | undefined } | undefined) => new Headers(call?.init?.headers);

describe("the headers the pipeline adds", () => {
  it("asks for JSON, or for text on a text (CSV) operation, with the client's User-Agent, from the facade and sc.raw alike", async () => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch, rateLimit: false });
    await sc.gates.list();
    await sc.raw.GET("/console/v1/gates");
    await sc.usage.getBillingReport({ end: 1767225600000 });
    // A path the operation table does not know gets its method's defaults, JSON included.
    await (sc.raw.GET as (path: string) => Promise<unknown>)("/console/v1/not_an_operation");
    expect(calls.map((call) => headersOf(call).get("accept"))).toEqual(["application/json", "application/json", "text/csv, text/plain, */*", "application/json"]);
    for (const call of calls) expect(headersOf(call).get("user-agent")).toMatch(/^statsig-console-api\//);
  });

  it("keeps the caller's Accept and User-Agent, whether set on the client, on the call or on a raw request", async () => {
    const mine = { accept: "application/json; charset=utf-8", "user-agent": "my-tool/1.0" };
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    await new StatsigConsole({ apiKey: KEY, fetch, rateLimit: false, headers: mine }).gates.list();
    const sc = new StatsigConsole({ apiKey: KEY, fetch, rateLimit: false });
    await sc.gates.list(undefined, { headers: mine });
    await sc.raw.GET("/console/v1/gates", { headers: mine });
    for (const call of calls) {
      expect(headersOf(call).get("accept")).toBe(mine.accept);
      expect(headersOf(call).get("user-agent")).toBe(mine["user-agent"]);
    }
  });

  it("never asks a read to respect review settings: not a GET, not a HEAD", async () => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch, rateLimit: false, respectReviewSettings: true });
    await (sc.raw.HEAD as (path: string) => Promise<unknown>)("/console/v1/gates");
    await sc.raw.GET("/console/v1/gates");
    expect(calls.map((call) => [call.init?.method, headersOf(call).get("x-respect-review-settings")])).toEqual([
      ["HEAD", null],
      ["GET", null],
    ]);
  });
});

describe("middleware added with sc.raw.use()", () => {
  it("may replace a raw request: the new one is sent through the same transport, and logged by its path", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" }), okGate);
    const info: string[] = [];
    const logger = { error() {}, warn() {}, info: (message: string) => void info.push(message), debug() {} };
    const sc = new StatsigConsole({ apiKey: KEY, fetch, rateLimit: false, logger, logLevel: "info" });
    sc.raw.use({
      onRequest({ request }) {
        const replaced = new Request(request);
        replaced.headers.set("x-replaced", "yes");
        return replaced;
      },
    });
    const { data } = await sc.raw.GET("/console/v1/gates/{id}", { params: { path: { id: "g1" } } });
    expect(data?.data).toEqual(GATE);
    expect(calls).toHaveLength(2); // retried like any GET
    expect(headersOf(calls[0]).get("x-replaced")).toBe("yes");
    expect(info).toEqual(["GET /console/v1/gates/g1: 503, retrying in 0 ms (attempt 2 of 3)"]);
  });

  it("that answers a facade call in place of the API fails the call with a StatsigConsoleError saying why", async () => {
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    sc.raw.use({ onRequest: () => json({ message: "ok", data: GATE }) });
    const error = await sc.gates.get("g1").then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StatsigConsoleError);
    expect((error as Error).message).toBe("gates.get: a middleware added with sc.raw.use() answered or replaced the request; facade calls need it sent as built");
    expect(calls).toHaveLength(0);
  });

  it("sees a facade call's error status in onResponse", async () => {
    const { fetch } = scriptedFetch(() => json({ status: 404, message: "no such gate" }, 404));
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    const statuses: number[] = [];
    sc.raw.use({ onResponse: ({ response }) => void statuses.push(response.status) });
    await expect(sc.gates.get("g1")).rejects.toBeInstanceOf(NotFoundError);
    expect(statuses).toEqual([404]);
  });
});

describe("raw responses", () => {
  it("a 204 answers a raw call with no body (a Response with a 204 cannot have one)", async () => {
    const { fetch } = scriptedFetch(() => new Response(null, { status: 204 }));
    const sc = new StatsigConsole({ apiKey: KEY, fetch, rateLimit: false });
    const { response, error } = await sc.raw.DELETE("/console/v1/gates/{id}", { params: { path: { id: "g1" } } });
    expect(response.status).toBe(204);
    expect(error).toBeUndefined();
  });
});

describe("a pipeline without the operation table", () => {
  it("sends a raw request with its method's defaults: a GET retried after a 503, a POST not", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" }));
    const { client } = createRequestPipeline<paths>({
      baseUrl: "https://api.test",
      apiKey: KEY,
      apiVersion: "20240601",
      userAgent: "statsig-console-api/test",
      headers: {},
      respectReviewSettings: false,
      transport: {
        resolveFetch: () => fetch,
        timeoutMs: 60_000,
        maxRetries: 1,
        retry: DEFAULT_RETRY_OPTIONS,
        limiters: createRateLimiters(KEY, false, DEFAULT_RATE_LIMITS),
        logger: createLevelledLogger("off", { error() {}, warn() {}, info() {}, debug() {} }, [KEY]),
      },
    });
    expect((await client.GET("/console/v1/gates")).response.status).toBe(503);
    expect(calls).toHaveLength(2);
    expect((await client.POST("/console/v1/gates", { body: { name: "g" } })).response.status).toBe(503);
    expect(calls).toHaveLength(3);
  });
});
