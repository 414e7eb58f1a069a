// When a call is retried and how long it waits (retry-policy.ts), through the core: which statuses
// and connection failures are retried for idempotent and non-idempotent calls, and the backoff.
// A create (not idempotent) may be sent again after a failure only when the connection was never
// established, so the server cannot have seen it. How long a server asks to wait: retry-after.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { APIConnectionError, InternalServerError } from "../../src/core/errors.js";
import { backoffDelayMs, DEFAULT_RETRY_OPTIONS } from "../../src/core/transport/retry-policy.js";
import { StatsigConsole, type FetchFunction } from "../../src/index.js";
import {
  bodyText,
  connectionRefused,
  connectionReset,
  CREATE_THING,
  GET_THING,
  json,
  makeCore,
  okResponse,
  scriptedFetch,
  settle,
  statusResponse,
  UPDATE_THING,
} from "../helpers/core.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("which failures are retried", () => {
  it.each([408, 429, 500, 502, 503, 504])("retries an idempotent GET on %i, then succeeds", async (code) => {
    const { fetch, calls } = scriptedFetch(statusResponse(code), okResponse);
    const result = await settle(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(result.value).toEqual({ id: "t1" });
    expect(calls).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 422, 501])("does not retry %i", async (code) => {
    const { fetch, calls } = scriptedFetch(statusResponse(code), okResponse);
    const result = await settle(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(result.error).toMatchObject({ status: code });
    expect(calls).toHaveLength(1);
  });

  it("gives up after maxRetries (default 2 → 3 attempts) with the last error", async () => {
    const { fetch, calls } = scriptedFetch(statusResponse(503));
    const result = await settle(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(result.error).toBeInstanceOf(InternalServerError);
    expect(calls).toHaveLength(3);
  });

  it("honours maxRetries per call over the client's", async () => {
    const { fetch, calls } = scriptedFetch(statusResponse(503));
    await settle(makeCore({ fetch, maxRetries: 5 }).call(GET_THING, { path: { id: "t1" } }, { maxRetries: 0 }));
    expect(calls).toHaveLength(1);
  });

  it("retries a create (non-idempotent POST) on 429 but not on 500 or 503", async () => {
    for (const [code, attempts] of [
      [429, 2],
      [500, 1],
      [503, 1],
    ] as const) {
      const { fetch, calls } = scriptedFetch(statusResponse(code), okResponse);
      await settle(makeCore({ fetch }).call(CREATE_THING, { body: { name: "x" } }, undefined));
      expect(calls, `status ${code}`).toHaveLength(attempts);
    }
  });

  it("retries a full update marked x-idempotent on 503", async () => {
    const { fetch, calls } = scriptedFetch(statusResponse(503), okResponse);
    const result = await settle(makeCore({ fetch }).call(UPDATE_THING, { path: { id: "t1" }, body: { name: "x" } }, undefined));
    expect(result.value).toEqual({ id: "t1" });
    expect(calls).toHaveLength(2);
  });

  it("retries a create whose connection was refused (never sent) but not one reset mid-way", async () => {
    const refused = scriptedFetch(connectionRefused, okResponse);
    expect((await settle(makeCore({ fetch: refused.fetch }).call(CREATE_THING, { body: { name: "x" } }, undefined))).value).toEqual({ id: "t1" });
    expect(refused.calls).toHaveLength(2);

    const reset = scriptedFetch(connectionReset, okResponse);
    const result = await settle(makeCore({ fetch: reset.fetch }).call(CREATE_THING, { body: { name: "x" } }, undefined));
    expect(result.error).toBeInstanceOf(APIConnectionError);
    expect(reset.calls).toHaveLength(1);
  });

  it("retries an idempotent GET after a reset connection", async () => {
    const { fetch, calls } = scriptedFetch(connectionReset, okResponse);
    expect((await settle(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined))).value).toEqual({ id: "t1" });
    expect(calls).toHaveLength(2);
  });

  it("sends the same body on every attempt", async () => {
    const { fetch, calls } = scriptedFetch(statusResponse(429), statusResponse(429), okResponse);
    await settle(makeCore({ fetch }).call(CREATE_THING, { body: { name: "same" } }, undefined));
    expect(calls.map((c) => bodyText(c.init))).toEqual(['{"name":"same"}', '{"name":"same"}', '{"name":"same"}']);
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
    const { fetch, calls } = scriptedFetch(statusResponse(503), statusResponse(503), okResponse);
    await settle(makeCore({ fetch, random: () => 0 }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(calls[1]!.at - calls[0]!.at).toBe(500);
    expect(calls[2]!.at - calls[1]!.at).toBe(1000);
  });
});

/** A fetch that fails once with `failure`, then answers 201; it counts attempts. */
function failingOnce(failure: () => unknown) {
  let attempts = 0;
  const fetch: FetchFunction = async () => {
    attempts++;
    if (attempts === 1) throw failure();
    return json({ message: "Created", data: { id: "g1", name: "g1" } }, 201);
  };
  return { fetch, attempts: () => attempts };
}

/** What undici throws: a TypeError whose cause carries the system error code. */
function fetchFailed(code: string): TypeError {
  return Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error(`connect ${code}`), { code }) });
}

const client = (fetch: FetchFunction) =>
  new StatsigConsole({ apiKey: "console-never-connected", fetch, rateLimit: false, maxRetries: 2, retry: { initialDelayMs: 0, maxDelayMs: 0 } });

describe("a create that failed before any response", () => {
  // Real timers: these calls retry with no delay.
  beforeEach(() => vi.useRealTimers());

  it.each(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"])(
    "is sent again after %s: the connection was never made",
    async (code) => {
      const { fetch, attempts } = failingOnce(() => fetchFailed(code));
      expect(await client(fetch).gates.create({ name: "g1" })).toEqual({ id: "g1", name: "g1" });
      expect(attempts()).toBe(2);
    },
  );

  it.each(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "ETIMEDOUT"])("is not sent again after %s: the server may have applied it", async (code) => {
    const { fetch, attempts } = failingOnce(() => fetchFailed(code));
    await expect(client(fetch).gates.create({ name: "g1" })).rejects.toBeInstanceOf(APIConnectionError);
    expect(attempts()).toBe(1);
  });

  it("is not sent again after a failure that names no code, and fails with APIConnectionError", async () => {
    const { fetch, attempts } = failingOnce(() => new TypeError("fetch failed"));
    await expect(client(fetch).gates.create({ name: "g1" })).rejects.toBeInstanceOf(APIConnectionError);
    expect(attempts()).toBe(1);
  });

  it("reads a code several causes down, and stops on a cause chain that loops", async () => {
    const wrapped = () => Object.assign(new TypeError("fetch failed"), { cause: new Error("wrapper", { cause: fetchFailed("ECONNREFUSED") }) });
    const deep = failingOnce(wrapped);
    await client(deep.fetch).gates.create({ name: "g1" });
    expect(deep.attempts()).toBe(2);

    const looping = failingOnce(() => {
      const error = new Error("socket trouble") as Error & { cause?: unknown };
      error.cause = error;
      return error;
    });
    await expect(client(looping.fetch).gates.create({ name: "g1" })).rejects.toBeInstanceOf(APIConnectionError);
    expect(looping.attempts()).toBe(1);
  });
});
