import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_RATE_LIMITS } from "../../generated/operations.js";
import { SlidingWindowLimiter, createRateLimiters } from "../../src/core/transport/rate-limiter.js";
import { CREATE_THING, GET_THING, json, makeCore, op, scriptedFetch } from "../helpers/core.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Largest number of starts inside any span of `intervalMs` (a half-open window [t, t + intervalMs)). */
function maxInAnyWindow(starts: number[], intervalMs: number): number {
  let best = 0;
  let left = 0;
  for (let right = 0; right < starts.length; right++) {
    while (starts[right]! - starts[left]! >= intervalMs) left++;
    best = Math.max(best, right - left + 1);
  }
  return best;
}

describe("SlidingWindowLimiter", () => {
  it("lets `limit` start at once, then spaces the next by the window", async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 3, intervalMs: 1000 }]);
    const starts: number[] = [];
    const jobs = Array.from({ length: 7 }, () => limiter.acquire().then(() => starts.push(Date.now())));
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all(jobs);
    const t0 = starts[0]!;
    expect(starts.map((t) => t - t0)).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  it("never exceeds the limit in ANY span (unlike a token bucket at a window edge)", async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 10, intervalMs: 1000 }]);
    const starts: number[] = [];
    // Arrivals bunched at the end of one interval and the start of the next.
    await vi.advanceTimersByTimeAsync(990);
    const jobs = Array.from({ length: 30 }, () => limiter.acquire().then(() => starts.push(Date.now())));
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all(jobs);
    expect(maxInAnyWindow(starts, 1000)).toBe(10);
  });

  it("applies every window together", async () => {
    const limiter = new SlidingWindowLimiter([
      { limit: 5, intervalMs: 1000 },
      { limit: 8, intervalMs: 10_000 },
    ]);
    const starts: number[] = [];
    const jobs = Array.from({ length: 12 }, () => limiter.acquire().then(() => starts.push(Date.now())));
    await vi.advanceTimersByTimeAsync(30_000);
    await Promise.all(jobs);
    expect(maxInAnyWindow(starts, 1000)).toBeLessThanOrEqual(5);
    expect(maxInAnyWindow(starts, 10_000)).toBeLessThanOrEqual(8);
    expect(starts[8]! - starts[0]!).toBe(10_000); // the 9th waits for the long window
  });

  it("rejects invalid windows", () => {
    expect(() => new SlidingWindowLimiter([{ limit: 0, intervalMs: 1000 }])).toThrow(RangeError);
    expect(() => new SlidingWindowLimiter([{ limit: 1.5, intervalMs: 1000 }])).toThrow(RangeError);
    expect(() => new SlidingWindowLimiter([{ limit: 1, intervalMs: -1 }])).toThrow(RangeError);
  });

  it("keeps no more start times than the longest window needs", async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 1000, intervalMs: 100 }]);
    for (let i = 0; i < 50; i++) {
      await limiter.acquire();
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(limiter.delayMs()).toBe(0);
  });
});

