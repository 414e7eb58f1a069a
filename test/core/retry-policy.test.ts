import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { APIConnectionError, APITimeoutError, InternalServerError, RateLimitError } from "../../src/core/errors.js";
import { backoffDelayMs, DEFAULT_RETRY_OPTIONS } from "../../src/core/transport/retry-policy.js";
import { bodyText, connectionRefused, connectionReset, CREATE_THING, GET_THING, json, makeCore, scriptedFetch, UPDATE_THING } from "../helpers/core.js";

const ok = () => json({ message: "ok", data: { id: "t1" } });
const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    json({ status: code, message: `status ${code}` }, code, headers);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Runs a call to completion while advancing fake time; returns the outcome and the elapsed fake ms. */
async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown; elapsedMs: number }> {
  const started = Date.now();
  let outcome: { value?: T; error?: unknown } | undefined;
  promise.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  );
  for (let i = 0; i < 1000 && outcome === undefined; i++) await vi.advanceTimersByTimeAsync(100);
  if (!outcome) throw new Error("call did not settle");
  return { ...outcome, elapsedMs: Date.now() - started };
}

describe("which failures are retried", () => {
  it.each([408, 429, 500, 502, 503, 504])("retries an idempotent GET on %i, then succeeds", async (code) => {
    const { fetch, calls } = scriptedFetch(status(code), ok);
    const result = await settle(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(result.value).toEqual({ id: "t1" });
    expect(calls).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 422, 501])("does not retry %i", async (code) => {
    const { fetch, calls } = scriptedFetch(status(code), ok);
    const result = await settle(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(result.error).toMatchObject({ status: code });
    expect(calls).toHaveLength(1);
  });

  it("gives up after maxRetries (default 2 → 3 attempts) with the last error", async () => {
    const { fetch, calls } = scriptedFetch(status(503));
    const result = await settle(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(result.error).toBeInstanceOf(InternalServerError);
    expect(calls).toHaveLength(3);
  });

  it("honours maxRetries per call over the client's", async () => {
    const { fetch, calls } = scriptedFetch(status(503));
    await settle(makeCore({ fetch, maxRetries: 5 }).call(GET_THING, { path: { id: "t1" } }, { maxRetries: 0 }));
    expect(calls).toHaveLength(1);
  });

  it("retries a create (non-idempotent POST) on 429 but not on 500 or 503", async () => {
    for (const [code, attempts] of [
      [429, 2],
      [500, 1],
      [503, 1],
    ] as const) {
      const { fetch, calls } = scriptedFetch(status(code), ok);
      await settle(makeCore({ fetch }).call(CREATE_THING, { body: { name: "x" } }, undefined));
      expect(calls, `status ${code}`).toHaveLength(attempts);
    }
  });

  it("retries a full update marked x-idempotent on 503", async () => {
    const { fetch, calls } = scriptedFetch(status(503), ok);
    const result = await settle(makeCore({ fetch }).call(UPDATE_THING, { path: { id: "t1" }, body: { name: "x" } }, undefined));
    expect(result.value).toEqual({ id: "t1" });
    expect(calls).toHaveLength(2);
  });

  it("retries a create whose connection was refused (never sent) but not one reset mid-way", async () => {
    const refused = scriptedFetch(connectionRefused, ok);
    expect((await settle(makeCore({ fetch: refused.fetch }).call(CREATE_THING, { body: { name: "x" } }, undefined))).value).toEqual({ id: "t1" });
    expect(refused.calls).toHaveLength(2);

    const reset = scriptedFetch(connectionReset, ok);
    const result = await settle(makeCore({ fetch: reset.fetch }).call(CREATE_THING, { body: { name: "x" } }, undefined));
    expect(result.error).toBeInstanceOf(APIConnectionError);
    expect(reset.calls).toHaveLength(1);
  });

  it("retries an idempotent GET after a reset connection", async () => {
    const { fetch, calls } = scriptedFetch(connectionReset, ok);
    expect((await settle(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined))).value).toEqual({ id: "t1" });
    expect(calls).toHaveLength(2);
  });

  it("sends the same body on every attempt", async () => {
    const { fetch, calls } = scriptedFetch(status(429), status(429), ok);
    await settle(makeCore({ fetch }).call(CREATE_THING, { body: { name: "same" } }, undefined));
    expect(calls.map((c) => bodyText(c.init))).toEqual(['{"name":"same"}', '{"name":"same"}', '{"name":"same"}']);
  });
});

describe("Retry-After", () => {
  it("retries immediately on Retry-After: 0", async () => {
    const { fetch, calls } = scriptedFetch(status(429, { "retry-after": "0" }), ok);
    const result = await settle(makeCore({ fetch }).call(CREATE_THING, { body: {} }, undefined));
    expect(result.value).toEqual({ id: "t1" });
    expect(calls[1]!.at - calls[0]!.at).toBe(0);
  });

  it("waits exactly the seconds asked for, up to the cap", async () => {
    const { fetch, calls } = scriptedFetch(status(429, { "retry-after": "60" }), ok);
    await settle(makeCore({ fetch }).call(CREATE_THING, { body: {} }, undefined));
    expect(calls[1]!.at - calls[0]!.at).toBe(60_000);
  });

  it("fails with RateLimitError instead of sleeping when Retry-After exceeds maxRetryAfterMs", async () => {
    const { fetch, calls } = scriptedFetch(status(429, { "retry-after": "61" }), ok);
    const result = await settle(makeCore({ fetch }).call(CREATE_THING, { body: {} }, undefined));
    expect(result.error).toBeInstanceOf(RateLimitError);
    expect(calls).toHaveLength(1);
    expect(result.elapsedMs).toBeLessThan(1000);
  });

  it("honours a configured cap", async () => {
    const { fetch, calls } = scriptedFetch(status(429, { "retry-after": "5" }), ok);
    const result = await settle(makeCore({ fetch, retry: { maxRetryAfterMs: 4000 } }).call(CREATE_THING, { body: {} }, undefined));
    expect(result.error).toBeInstanceOf(RateLimitError);
    expect(calls).toHaveLength(1);
  });

  it("ignores a Retry-After that is neither delay-seconds nor an HTTP date, and backs off instead", async () => {
    // Date.parse reads "-5" and "2, 3" as dates in 2001, which would mean no wait at all.
    for (const header of ["-5", "2, 3", "1.5", "soon"]) {
      const { fetch, calls } = scriptedFetch(status(429, { "retry-after": header }), ok);
      await settle(makeCore({ fetch, random: () => 0 }).call(CREATE_THING, { body: {} }, undefined));
      expect(calls[1]!.at - calls[0]!.at, header).toBe(500);
    }
  });

  it("prefers retry-after-ms, to the millisecond, over Retry-After", async () => {
    const { fetch, calls } = scriptedFetch(status(429, { "retry-after-ms": "1250", "retry-after": "30" }), ok);
    await settle(makeCore({ fetch }).call(CREATE_THING, { body: {} }, undefined));
    expect(calls[1]!.at - calls[0]!.at).toBe(1250);
  });

  it("falls back to Retry-After when retry-after-ms is unreadable", async () => {
    const { fetch, calls } = scriptedFetch(status(503, { "retry-after-ms": "-1", "retry-after": "3" }), ok);
    await settle(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(calls[1]!.at - calls[0]!.at).toBe(3000);
  });

  it("applies maxRetryAfterMs to retry-after-ms too", async () => {
    const { fetch, calls } = scriptedFetch(status(429, { "retry-after-ms": "4001" }), ok);
    const result = await settle(makeCore({ fetch, retry: { maxRetryAfterMs: 4000 } }).call(CREATE_THING, { body: {} }, undefined));
    expect(result.error).toBeInstanceOf(RateLimitError);
    expect(calls).toHaveLength(1);
  });

  it("waits until an HTTP date", async () => {
    vi.setSystemTime(Date.parse("2026-03-01T12:00:00Z"));
    const { fetch, calls } = scriptedFetch(status(503, { "retry-after": "Sun, 01 Mar 2026 12:00:07 GMT" }), ok);
    await settle(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(calls[1]!.at - calls[0]!.at).toBe(7000);
  });
});

describe("backoff", () => {
  it("doubles from 500 ms, capped at 8 s, with up to 25% jitter below the step", () => {
    for (const [retry, step] of [
      [1, 500],
      [2, 1000],
      [3, 2000],
      [4, 4000],
      [5, 8000],
      [9, 8000],
    ] as const) {
      expect(backoffDelayMs(retry, DEFAULT_RETRY_OPTIONS, () => 0)).toBe(step);
      expect(backoffDelayMs(retry, DEFAULT_RETRY_OPTIONS, () => 0.999999)).toBe(Math.round(step * 0.75));
    }
  });

  it("waits the backoff between attempts when no Retry-After is sent", async () => {
    const { fetch, calls } = scriptedFetch(status(503), status(503), ok);
    await settle(makeCore({ fetch, random: () => 0 }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(calls[1]!.at - calls[0]!.at).toBe(500);
    expect(calls[2]!.at - calls[1]!.at).toBe(1000);
  });
});

describe("timeouts", () => {
  const hang = (_url: string, init: RequestInit | undefined) =>
    new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));

  it("times out each attempt after timeoutMs and retries idempotent calls", async () => {
    const { fetch, calls } = scriptedFetch(hang, ok);
    const result = await settle(makeCore({ fetch, timeoutMs: 1000, random: () => 0 }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(result.value).toEqual({ id: "t1" });
    expect(calls[1]!.at - calls[0]!.at).toBe(1500); // 1000 ms timeout + 500 ms backoff
  });

  it("does not retry a timed-out create (it may have been applied)", async () => {
    const { fetch, calls } = scriptedFetch(hang, ok);
    const result = await settle(makeCore({ fetch, timeoutMs: 1000 }).call(CREATE_THING, { body: {} }, undefined));
    expect(result.error).toBeInstanceOf(APITimeoutError);
    expect(calls).toHaveLength(1);
  });

  it("without a caller signal, a timeout still aborts the request in flight", async () => {
    let abortReason: unknown;
    const hangUntilAborted = (_url: string, init: RequestInit | undefined) =>
      new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener("abort", () => {
          abortReason = init.signal?.reason;
          reject(new DOMException("aborted", "AbortError"));
        }),
      );
    const { fetch } = scriptedFetch(hangUntilAborted);
    const result = await settle(makeCore({ fetch, timeoutMs: 1000, maxRetries: 0 }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(result.error).toBeInstanceOf(APITimeoutError);
    expect(abortReason).toMatchObject({ name: "TimeoutError" });
  });

  it("with a fetch that ignores signals, times out on time and discards a response that arrives too late", async () => {
    let cancelled = false;
    const late = () => {
      const body = new ReadableStream({
        cancel: () => {
          cancelled = true;
        },
      });
      return new Promise<Response>((resolve) => setTimeout(() => resolve(new Response(body, { status: 200 })), 5000));
    };
    const { fetch } = scriptedFetch(late);
    const result = await settle(makeCore({ fetch, timeoutMs: 1000, maxRetries: 0 }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(result.error).toBeInstanceOf(APITimeoutError);
    expect(result.elapsedMs).toBeLessThanOrEqual(1100);
    await vi.advanceTimersByTimeAsync(5000);
    expect(cancelled).toBe(true);
  });

  it("with a caller signal, a timeout aborts the request in flight", async () => {
    let aborted = false;
    const hangUntilAborted = (_url: string, init: RequestInit | undefined) =>
      new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener("abort", () => {
          aborted = true;
          reject(new DOMException("aborted", "AbortError"));
        }),
      );
    const { fetch } = scriptedFetch(hangUntilAborted);
    const result = await settle(makeCore({ fetch, timeoutMs: 1000, maxRetries: 0 }).call(GET_THING, { path: { id: "t1" } }, { signal: new AbortController().signal }));
    expect(result.error).toBeInstanceOf(APITimeoutError);
    expect(aborted).toBe(true);
  });

  it("per-call timeoutMs overrides the client's", async () => {
    const { fetch } = scriptedFetch(hang);
    const result = await settle(makeCore({ fetch, timeoutMs: 60_000 }).call(GET_THING, { path: { id: "t1" } }, { timeoutMs: 200, maxRetries: 0 }));
    expect(result.error).toBeInstanceOf(APITimeoutError);
    expect(result.elapsedMs).toBeLessThanOrEqual(300);
  });
});
