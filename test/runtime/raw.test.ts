// `sc.raw`, the path-typed escape hatch: the README promises it runs over the same transport as
// the facade (auth, retries, rate limits, timeouts, logging). Each promise gets a test that fails
// when the raw path skips that part of the transport. (Auth, retries by idempotency and the
// ID-list quota behind a proxy prefix are in client.test.ts.)
import { describe, expect, it } from "vitest";
import { APIResponseTooLargeError, APITimeoutError, APIUserAbortError, StatsigConsole, type ClientOptions, type FetchFunction } from "../../src/index.js";
import { json, scriptedFetch } from "../helpers/core.js";

/** Limiters are shared by every client of a key in the process: each test gets its own key. */
let keyCounter = 0;
const uniqueKey = () => `console-raw-test-${process.pid}-${++keyCounter}`;

const gate = { id: "g1", name: "g1" };
const okGate = () => json({ message: "ok", data: gate });

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
    expect(data?.data).toEqual(gate);
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
