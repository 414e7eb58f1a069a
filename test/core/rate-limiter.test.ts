// The limiter in simulated time (vitest fakes setTimeout and performance.now, the limiter's clock).
// The same guarantees on a real socket with random latency: rate-limiter.socket.test.ts.
import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { between, seededRandom } from "../../bench/seeded-random.js";
import { maxInAnyWindow } from "../../bench/window-count.js";
import { DEFAULT_RATE_LIMITS } from "../../generated/operations.js";
import { APIUserAbortError, RateLimitError } from "../../src/core/errors.js";
import { SlidingWindowLimiter, createRateLimiters, type RateLimitSlot, type Window } from "../../src/core/transport/rate-limiter.js";
import type { Logger } from "../../src/core/transport/logger.js";
import { CREATE_THING, GET_THING, json, makeCore, op, scriptedFetch } from "../helpers/core.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Acquire, note the time, release at once (a response that took no time). */
async function instantRequest(limiter: SlidingWindowLimiter): Promise<number> {
  const slot = await limiter.acquire();
  const grantedMs = performance.now();
  slot.release();
  return grantedMs;
}

describe("SlidingWindowLimiter", () => {
  it("lets `limit` go at once, then the next `intervalMs` after the earliest response ended", async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 3, intervalMs: 1000 }]);
    const t0 = performance.now();
    const jobs = Array.from({ length: 7 }, () => instantRequest(limiter));
    await vi.advanceTimersByTimeAsync(5000);
    expect((await Promise.all(jobs)).map((t) => t - t0)).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  it("holds a slot from the send until intervalMs after the response ends, not after the send", async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 2, intervalMs: 1000 }]);
    const t0 = performance.now();
    const a = await limiter.acquire();
    const b = await limiter.acquire();
    let grantedMs: number | undefined;
    const c = limiter.acquire().then((slot) => {
      grantedMs = performance.now() - t0;
      return slot;
    });
    await vi.advanceTimersByTimeAsync(300);
    a.release(); // a's response ended at 300: its slot is held until 1300
    await vi.advanceTimersByTimeAsync(500);
    b.release(); // b's ended at 800: held until 1800
    await vi.advanceTimersByTimeAsync(499); // 1299: a start-time window would have let c go at 1000
    expect(grantedMs).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(grantedMs).toBe(1300);
    (await c).release();
  });

  it("holds an in-flight slot however long the request takes, without a timer", async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 1, intervalMs: 1000 }]);
    const slot = await limiter.acquire();
    let grantedMs: number | undefined;
    const next = limiter.acquire().then((s) => {
      grantedMs = performance.now();
      return s;
    });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(grantedMs).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0); // only a release can free the slot: nothing to wake up for
    const releasedMs = performance.now();
    slot.release();
    slot.release(); // idempotent: does not free a second slot
    await vi.advanceTimersByTimeAsync(1000);
    expect(grantedMs! - releasedMs).toBe(1000);
    (await next).release();
    expect(limiter.heldSlots).toBe(1);
  });

  it("never lets more than the limit through in ANY span (unlike a token bucket at a window edge)", async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 10, intervalMs: 1000 }]);
    await vi.advanceTimersByTimeAsync(990);
    const jobs = Array.from({ length: 30 }, () => instantRequest(limiter));
    await vi.advanceTimersByTimeAsync(5000);
    expect(maxInAnyWindow(await Promise.all(jobs), 1000)).toBe(10);
  });

  it("applies every window together", async () => {
    const limiter = new SlidingWindowLimiter([
      { limit: 5, intervalMs: 1000 },
      { limit: 8, intervalMs: 10_000 },
    ]);
    const jobs = Array.from({ length: 12 }, () => instantRequest(limiter));
    await vi.advanceTimersByTimeAsync(30_000);
    const starts = await Promise.all(jobs);
    expect(maxInAnyWindow(starts, 1000)).toBeLessThanOrEqual(5);
    expect(maxInAnyWindow(starts, 10_000)).toBeLessThanOrEqual(8);
    expect(starts[8]! - starts[0]!).toBe(10_000); // the 9th waits for the long window
  });

  it("rejects invalid windows", () => {
    for (const window of [
      { limit: 0, intervalMs: 1000 },
      { limit: 1.5, intervalMs: 1000 },
      { limit: 1, intervalMs: -1 },
      { limit: 1, intervalMs: 0 },
      { limit: 1, intervalMs: Number.NaN },
      { limit: 1, intervalMs: Number.POSITIVE_INFINITY },
    ]) {
      expect(() => new SlidingWindowLimiter([window])).toThrow(RangeError);
    }
    // The message names the window and the rule it breaks.
    expect(() => new SlidingWindowLimiter([{ limit: 0, intervalMs: 1000 }])).toThrow(
      'invalid rate-limit window {"limit":0,"intervalMs":1000}: limit must be a positive integer, intervalMs positive and finite',
    );
  });

  it("an abort rejects with the signal's reason as the cause, whether the signal was aborted before the call or while it waited", async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 1, intervalMs: 1000 }]);
    const reason = new Error("user closed the page");
    const early = await limiter.acquire({ signal: AbortSignal.abort(reason) }).catch((error: unknown) => error);
    expect(early).toBeInstanceOf(APIUserAbortError);
    expect((early as APIUserAbortError).cause).toBe(reason);
    const held = await limiter.acquire();
    const controller = new AbortController();
    const queued = limiter.acquire({ signal: controller.signal }).catch((error: unknown) => error);
    controller.abort(reason);
    const late = await queued;
    expect(late).toBeInstanceOf(APIUserAbortError);
    expect((late as APIUserAbortError).cause).toBe(reason);
    held.release();
  });

  it("an abort still reaches the queued calls that share a signal after one of them was granted", async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 1, intervalMs: 1000 }]);
    const held = await limiter.acquire();
    const shared = new AbortController();
    const first = limiter.acquire({ signal: shared.signal });
    const second = limiter.acquire({ signal: shared.signal });
    held.release();
    await vi.advanceTimersByTimeAsync(1000);
    (await first).release(); // granted: the signal's other waiter is still in line
    shared.abort();
    await expect(second).rejects.toBeInstanceOf(APIUserAbortError);
    expect(limiter.queuedRequests).toBe(0);
  });

  it("keeps one wake-up timer while calls join the line, rather than clearing and setting one per call", async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 1, intervalMs: 1000 }]);
    const held = await limiter.acquire();
    held.release();
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    const clearTimeoutSpy = vi.spyOn(globalThis, "clearTimeout");
    const waiting = Array.from({ length: 20 }, () => limiter.acquire().then((slot) => slot.release()));
    expect(setTimeoutSpy).toHaveBeenCalledTimes(1); // the head's wake-up, due no later than anyone else's
    expect(clearTimeoutSpy).not.toHaveBeenCalled();
    setTimeoutSpy.mockRestore();
    clearTimeoutSpy.mockRestore();
    await vi.advanceTimersByTimeAsync(25_000);
    await Promise.all(waiting);
  });

  it("serves strictly in call order when queued callers abort (the order newer callers used to jump)", async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 1, intervalMs: 1000 }]);
    const order: string[] = [];
    const start = (name: string, signal?: AbortSignal) =>
      limiter.acquire({ signal }).then(
        (slot) => {
          order.push(name);
          slot.release();
        },
        (error: unknown) => {
          expect(error).toBeInstanceOf(APIUserAbortError);
          order.push(`${name} aborted`);
        },
      );
    const first = await limiter.acquire();
    const abortB = new AbortController();
    const abortD = new AbortController();
    const jobs = [start("a"), start("b", abortB.signal), start("c"), start("d", abortD.signal)];
    await vi.advanceTimersByTimeAsync(400);
    abortB.abort();
    await vi.advanceTimersByTimeAsync(0);
    jobs.push(start("e")); // newer than c: must not overtake it
    first.release();
    abortD.abort();
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(jobs);
    expect(order).toEqual(["b aborted", "d aborted", "a", "c", "e"]);
  });

  it("rejects at once when the signal is already aborted, and an abort after the grant keeps the slot until release", async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 1, intervalMs: 1000 }]);
    await expect(limiter.acquire({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(limiter.queuedRequests).toBe(0);
    const controller = new AbortController();
    const slot = await limiter.acquire({ signal: controller.signal });
    controller.abort();
    let granted = false;
    const next = limiter.acquire().then((s) => {
      granted = true;
      return s;
    });
    await vi.advanceTimersByTimeAsync(5000);
    expect(granted).toBe(false); // the aborted caller still holds its slot: its request may be on the wire
    slot.release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(granted).toBe(true);
    (await next).release();
  });

  it("adds one abort listener per signal, however many queued calls share it", async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 2, intervalMs: 1000 }]);
    const shared = new AbortController();
    const granted = Array.from({ length: 30 }, () => limiter.acquire({ signal: shared.signal }).then((slot) => slot.release()));
    expect(getEventListeners(shared.signal, "abort")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20_000);
    await Promise.all(granted);
    expect(getEventListeners(shared.signal, "abort")).toHaveLength(0); // all granted: nothing left attached
    (await limiter.acquire()).release();
    const other = limiter.acquire(); // no signal
    const dropped = Array.from({ length: 30 }, () => limiter.acquire({ signal: shared.signal }));
    const last = limiter.acquire();
    shared.abort();
    for (const result of await Promise.allSettled(dropped)) expect(result).toMatchObject({ status: "rejected", reason: expect.any(APIUserAbortError) as unknown });
    expect(getEventListeners(shared.signal, "abort")).toHaveLength(0);
    expect(limiter.queuedRequests).toBe(1); // only `last` is left in line (`other` went at once)
    await vi.advanceTimersByTimeAsync(2000);
    (await other).release();
    (await last).release();
  });

  it.each([1, 2, 3, 4, 5])("keeps every window and first-come-first-served order under random acquire/abort/release/pause (seed %i)", async (seed) => {
    const windows: Window[] = [
      { limit: 3, intervalMs: 100 },
      { limit: 7, intervalMs: 700 },
    ];
    const random = seededRandom(seed);
    const limiter = new SlidingWindowLimiter(windows);
    interface Request {
      id: number;
      controller: AbortController | undefined;
      abortedWhileQueued: boolean;
      rejected: boolean;
      slot?: RateLimitSlot;
      grantedMs?: number;
      releasedMs?: number;
    }
    const requests: Request[] = [];
    const granted: Request[] = [];
    const pauses: { fromMs: number; untilMs: number }[] = [];
    const heldAt = (atMs: number, { intervalMs }: Window) => granted.filter((r) => r.grantedMs! <= atMs && (r.releasedMs === undefined || atMs < r.releasedMs + intervalMs)).length;
    const release = (request: Request) => {
      request.releasedMs = performance.now();
      request.slot!.release();
    };

    for (let step = 0; step < 3000; step++) {
      const action = random();
      if (action < 0.3) {
        const request: Request = { id: requests.length, controller: random() < 0.5 ? new AbortController() : undefined, abortedWhileQueued: false, rejected: false };
        requests.push(request);
        void limiter.acquire({ signal: request.controller?.signal }).then(
          (slot) => {
            // Checked when granted: fewer than `limit` held in every window, no pause on.
            const nowMs = performance.now();
            for (const window of windows) expect(heldAt(nowMs, window)).toBeLessThan(window.limit);
            for (const pause of pauses) expect(nowMs >= pause.untilMs || nowMs < pause.fromMs).toBe(true);
            Object.assign(request, { slot, grantedMs: nowMs });
            granted.push(request);
          },
          (error: unknown) => {
            expect(error).toBeInstanceOf(APIUserAbortError);
            request.rejected = true;
          },
        );
      } else if (action < 0.42) {
        const live = requests.filter((r) => r.controller && !r.controller.signal.aborted && r.releasedMs === undefined && !r.rejected);
        const victim = live[Math.floor(random() * live.length)];
        if (victim) {
          if (victim.slot)
            release(victim); // an abort after the grant is just a release
          else victim.abortedWhileQueued = true;
          victim.controller!.abort();
        }
      } else if (action < 0.7) {
        const inFlight = granted.filter((r) => r.releasedMs === undefined);
        const done = inFlight[Math.floor(random() * inFlight.length)];
        if (done) release(done);
      } else if (action < 0.72) {
        const durationMs = Math.round(between(random, 0, 300));
        const fromMs = performance.now();
        limiter.pause(durationMs);
        if (durationMs > 0) pauses.push({ fromMs, untilMs: fromMs + durationMs });
      } else {
        await vi.advanceTimersByTimeAsync(Math.round(between(random, 0, 60)));
      }
      await vi.advanceTimersByTimeAsync(0);
      // Nobody waits needlessly: if someone is queued, a window is full or a pause is on.
      const nowMs = performance.now();
      if (limiter.queuedRequests > 0) {
        const full = windows.some((window) => heldAt(nowMs, window) >= window.limit);
        const paused = pauses.some((pause) => nowMs >= pause.fromMs && nowMs < pause.untilMs);
        expect(full || paused).toBe(true);
      }
      expect(limiter.heldSlots).toBeLessThanOrEqual(7);
    }
    while (limiter.queuedRequests > 0 || granted.some((r) => r.releasedMs === undefined)) {
      for (const request of granted.filter((r) => r.releasedMs === undefined)) release(request);
      await vi.advanceTimersByTimeAsync(800);
    }

    // First come, first served: grants in call order; exactly the callers that aborted in line are left out.
    expect(granted.map((r) => r.id)).toEqual(requests.filter((r) => !r.abortedWhileQueued).map((r) => r.id));
    expect(requests.filter((r) => r.rejected).map((r) => r.id)).toEqual(requests.filter((r) => r.abortedWhileQueued).map((r) => r.id));
    expect(granted.length).toBeGreaterThan(500);
    // What the server sees: each request arrives somewhere between its send and its response end.
    const arrivals = granted
      .map((r) => {
        const where = random();
        return where < 0.33 ? r.grantedMs! : where < 0.66 ? r.releasedMs! : between(random, r.grantedMs!, r.releasedMs!);
      })
      .sort((x, y) => x - y);
    for (const { limit, intervalMs } of windows) expect(maxInAnyWindow(arrivals, intervalMs)).toBeLessThanOrEqual(limit);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("pauses the whole group: nobody goes before the pause ends, and a shorter pause does not cut it", async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 10, intervalMs: 1000 }]);
    const t0 = performance.now();
    await instantRequest(limiter);
    limiter.pause(5000);
    limiter.pause(1000);
    limiter.pause(Number.NaN);
    const jobs = [instantRequest(limiter), instantRequest(limiter)];
    await vi.advanceTimersByTimeAsync(4999);
    expect(limiter.queuedRequests).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect((await Promise.all(jobs)).map((t) => t - t0)).toEqual([5000, 5000]);
  });

  it("uses a monotonic clock: a wall clock moved back or forward an hour changes no wait", async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 1, intervalMs: 1000 }]);
    let t0 = await instantRequest(limiter);
    vi.setSystemTime(Date.now() - 3_600_000);
    let next = instantRequest(limiter);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await next) - t0).toBe(1000);
    t0 = performance.now();
    vi.setSystemTime(Date.now() + 3_600_000);
    next = instantRequest(limiter);
    let granted = false;
    void next.then(() => (granted = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(granted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await next) - t0).toBe(1000);
  });

  it("forgets released slots older than the longest window: memory stays bounded over many requests", async () => {
    const limiter = new SlidingWindowLimiter([
      { limit: 50, intervalMs: 100 },
      { limit: 200, intervalMs: 1000 },
    ]);
    const total = 5000;
    let done = 0;
    const latencyMs = seededRandom(7);
    const worker = async () => {
      while (done < total) {
        done++;
        const slot = await limiter.acquire();
        await new Promise((resolve) => setTimeout(resolve, Math.round(between(latencyMs, 1, 30))));
        slot.release();
      }
    };
    const workers = Promise.all(Array.from({ length: 20 }, worker));
    let largest = 0;
    for (let tick = 0; tick < 2000 && done < total; tick++) {
      await vi.advanceTimersByTimeAsync(50);
      largest = Math.max(largest, limiter.heldSlots);
    }
    await vi.advanceTimersByTimeAsync(1000);
    await workers;
    expect(done).toBe(total);
    expect(largest).toBe(200); // the largest limit, never more
    await vi.advanceTimersByTimeAsync(1000);
    expect(limiter.heldSlots).toBe(0);
  });

  it("runs one wake-up timer while anyone waits and none otherwise", async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 2, intervalMs: 1000 }]);
    expect(vi.getTimerCount()).toBe(0);
    await instantRequest(limiter);
    await instantRequest(limiter);
    expect(vi.getTimerCount()).toBe(0); // granted at once: no timer
    const controllers = Array.from({ length: 10 }, () => new AbortController());
    const waiting = controllers.map((c) => limiter.acquire({ signal: c.signal }).catch(() => undefined));
    expect(vi.getTimerCount()).toBe(1);
    for (const controller of controllers) controller.abort();
    await Promise.all(waiting);
    expect(vi.getTimerCount()).toBe(0); // nobody waits: nothing keeps the process alive
    const jobs = Array.from({ length: 5 }, () => instantRequest(limiter));
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(3000);
    await Promise.all(jobs);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("reports a wait over one second once per queue episode", async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 1, intervalMs: 3000 }]);
    const reports: number[] = [];
    const onLongWait = ({ queuedRequests }: { queuedRequests: number }) => reports.push(queuedRequests);
    (await limiter.acquire()).release();
    const episode = Array.from({ length: 4 }, () => limiter.acquire({ onLongWait }).then((slot) => slot.release()));
    await vi.advanceTimersByTimeAsync(999);
    expect(reports).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(reports).toEqual([4]);
    await vi.advanceTimersByTimeAsync(20_000);
    await Promise.all(episode);
    expect(reports).toEqual([4]); // one line for the whole queue, not one per request
    (await limiter.acquire()).release(); // held for 3 s from now
    await vi.advanceTimersByTimeAsync(2500);
    const shortWait = limiter.acquire({ onLongWait }).then((slot) => slot.release());
    await vi.advanceTimersByTimeAsync(500);
    await shortWait;
    expect(reports).toEqual([4]); // waited half a second
    const longWait = limiter.acquire({ onLongWait }).then((slot) => slot.release());
    await vi.advanceTimersByTimeAsync(3000);
    await longWait;
    expect(reports).toEqual([4, 1]); // a new episode
  });

  it("waits out a pause longer than setTimeout can time (about 24.8 days) without waking every millisecond", async () => {
    let clockReads = 0;
    const limiter = new SlidingWindowLimiter([{ limit: 1, intervalMs: 1000 }], () => {
      clockReads++;
      return performance.now();
    });
    const pauseMs = 30 * 24 * 3_600_000;
    limiter.pause(pauseMs);
    let granted = false;
    const slot = limiter.acquire().then((s) => {
      granted = true;
      return s;
    });
    const readsBefore = clockReads;
    await vi.advanceTimersByTimeAsync(2000);
    // One wake-up at 1 s (the long-wait check), then one timer of the longest delay: a delay over it
    // would fire at once, and the queue would spin until the pause ends.
    expect(clockReads - readsBefore).toBeLessThanOrEqual(2);
    await vi.advanceTimersByTimeAsync(pauseMs - 2001);
    expect(granted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toBe(true);
    (await slot).release();
  });

  it("a group given no windows has no limit, and a 429 without Retry-After pauses it for 0 ms", async () => {
    const limiter = new SlidingWindowLimiter([]);
    expect(limiter.shortestIntervalMs).toBe(0);
    const slots = await Promise.all(Array.from({ length: 50 }, () => limiter.acquire()));
    expect(limiter.queuedRequests).toBe(0);
    for (const slot of slots) slot.release();
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

  it("holds the slot until intervalMs after the response ends", async () => {
    const slowOk = () => new Promise<Response>((resolve) => setTimeout(() => resolve(json({ message: "ok", data: 1 })), 400));
    const { fetch, calls } = scriptedFetch(slowOk);
    const core = makeCore({ fetch, rateLimit: { mutations: [{ limit: 1, intervalMs: 1000 }] }, apiKey: "console-slow-key" });
    const jobs = [core.call(CREATE_THING, { body: {} }, undefined), core.call(CREATE_THING, { body: {} }, undefined)];
    await vi.advanceTimersByTimeAsync(3000);
    await Promise.all(jobs);
    expect(calls[1]!.at - calls[0]!.at).toBe(1400);
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
    const { fetch, calls } = scriptedFetch(
      () => json({ status: 429, message: "slow down" }, 429, { "retry-after": "0" }),
      () => json({ message: "ok", data: 1 }),
    );
    const core = makeCore({ fetch, rateLimit: { mutations: [{ limit: 1, intervalMs: 1000 }] }, apiKey: "console-retry-count-key" });
    const call = core.call(CREATE_THING, { body: {} }, undefined);
    await vi.advanceTimersByTimeAsync(2000);
    await call;
    expect(calls[1]!.at - calls[0]!.at).toBe(1000);
  });

  it("pauses the whole group on a 429 for as long as Retry-After asks; reads go on", async () => {
    let posts = 0;
    const { fetch, calls } = scriptedFetch((_url, init) =>
      init?.method === "POST" && ++posts === 1 ? json({ status: 429, message: "slow down" }, 429, { "retry-after": "2" }) : json({ message: "ok", data: 1 }),
    );
    const core = makeCore({ fetch, rateLimit: { mutations: [{ limit: 100, intervalMs: 10_000 }] }, apiKey: "console-pause-key" });
    const t0 = Date.now();
    const refused = core.call(CREATE_THING, { body: {} }, undefined);
    await vi.advanceTimersByTimeAsync(0);
    const others = [1, 2, 3].map(() => core.call(CREATE_THING, { body: {} }, undefined));
    await core.call(GET_THING, { path: { id: "t" } }, undefined);
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls.map((c) => [c.init?.method, c.at - t0])).toEqual([
      ["POST", 0],
      ["GET", 0],
    ]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all([refused, ...others]);
    expect(calls.slice(2).map((c) => [c.init?.method, c.at - t0])).toEqual(Array.from({ length: 4 }, () => ["POST", 2000]));
  });

  it("pauses for the shortest window without Retry-After, and at most maxRetryAfterMs", async () => {
    let posts = 0;
    const { fetch, calls } = scriptedFetch(() =>
      ++posts === 1
        ? json({ status: 429, message: "slow down" }, 429)
        : posts === 3
          ? json({ status: 429, message: "slow down" }, 429, { "retry-after": "3600" })
          : json({ message: "ok", data: 1 }),
    );
    const windows = [
      { limit: 100, intervalMs: 3000 },
      { limit: 500, intervalMs: 60_000 },
    ];
    const core = makeCore({ fetch, rateLimit: { mutations: windows }, apiKey: "console-pause-default-key", retry: { maxRetryAfterMs: 5000 } });
    const t0 = Date.now();
    const first = core.call(CREATE_THING, { body: {} }, undefined); // 429 without Retry-After: group paused 3 s
    await vi.advanceTimersByTimeAsync(3000);
    await first;
    expect(calls.map((c) => c.at - t0)).toEqual([0, 3000]);
    // Retry-After of an hour is over maxRetryAfterMs: that call fails at once, the group waits maxRetryAfterMs.
    await expect(core.call(CREATE_THING, { body: {} }, undefined)).rejects.toBeInstanceOf(RateLimitError);
    const next = core.call(CREATE_THING, { body: {} }, undefined);
    await vi.advanceTimersByTimeAsync(4999);
    expect(calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    await next;
    expect(calls[3]!.at - calls[2]!.at).toBe(5000);
  });

  it("does not stall when the wall clock moves back an hour", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ message: "ok", data: 1 }));
    const core = makeCore({ fetch, rateLimit: { mutations: [{ limit: 2, intervalMs: 10_000 }] }, apiKey: "console-clock-key" });
    await core.call(CREATE_THING, { body: {} }, undefined);
    await core.call(CREATE_THING, { body: {} }, undefined);
    const started = performance.now();
    vi.setSystemTime(Date.now() - 3_600_000);
    const third = core.call(CREATE_THING, { body: {} }, undefined);
    await vi.advanceTimersByTimeAsync(10_000);
    await third;
    expect(calls).toHaveLength(3);
    expect(performance.now() - started).toBe(10_000);
  });

  it("logs a wait over one second once at info, without the key", async () => {
    const lines: { level: string; message: string }[] = [];
    const logger: Logger = {
      error: (message) => lines.push({ level: "error", message }),
      warn: (message) => lines.push({ level: "warn", message }),
      info: (message) => lines.push({ level: "info", message }),
      debug: (message) => lines.push({ level: "debug", message }),
    };
    const { fetch } = scriptedFetch(() => json({ message: "ok", data: 1 }));
    const apiKey = "console-long-wait-key-0123456789";
    const core = makeCore({ fetch, rateLimit: { mutations: [{ limit: 2, intervalMs: 5000 }] }, apiKey, logger, logLevel: "info" });
    const jobs = Array.from({ length: 8 }, () => core.call(CREATE_THING, { body: {} }, undefined));
    await vi.advanceTimersByTimeAsync(20_000);
    await Promise.all(jobs);
    expect(lines).toEqual([
      {
        level: "info",
        message: expect.stringMatching(
          /^POST \/console\/v1\/things: waiting over 1 s for a rate-limit slot \(mutations; 6 queued; not logged again until the queue empties\)$/,
        ) as unknown as string,
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain(apiKey);
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
    // The simulated server rejects any request that would make more than the limit arrive in a window.
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
