// The limiter over a store that answers asynchronously (as a shared store does), in simulated time:
// the queue stays first come first served, only the head asks, the store sees a digest and never
// the key, leases follow the attempt's timeout, and a store that fails fails the waiting calls with
// a typed error instead of sending or hanging. The Redis store itself: test/stores/.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { APIUserAbortError, InvalidRequestError, RateLimitStoreError } from "../../src/core/errors.js";
import { LEASE_MARGIN_MS, SlidingWindowLimiter, type Window } from "../../src/core/transport/rate-limiter.js";
import { keyIdOf, MemoryWindowStore, memoryWindowStore, type Reservation, type WindowScope, type WindowStore } from "../../src/core/transport/window-store.js";
import { StatsigConsole } from "../../src/index.js";
import { CREATE_THING, json, makeCore, scriptedFetch } from "../helpers/core.js";

// The key's digest comes from Web Crypto, which answers on a real turn of the event loop: let one pass.
const realSetTimeout = globalThis.setTimeout;
const realTurn = () => new Promise((resolve) => realSetTimeout(resolve, 20));

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** The in-process store behind a network: every answer comes `latencyMs` later; records what it was asked. */
function remoteStore(latencyMs = 5) {
  const inner = new MemoryWindowStore();
  const calls: { op: string; scope: WindowScope; leaseMs?: number; slotId?: string }[] = [];
  let reservingNow = 0;
  let mostReservingAtOnce = 0;
  let failNext: unknown;
  const later = <T>(answer: () => T) => new Promise<T>((resolve) => setTimeout(() => resolve(answer()), latencyMs));
  const store: WindowStore = {
    async reserve(scope, leaseMs) {
      calls.push({ op: "reserve", scope, leaseMs });
      if (failNext !== undefined) {
        const error = failNext;
        failNext = undefined;
        await later(() => undefined);
        throw error;
      }
      mostReservingAtOnce = Math.max(mostReservingAtOnce, ++reservingNow);
      const answer = await later(() => inner.reserve(scope));
      reservingNow--;
      return answer;
    },
    release: (scope, slotId) => {
      calls.push({ op: "release", scope, slotId });
      return later(() => inner.release(scope, slotId));
    },
    pause: (scope, durationMs) => {
      calls.push({ op: "pause", scope });
      return later(() => inner.pause(scope, durationMs));
    },
    earliestStartInMs: (scope) => later(() => inner.earliestStartInMs(scope)),
  };
  return {
    store,
    calls,
    mostReservingAtOnce: () => mostReservingAtOnce,
    failNextReservation(error: unknown) {
      failNext = error;
    },
  };
}

const scopeOf = (windows: Window[]): WindowScope => ({ keyId: "k", group: "mutations", windows });