describe("rate limiting through the client", () => {
  it("throttles mutations but never delays reads", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ message: "ok", data: 1 }));
    const core = makeCore({ fetch, rateLimit: { mutations: [{ limit: 2, intervalMs: 10_000 }] }, apiKey: "console-reads-key" });
    await core.call(CREATE_THING, { body: {} }, undefined);
    await core.call(CREATE_THING, { body: {} }, undefined);
    const third = core.call(CREATE_THING, { body: {} }, undefined);
    for (let i = 0; i < 5; i++) await core.call(GET_THING, { path: { id: "t" } }, undefined);
    expect(calls.map((c) => c.init?.method)).toEqual(["POST", "POST", "GET", "GET", "GET", "GET", "GET"]);
    await vi.advanceTimersByTimeAsync(10_000);
    await third;
    expect(calls.at(-1)!.init?.method).toBe("POST");
  });

  it("shares windows between clients with the same key, not across keys", async () => {
    const windows = { mutations: [{ limit: 1, intervalMs: 10_000 }] };
    const a = scriptedFetch(() => json({ message: "ok", data: 1 }));
    const b = scriptedFetch(() => json({ message: "ok", data: 1 }));
    const c = scriptedFetch(() => json({ message: "ok", data: 1 }));
    const first = makeCore({ fetch: a.fetch, rateLimit: windows, apiKey: "console-shared-key" });
    const second = makeCore({ fetch: b.fetch, rateLimit: windows, apiKey: "console-shared-key" });
    const other = makeCore({ fetch: c.fetch, rateLimit: windows, apiKey: "console-other-key" });
    await first.call(CREATE_THING, { body: {} }, undefined);
    const waiting = second.call(CREATE_THING, { body: {} }, undefined);
    await other.call(CREATE_THING, { body: {} }, undefined);
    await vi.advanceTimersByTimeAsync(1);
    expect(b.calls).toHaveLength(0);
    expect(c.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    await waiting;
    expect(b.calls[0]!.at - a.calls[0]!.at).toBe(10_000);
  });

  it("counts retried attempts too (the server counts rejected requests)", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ status: 429, message: "slow down" }, 429, { "retry-after": "0" }), () => json({ message: "ok", data: 1 }));
    const core = makeCore({ fetch, rateLimit: { mutations: [{ limit: 1, intervalMs: 1000 }] }, apiKey: "console-retry-count-key" });
    const call = core.call(CREATE_THING, { body: {} }, undefined);
    await vi.advanceTimersByTimeAsync(2000);
    await call;
    expect(calls[1]!.at - calls[0]!.at).toBe(1000);
  });

  it("puts segment ID-list operations in their own windows", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ message: "ok", data: 1 }));
    const idList = op({ method: "POST", path: "/console/v1/segments/{id}/id_list", rateLimitGroup: "segmentIdList" });
    const core = makeCore({
      fetch,
      rateLimit: { mutations: [{ limit: 1, intervalMs: 10_000 }], segmentIdList: [{ limit: 1, intervalMs: 10_000 }] },
      apiKey: "console-groups-key",
    });
    await core.call(CREATE_THING, { body: {} }, undefined);
    await core.call(idList, { path: { id: "s" }, body: { ids: ["a"] } }, undefined); // not blocked by the mutation window
    expect(calls).toHaveLength(2);
  });

  it("is off with rateLimit: false", async () => {
    const limiters = createRateLimiters("console-off-key", false, DEFAULT_RATE_LIMITS);
    expect(limiters.forGroup("mutations")).toBeUndefined();
  });

  it("defaults to the published limits", () => {
    expect(DEFAULT_RATE_LIMITS.mutations).toEqual([
      { limit: 100, intervalMs: 10_000 },
      { limit: 900, intervalMs: 900_000 },
    ]);
    expect(DEFAULT_RATE_LIMITS.segmentIdList).toEqual([
      { limit: 12, intervalMs: 10_000 },
      { limit: 900, intervalMs: 900_000 },
    ]);
  });

  it("creates no timer until a mutation has to wait", () => {
    const limiters = createRateLimiters("console-lazy-key", undefined, DEFAULT_RATE_LIMITS);
    limiters.forGroup("mutations");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("runs 2,000 mutations under the default limits with no 429 from a server enforcing them", async () => {
    // The simulated server rejects any request that would make more than the limit start in a window.
    const accepted: number[] = [];
    let rejected = 0;
    const fetch = async (): Promise<Response> => {
      const now = Date.now();
      const over = DEFAULT_RATE_LIMITS.mutations.some(({ limit, intervalMs }) => accepted.filter((t) => t > now - intervalMs).length >= limit);
      if (over) {
        rejected++;
        return json({ status: 429, message: "Too many requests" }, 429);
      }
      accepted.push(now);
      return json({ message: "ok", data: 1 });
    };
    const core = makeCore({ fetch, rateLimit: {}, apiKey: "console-bulk-key", maxRetries: 0 });
    const started = Date.now();
    const jobs = Array.from({ length: 2000 }, () => core.call(CREATE_THING, { body: {} }, undefined));
    let done = false;
    const all = Promise.all(jobs).then(() => (done = true));
    while (!done) await vi.advanceTimersByTimeAsync(10_000);
    await all;
    expect(rejected).toBe(0);
    // Minimum time the limits allow: 900 per 15 min twice, then the last 200 at 100 per 10 s.
    const minimumMs = 2 * 900_000 + 10_000;
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(minimumMs);
    expect(elapsed).toBeLessThanOrEqual(minimumMs * 1.05);
  }, 60_000);
});