describe("the limiter over an asynchronous store", () => {
  it("grants in call order, one reservation on the way at a time, each request held intervalMs after its release", async () => {
    const windows = [{ limit: 3, intervalMs: 1000 }];
    const remote = remoteStore(5);
    const limiter = new SlidingWindowLimiter(windows, undefined, { store: remote.store, scope: scopeOf(windows) });
    const t0 = performance.now();
    const order: number[] = [];
    const jobs = Array.from({ length: 7 }, (_, i) =>
      limiter.acquire().then((slot) => {
        order.push(i);
        const grantedMs = performance.now() - t0;
        slot.release();
        return grantedMs;
      }),
    );
    await vi.advanceTimersByTimeAsync(5000);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(remote.mostReservingAtOnce()).toBe(1);
    // Three at 5, 10, 15 ms (one store round trip each); released at once, stamped by the store 5 ms later.
    const granted = await Promise.all(jobs);
    expect(granted.slice(0, 3)).toEqual([5, 10, 15]);
    for (let i = 3; i < 7; i++) expect(granted[i]! - granted[i - 3]!).toBeGreaterThanOrEqual(1000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a head that aborts while its reservation is on the way hands the slot to the next in line; with nobody left the slot goes back", async () => {
    const windows = [{ limit: 5, intervalMs: 1000 }];
    const remote = remoteStore(20);
    const limiter = new SlidingWindowLimiter(windows, undefined, { store: remote.store, scope: scopeOf(windows) });
    const first = new AbortController();
    const aborted = limiter.acquire({ signal: first.signal });
    const second = limiter.acquire();
    await vi.advanceTimersByTimeAsync(10);
    first.abort();
    await expect(aborted).rejects.toBeInstanceOf(APIUserAbortError);
    await vi.advanceTimersByTimeAsync(10);
    const slot = await second;
    expect(remote.calls.filter((c) => c.op === "reserve")).toHaveLength(1); // the aborted caller's slot, not a second one
    slot.release();
    const lone = new AbortController();
    const gone = limiter.acquire({ signal: lone.signal });
    await vi.advanceTimersByTimeAsync(10);
    lone.abort();
    await expect(gone).rejects.toBeInstanceOf(APIUserAbortError);
    await vi.advanceTimersByTimeAsync(50);
    expect(remote.calls.filter((c) => c.op === "release")).toHaveLength(2); // the unused slot went back
  });

  it("asks again when the store says, not before; after 'only a release frees one' it asks on the next release", async () => {
    const windows = [{ limit: 1, intervalMs: 500 }];
    const remote = remoteStore(0);
    const limiter = new SlidingWindowLimiter(windows, undefined, { store: remote.store, scope: scopeOf(windows) });
    const granted = limiter.acquire();
    await vi.advanceTimersByTimeAsync(0);
    const first = await granted;
    const waiting = limiter.acquire();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(remote.calls.filter((c) => c.op === "reserve")).toHaveLength(2); // in flight: Infinity, no polling
    first.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(remote.calls.filter((c) => c.op === "reserve")).toHaveLength(3); // asked again on the release: wait 500
    await vi.advanceTimersByTimeAsync(499);
    expect(remote.calls.filter((c) => c.op === "reserve")).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(remote.calls.filter((c) => c.op === "reserve")).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(5);
    (await waiting).release();
  });

  it("fails every waiting call with RateLimitStoreError when the store cannot be asked, sends nothing, and asks afresh afterwards", async () => {
    const windows = [{ limit: 1, intervalMs: 1000 }];
    const remote = remoteStore(5);
    const limiter = new SlidingWindowLimiter(windows, undefined, { store: remote.store, scope: scopeOf(windows) });
    const cause = new Error("connection refused");
    remote.failNextReservation(cause);
    const waiting = Array.from({ length: 4 }, () => limiter.acquire());
    const settled = Promise.allSettled(waiting);
    await vi.advanceTimersByTimeAsync(10);
    for (const result of await settled) {
      expect(result.status).toBe("rejected");
      const error = (result as PromiseRejectedResult).reason as RateLimitStoreError;
      expect(error).toBeInstanceOf(RateLimitStoreError);
      expect(error.cause).toBe(cause);
      expect(error.message).toContain("connection refused");
    }
    expect(limiter.queuedRequests).toBe(0);
    expect(remote.calls.filter((c) => c.op === "reserve")).toHaveLength(1); // one failure fails the line at once
    const again = limiter.acquire();
    await vi.advanceTimersByTimeAsync(10);
    (await again).release();
  });

  it("a store that throws synchronously fails the calls the same way", async () => {
    const windows = [{ limit: 1, intervalMs: 1000 }];
    const broken: WindowStore = {
      reserve: () => {
        throw new TypeError("not connected");
      },
      release: () => {},
      pause: () => {},
      earliestStartInMs: () => 0,
    };
    const limiter = new SlidingWindowLimiter(windows, undefined, { store: broken, scope: scopeOf(windows) });
    await expect(limiter.acquire()).rejects.toBeInstanceOf(RateLimitStoreError);
    expect(limiter.queuedRequests).toBe(0);
  });

  it("a store answering nonsense (NaN, negative) does not spin: the head waits one window", async () => {
    const windows = [{ limit: 1, intervalMs: 400 }];
    let asked = 0;
    const nonsense: WindowStore = {
      reserve: (): Reservation => (++asked < 3 ? { retryInMs: asked === 1 ? Number.NaN : -5 } : { slotId: "s" }),
      release: () => {},
      pause: () => {},
      earliestStartInMs: () => 0,
    };
    const limiter = new SlidingWindowLimiter(windows, undefined, { store: nonsense, scope: scopeOf(windows) });
    const t0 = performance.now();
    const slot = limiter.acquire();
    await vi.advanceTimersByTimeAsync(1000);
    (await slot).release();
    expect(asked).toBe(3);
    expect(performance.now() - t0).toBe(1000);
  });

  it("passes a store's own typed error through as it is, and wraps a thrown non-Error without inventing a detail", async () => {
    const windows = [{ limit: 1, intervalMs: 1000 }];
    const remote = remoteStore(5);
    const limiter = new SlidingWindowLimiter(windows, undefined, { store: remote.store, scope: scopeOf(windows) });
    const typed = new RateLimitStoreError("the Redis script is missing");
    remote.failNextReservation(typed);
    const first = limiter.acquire().catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(10);
    expect(await first).toBe(typed);
    remote.failNextReservation("ECONNREFUSED");
    const second = limiter.acquire().catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(10);
    const error = (await second) as RateLimitStoreError;
    expect(error).toBeInstanceOf(RateLimitStoreError);
    expect(error.message).toBe("the rate-limit store could not be asked for a slot");
    expect(error.cause).toBe("ECONNREFUSED");
  });

  it("leases for the attempt's timeout plus the margin, 60 s plus the margin when none is given", async () => {
    const windows = [{ limit: 5, intervalMs: 1000 }];
    const remote = remoteStore(1);
    const limiter = new SlidingWindowLimiter(windows, undefined, { store: remote.store, scope: scopeOf(windows) });
    const slots = [limiter.acquire(), limiter.acquire({ attemptTimeoutMs: 2500 })];
    await vi.advanceTimersByTimeAsync(10);
    for (const slot of await Promise.all(slots)) slot.release();
    expect(remote.calls.filter((c) => c.op === "reserve").map((c) => c.leaseMs)).toEqual([60_000 + LEASE_MARGIN_MS, 2500 + LEASE_MARGIN_MS]);
  });

  it("a slot leased for a short attempt is not handed to a next in line that needs a longer lease: it goes back, and a longer one is asked for", async () => {
    const windows = [{ limit: 5, intervalMs: 1000 }];
    const remote = remoteStore(20);
    const limiter = new SlidingWindowLimiter(windows, undefined, { store: remote.store, scope: scopeOf(windows) });
    const first = new AbortController();
    const aborted = limiter.acquire({ signal: first.signal, attemptTimeoutMs: 1000 });
    const second = limiter.acquire({ attemptTimeoutMs: 120_000 });
    await vi.advanceTimersByTimeAsync(10);
    first.abort();
    await expect(aborted).rejects.toBeInstanceOf(APIUserAbortError);
    await vi.advanceTimersByTimeAsync(50);
    (await second).release();
    const reserves = remote.calls.filter((c) => c.op === "reserve").map((c) => c.leaseMs);
    expect(reserves).toEqual([1000 + LEASE_MARGIN_MS, 120_000 + LEASE_MARGIN_MS]);
    expect(remote.calls.filter((c) => c.op === "release")).toHaveLength(2); // the short lease's slot, then the second's own
  });

  it("heldSlots over a shared store counts this process's slots in flight (the store remembers the released ones)", async () => {
    const windows = [{ limit: 5, intervalMs: 1000 }];
    const remote = remoteStore(1);
    const limiter = new SlidingWindowLimiter(windows, undefined, { store: remote.store, scope: scopeOf(windows) });
    const pending = [limiter.acquire(), limiter.acquire()];
    await vi.advanceTimersByTimeAsync(10);
    const [a, b] = await Promise.all(pending);
    expect(limiter.heldSlots).toBe(2);
    a!.release();
    a!.release(); // idempotent
    expect(limiter.heldSlots).toBe(1);
    b!.release();
    expect(limiter.heldSlots).toBe(0);
  });

  it("reports a long wait in a limiter's very first queue, when the shared store is already full (another process holds the slots)", async () => {
    const windows = [{ limit: 1, intervalMs: 3000 }];
    const shared = new MemoryWindowStore();
    const otherProcess = new SlidingWindowLimiter(windows, undefined, { store: shared, scope: scopeOf(windows) });
    const thisProcess = new SlidingWindowLimiter(windows, undefined, { store: shared, scope: scopeOf(windows) });
    (await otherProcess.acquire()).release(); // held 3 s more
    const reports: number[] = [];
    const waiting = thisProcess.acquire({ onLongWait: ({ queuedRequests }) => reports.push(queuedRequests) });
    await vi.advanceTimersByTimeAsync(1000);
    expect(reports).toEqual([1]);
    await vi.advanceTimersByTimeAsync(2000);
    (await waiting).release();
  });

  it("a store whose release and pause fail: nothing is left unhandled, and the limiter still keeps its own pause", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const windows = [{ limit: 5, intervalMs: 100 }];
      const inner = new MemoryWindowStore();
      const flaky: WindowStore = {
        reserve: (scope) => inner.reserve(scope),
        release: () => Promise.reject(new Error("release lost")),
        pause: () => Promise.reject(new Error("pause lost")),
        earliestStartInMs: () => 0,
      };
      const limiter = new SlidingWindowLimiter(windows, undefined, { store: flaky, scope: scopeOf(windows) });
      (await limiter.acquire()).release();
      const t0 = performance.now();
      limiter.pause(2000); // the store never heard of it
      let grantedMs: number | undefined;
      const waiting = limiter.acquire().then((slot) => {
        grantedMs = performance.now() - t0;
        return slot;
      });
      await vi.advanceTimersByTimeAsync(1999);
      expect(grantedMs).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(grantedMs).toBe(2000);
      (await waiting).release();
      await realTurn(); // unhandled rejections are reported on a later turn
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("a pause of 0, NaN or less costs the store no round trip", async () => {
    const windows = [{ limit: 5, intervalMs: 100 }];
    const remote = remoteStore(1);
    const limiter = new SlidingWindowLimiter(windows, undefined, { store: remote.store, scope: scopeOf(windows) });
    limiter.pause(0); // Retry-After: 0
    limiter.pause(Number.NaN);
    limiter.pause(-1);
    await vi.advanceTimersByTimeAsync(10);
    expect(remote.calls.filter((c) => c.op === "pause")).toEqual([]);
  });

  it("asks the store again only when its answer says or when a release may have freed a slot, not on every release", async () => {
    const windows = [{ limit: 3, intervalMs: 1000 }];
    const remote = remoteStore(5);
    const limiter = new SlidingWindowLimiter(windows, undefined, { store: remote.store, scope: scopeOf(windows) });
    const reserves = () => remote.calls.filter((c) => c.op === "reserve").length;
    const pending = [limiter.acquire(), limiter.acquire(), limiter.acquire()];
    await vi.advanceTimersByTimeAsync(20);
    const [a, b, d] = await Promise.all(pending);
    const waiting = limiter.acquire(); // all three in flight: "only a release frees one"
    await vi.advanceTimersByTimeAsync(10);
    expect(reserves()).toBe(4);
    a!.release(); // asks again: the answer will be "wait until a's slot leaves the window"
    await vi.advanceTimersByTimeAsync(2);
    b!.release(); // while that answer is on its way: it is a wait, not "only a release", so it stands
    await vi.advanceTimersByTimeAsync(100);
    expect(reserves()).toBe(5);
    d!.release(); // the store's wait still stands
    await vi.advanceTimersByTimeAsync(100);
    expect(reserves()).toBe(5);
    await vi.advanceTimersByTimeAsync(2000);
    (await waiting).release();
    expect(reserves()).toBe(6);
  });

  it("a store answering a wait of 0 is asked again a millisecond later, not in a loop that blocks the process", async () => {
    const windows = [{ limit: 1, intervalMs: 400 }];
    let asked = 0;
    const eager: WindowStore = {
      reserve: (): Reservation => (++asked <= 5 ? { retryInMs: 0 } : { slotId: "s" }),
      release: () => {},
      pause: () => {},
      earliestStartInMs: () => 0,
    };
    const limiter = new SlidingWindowLimiter(windows, undefined, { store: eager, scope: scopeOf(windows) });
    const t0 = performance.now();
    let grantedMs: number | undefined;
    const slot = limiter.acquire().then((s) => {
      grantedMs = performance.now() - t0;
      return s;
    });
    expect(asked).toBe(1); // once per wake-up
    await vi.advanceTimersByTimeAsync(10);
    expect(asked).toBe(6);
    expect(grantedMs).toBe(5); // 0 means now: not a whole window later
    (await slot).release();
  });
});

describe("rateLimit.store through the client", () => {
  it("gives the store a digest of the key, never the key; the same digest for every client of the key", async () => {
    const remote = remoteStore(1);
    const apiKey = "console-store-digest-key-0123456789";
    const { fetch } = scriptedFetch(() => json({ message: "ok", data: 1 }));
    const a = makeCore({ fetch, apiKey, rateLimit: { store: remote.store } });
    const b = makeCore({ fetch, apiKey: "console-another-project-key", rateLimit: { store: remote.store } });
    const calls = [a.call(CREATE_THING, { body: {} }, undefined), b.call(CREATE_THING, { body: {} }, undefined)];
    await realTurn();
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all(calls);
    const ids = new Set(remote.calls.map((c) => c.scope.keyId));
    expect(ids).toEqual(new Set([await keyIdOf(apiKey), await keyIdOf("console-another-project-key")]));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(remote.calls)).not.toContain("digest-key");
  });

  it("leases each slot for the attempt's timeout plus the margin, and tells the store of a 429's pause", async () => {
    const remote = remoteStore(1);
    let posts = 0;
    const { fetch } = scriptedFetch(() => (++posts === 1 ? json({ status: 429, message: "slow down" }, 429, { "retry-after": "1" }) : json({ message: "ok", data: 1 })));
    const core = makeCore({ fetch, apiKey: "console-store-lease-key", timeoutMs: 7000, rateLimit: { store: remote.store } });
    const call = core.call(CREATE_THING, { body: {} }, undefined);
    await realTurn();
    await vi.advanceTimersByTimeAsync(3000);
    await call;
    expect(remote.calls.filter((c) => c.op === "reserve").map((c) => c.leaseMs)).toEqual([7000 + LEASE_MARGIN_MS, 7000 + LEASE_MARGIN_MS]);
    expect(remote.calls.filter((c) => c.op === "pause")).toHaveLength(1);
  });

  it("shares one queue between clients with the same key and store, and none between different stores", async () => {
    const windows = [{ limit: 1, intervalMs: 10_000 }];
    const storeA = remoteStore(1);
    const storeB = remoteStore(1);
    const { fetch, calls } = scriptedFetch(() => json({ message: "ok", data: 1 }));
    const options = (store: WindowStore) => ({ fetch, apiKey: "console-store-sharing-key", rateLimit: { mutations: windows, store } });
    const first = makeCore(options(storeA.store));
    const second = makeCore(options(storeA.store));
    const elsewhere = makeCore(options(storeB.store));
    const jobs = [first.call(CREATE_THING, { body: {} }, undefined), second.call(CREATE_THING, { body: {} }, undefined), elsewhere.call(CREATE_THING, { body: {} }, undefined)];
    await realTurn();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(2); // first, and the client on the other store; second waits 10 s behind first
    await vi.advanceTimersByTimeAsync(10_100);
    await Promise.all(jobs);
    expect(calls).toHaveLength(3);
  });

  it("keys a store by a fixed digest of the key: the same id in every version and process, so a fleet shares one budget", async () => {
    // SHA-256 over "statsig-console-api/rate-limit\0" + key, first 16 bytes in hex. A change here would
    // split a fleet running two versions into two budgets.
    expect(await keyIdOf("console-fixed-key")).toBe("e430a1d3e06e10e1d43f66ed83a149c9");
  });

  it("memoryWindowStore(): the clients given one store share its slots, a client given another store has its own", async () => {
    const windows = [{ limit: 1, intervalMs: 10_000 }];
    const { fetch, calls } = scriptedFetch(() => json({ message: "ok", data: 1 }));
    const storeA = memoryWindowStore();
    const options = (store: WindowStore) => ({ fetch, apiKey: "console-memory-store-key", rateLimit: { mutations: windows, store } });
    const jobs = [makeCore(options(storeA)), makeCore(options(storeA)), makeCore(options(memoryWindowStore()))].map((core) => core.call(CREATE_THING, { body: {} }, undefined));
    await realTurn();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(2); // one on each store; the second client of storeA waits 10 s
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(jobs);
    expect(calls).toHaveLength(3);
  });

  it("refuses a store without the four methods with InvalidRequestError", () => {
    expect(() => new StatsigConsole({ apiKey: "console-bad-store", rateLimit: { store: { reserve: () => ({ slotId: "x" }) } as unknown as WindowStore } })).toThrow(
      InvalidRequestError,
    );
  });

  it("refuses a null store with InvalidRequestError, not a TypeError", () => {
    expect(() => new StatsigConsole({ apiKey: "console-null-store", rateLimit: { store: null as unknown as WindowStore } })).toThrow(InvalidRequestError);
  });

  it("names the four methods a store needs, and refuses anything but an object, even a function carrying them", () => {
    const methods = { reserve: () => ({ slotId: "x" }), release: () => {}, pause: () => {}, earliestStartInMs: () => 0 };
    for (const store of ["redis://localhost:6379", Object.assign(() => {}, methods)]) {
      expect(() => new StatsigConsole({ apiKey: "console-odd-store", rateLimit: { store: store as unknown as WindowStore } })).toThrow(
        "rateLimit.store must have reserve, release, pause and earliestStartInMs methods",
      );
    }
  });
});

describe("MemoryWindowStore on its own (the default store, and the one a user may share between clients)", () => {
  /** A store on a clock the test moves by hand. */
  function memoryStore() {
    const clock = { nowMs: 0 };
    return { clock, store: new MemoryWindowStore(() => clock.nowMs) };
  }
  const slotOf = (reservation: Reservation): string => {
    if (!("slotId" in reservation)) throw new Error(`expected a slot, got a wait of ${reservation.retryInMs} ms`);
    return reservation.slotId;
  };

  it("earliestStartInMs answers what reserve would, without taking a slot: 0, Infinity while in flight, then exact to the millisecond", () => {
    const { clock, store } = memoryStore();
    const scope = scopeOf([{ limit: 2, intervalMs: 1000 }]);
    expect(store.earliestStartInMs(scope)).toBe(0);
    expect(store.earliestStartInMs(scope)).toBe(0); // asking takes nothing
    const a = slotOf(store.reserve(scope));
    const b = slotOf(store.reserve(scope));
    expect(store.earliestStartInMs(scope)).toBe(Infinity); // only a release can free one
    clock.nowMs = 100;
    store.release(scope, a); // held until 1100
    clock.nowMs = 300;
    expect(store.earliestStartInMs(scope)).toBe(800);
    expect(store.reserve(scope)).toEqual({ retryInMs: 800 });
    clock.nowMs = 1099;
    expect(store.earliestStartInMs(scope)).toBe(1);
    clock.nowMs = 1100; // a slot released at r is free again at r + intervalMs, not later
    expect(store.earliestStartInMs(scope)).toBe(0);
    slotOf(store.reserve(scope));
    store.release(scope, b);
  });

  it("a pause extends, never shortens, and a pause of NaN, 0 or less is ignored rather than poisoning the next one", () => {
    const { clock, store } = memoryStore();
    const scope = scopeOf([{ limit: 5, intervalMs: 100 }]);
    store.pause(scope, Number.NaN);
    store.pause(scope, 0);
    store.pause(scope, -50);
    expect(store.earliestStartInMs(scope)).toBe(0);
    store.pause(scope, 1000);
    clock.nowMs = 200;
    store.pause(scope, 300); // would end at 500, before the pause already on
    store.pause(scope, Number.NaN);
    expect(store.earliestStartInMs(scope)).toBe(800);
    expect(store.reserve(scope)).toEqual({ retryInMs: 800 });
    clock.nowMs = 1000;
    slotOf(store.reserve(scope));
  });

  it("a release is counted once: again, or of a slot it never granted, changes nothing", () => {
    const { clock, store } = memoryStore();
    const scope = scopeOf([{ limit: 2, intervalMs: 1000 }]);
    const a = slotOf(store.reserve(scope));
    store.release(scope, a);
    clock.nowMs = 10;
    store.release(scope, a);
    store.release(scope, "never-granted");
    expect(store.heldSlots(scope)).toBe(1);
    expect(store.earliestStartInMs(scope)).toBe(0); // one slot of two held
  });

  it("keeps each scope apart: another key, group or set of windows has its own slots", () => {
    const { store } = memoryStore();
    const windows = [{ limit: 1, intervalMs: 1000 }];
    const scope: WindowScope = { keyId: "k", group: "mutations", windows };
    slotOf(store.reserve(scope));
    expect(store.earliestStartInMs(scope)).toBe(Infinity);
    for (const other of [
      { ...scope, keyId: "other-key" },
      { ...scope, group: "segmentIdList" },
      { ...scope, windows: [{ limit: 1, intervalMs: 2000 }] },
    ]) {
      expect(store.earliestStartInMs(other)).toBe(0);
      expect(store.heldSlots(other)).toBe(0);
    }
  });

  it("forgets a released slot once the longest window has passed it, and not before", () => {
    const { clock, store } = memoryStore();
    const scope = scopeOf([
      { limit: 5, intervalMs: 100 },
      { limit: 9, intervalMs: 1000 },
    ]);
    store.release(scope, slotOf(store.reserve(scope))); // released at 0
    clock.nowMs = 999;
    expect(store.heldSlots(scope)).toBe(1); // still counts in the 1000 ms window
    clock.nowMs = 1000;
    expect(store.heldSlots(scope)).toBe(0);
  });

  it("an injected clock that steps back frees no slot early: a release is never stamped before the one before it", () => {
    const { clock, store } = memoryStore();
    const scope = scopeOf([{ limit: 2, intervalMs: 1000 }]);
    clock.nowMs = 500;
    const a = slotOf(store.reserve(scope));
    const b = slotOf(store.reserve(scope));
    store.release(scope, a); // held until 1500
    clock.nowMs = 200; // the clock steps back
    store.release(scope, b); // stamped 500, not 200
    clock.nowMs = 1250;
    expect(store.heldSlots(scope)).toBe(2); // both still held: an unordered list would have dropped them
    expect(store.earliestStartInMs(scope)).toBe(250);
  });
});
