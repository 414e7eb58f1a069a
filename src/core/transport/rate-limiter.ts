// Client-side throttling of mutations with sliding windows, counted the way the server counts.
//
// The server counts a request when it ARRIVES, somewhere between the moment we send it and the end
// of its response, and it counts refused attempts too. So here a request holds a slot in every
// window of its group from the moment it is sent until `intervalMs` after its response ends (or it
// fails); while it is in flight it holds the slot for as long as that takes. A request may be sent
// only while fewer than `limit` slots are held in each window.
//
// Why that holds whatever the latency: suppose `limit + 1` arrivals fell within `intervalMs` of one
// another. Take the one of them sent last, at time s; it arrived at a ≥ s. Every other one, j, was
// sent at or before s and arrived at a_j ≤ end_j (the end of its response), with a − a_j < intervalMs.
// So s ≤ a < a_j + intervalMs ≤ end_j + intervalMs: at time s all `limit` others still held their
// slots, and the last one could not have been sent. Only durations enter, so the server's clock need
// not agree with ours; ours is monotonic (performance.now), so a wall clock set back an hour changes
// nothing. A token bucket would not do: it can let `limit` through at the end of one interval and
// `limit` more at the start of the next.
import { APIUserAbortError } from "../errors.js";
import type { RateLimitGroup } from "../operation.js";

export interface Window {
  /** Most requests the server accepts in any span of `intervalMs`. */
  limit: number;
  /** Length of the window in milliseconds. */
  intervalMs: number;
}

export interface RateLimitOptions {
  /** Windows for every mutation (non-GET). Default: 100 per 10 s and 900 per 15 min. */
  mutations?: Window[] | undefined;
  /** Windows for the segment ID-list operations, which have their own quota. Default: 12 per 10 s and 900 per 15 min. */
  segmentIdList?: Window[] | undefined;
}

export const DEFAULT_RATE_LIMITS: Record<keyof RateLimitOptions, Window[]> = {
  mutations: [
    { limit: 100, intervalMs: 10_000 },
    { limit: 900, intervalMs: 15 * 60_000 },
  ],
  segmentIdList: [
    { limit: 12, intervalMs: 10_000 },
    { limit: 900, intervalMs: 15 * 60_000 },
  ],
};

/** A granted slot. Release it once the attempt's response has ended or the attempt failed. */
export interface RateLimitSlot {
  /** Starts the slot's last `intervalMs` in each window. Idempotent. */
  release(): void;
}

export interface AcquireOptions {
  /** Aborting while queued removes the request from the queue and rejects with APIUserAbortError. */
  signal?: AbortSignal | undefined;
  /** Called at most once per queue episode (the queue staying non-empty), when its oldest request has waited over a second. */
  onLongWait?: ((info: { queuedRequests: number }) => void) | undefined;
}

/** How long a request waits before the wait is worth a log line. */
export const LONG_WAIT_MS = 1000;

/** setTimeout's largest delay; longer waits take several wake-ups. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

interface Waiter {
  enqueuedMs: number;
  resolve(slot: RateLimitSlot): void;
  reject(error: unknown): void;
  signal: AbortSignal | undefined;
  onLongWait: AcquireOptions["onLongWait"];
}

/** The queued waiters of one signal, behind a single abort listener (so a signal shared by many calls adds one). */
interface SignalWatch {
  waiters: Set<Waiter>;
  onAbort(): void;
}

function validWindow(window: Window): boolean {
  return Number.isInteger(window.limit) && window.limit >= 1 && Number.isFinite(window.intervalMs) && window.intervalMs > 0;
}

/** The sliding windows of one rate-limit group, with a first-come-first-served queue of senders. */
export class SlidingWindowLimiter {
  readonly #windows: readonly Window[];
  readonly #now: () => number;
  /** Slots must be remembered this long after release: the longest window. */
  readonly #horizonMs: number;
  /** The shortest window: how long a 429 without `Retry-After` pauses the group. */
  readonly shortestIntervalMs: number;

  /** Requests sent and not yet released: held in every window. */
  #inFlight = 0;
  /** Release times (ms, monotonic clock) within the longest window, ascending. */
  #releasedAtMs: number[] = [];
  /** Nobody is sent before this time (a 429 paused the group). */
  #pausedUntilMs = -Infinity;
  /** Waiting senders, oldest first. */
  #queue: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerDueMs = Infinity;
  /** Whether this queue episode has already reported a long wait. */
  #longWaitReported = false;
  /** One abort listener per signal among the queued waiters. */
  #watches = new Map<AbortSignal, SignalWatch>();

  constructor(windows: Window[], now: () => number = () => performance.now()) {
    for (const window of windows) {
      if (!validWindow(window)) {
        throw new RangeError(`invalid rate-limit window ${JSON.stringify(window)}: limit must be a positive integer, intervalMs positive and finite`);
      }
    }
    this.#windows = windows.map(({ limit, intervalMs }) => ({ limit, intervalMs }));
    this.#now = now;
    this.#horizonMs = Math.max(0, ...windows.map((window) => window.intervalMs));
    this.shortestIntervalMs = windows.length > 0 ? Math.min(...windows.map((window) => window.intervalMs)) : 0;
  }

  /** Slots remembered: in flight plus released within the longest window. Never more than that window's `limit`. */
  get heldSlots(): number {
    this.#forgetExpired(this.#now());
    return this.#inFlight + this.#releasedAtMs.length;
  }

  /** Senders waiting for a slot. */
  get queuedRequests(): number {
    return this.#queue.length;
  }

  /**
   * Waits in line for a slot. Granted strictly in call order; an abort while waiting takes the
   * caller out of the line (nobody behind it moves ahead of anyone else) and rejects with
   * APIUserAbortError. After the grant, an abort is the caller's business: it just releases the slot.
   */
  acquire(options: AcquireOptions = {}): Promise<RateLimitSlot> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new APIUserAbortError(undefined, { cause: signal.reason }));
    return new Promise<RateLimitSlot>((resolve, reject) => {
      const waiter: Waiter = { enqueuedMs: this.#now(), resolve, reject, signal, onLongWait: options.onLongWait };
      if (signal) this.#watch(signal).waiters.add(waiter);
      this.#queue.push(waiter);
      this.#pump();
    });
  }

  #watch(signal: AbortSignal): SignalWatch {
    let watch = this.#watches.get(signal);
    if (!watch) {
      const created: SignalWatch = {
        waiters: new Set(),
        onAbort: () => {
          this.#watches.delete(signal);
          // Leaving the line moves nobody ahead of anyone else: the order of those who stay is unchanged.
          this.#queue = this.#queue.filter((waiter) => !created.waiters.has(waiter));
          for (const waiter of created.waiters) waiter.reject(new APIUserAbortError(undefined, { cause: signal.reason }));
          this.#pump();
        },
      };
      signal.addEventListener("abort", created.onAbort, { once: true });
      this.#watches.set(signal, created);
      watch = created;
    }
    return watch;
  }

  #unwatch(waiter: Waiter): void {
    const { signal } = waiter;
    const watch = signal && this.#watches.get(signal);
    if (!signal || !watch) return;
    watch.waiters.delete(waiter);
    if (watch.waiters.size > 0) return;
    signal.removeEventListener("abort", watch.onAbort);
    this.#watches.delete(signal);
  }

  /** Sends nobody in this group for `durationMs` (the server answered 429). Extends, never shortens, a pause. */
  pause(durationMs: number): void {
    if (!(durationMs > 0)) return;
    this.#pausedUntilMs = Math.max(this.#pausedUntilMs, this.#now() + durationMs);
    this.#pump();
  }

  #release(): void {
    this.#inFlight--;
    const nowMs = this.#now();
    // Keep the list ascending even if an injected clock steps back.
    this.#releasedAtMs.push(Math.max(nowMs, this.#releasedAtMs.at(-1) ?? -Infinity));
    this.#pump();
  }

  #forgetExpired(nowMs: number): void {
    const expired = this.#firstReleaseAfter(nowMs - this.#horizonMs);
    if (expired > 0) this.#releasedAtMs.splice(0, expired);
  }

  /** Index of the first release later than `afterMs` (binary search over the remembered ones). */
  #firstReleaseAfter(afterMs: number): number {
    let low = 0;
    let high = this.#releasedAtMs.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#releasedAtMs[middle]! > afterMs) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /**
   * Earliest time one more request may be sent: when fewer than `limit` slots are held in every
   * window and no pause is on. Infinity while in-flight requests alone fill a window (a release will
   * tell).
   */
  #readyAtMs(nowMs: number): number {
    let readyMs = Math.max(nowMs, this.#pausedUntilMs);
    for (const { limit, intervalMs } of this.#windows) {
      const releasedMayStayHeld = limit - 1 - this.#inFlight;
      if (releasedMayStayHeld < 0) return Infinity;
      // A slot released at r is held in this window while now < r + intervalMs.
      const firstHeld = this.#firstReleaseAfter(nowMs - intervalMs);
      const mustExpire = this.#releasedAtMs.length - firstHeld - releasedMayStayHeld;
      if (mustExpire > 0) readyMs = Math.max(readyMs, this.#releasedAtMs[firstHeld + mustExpire - 1]! + intervalMs);
    }
    return readyMs;
  }

  #grant(waiter: Waiter): void {
    this.#unwatch(waiter);
    this.#inFlight++;
    let released = false;
    waiter.resolve({
      release: () => {
        if (released) return;
        released = true;
        this.#release();
      },
    });
  }

  /** Grants whoever may go now, in order, then arms the one wake-up timer if anyone still waits. */
  #pump(): void {
    const nowMs = this.#now();
    this.#forgetExpired(nowMs);
    let readyMs = nowMs;
    while (this.#queue.length > 0) {
      readyMs = this.#readyAtMs(nowMs);
      if (readyMs > nowMs) break;
      this.#grant(this.#queue.shift()!);
    }
    const head = this.#queue[0];
    if (!head) {
      this.#longWaitReported = false;
      this.#clearTimer();
      return;
    }
    let wakeMs = readyMs;
    let reportLongWait = false;
    if (!this.#longWaitReported) {
      const longWaitMs = head.enqueuedMs + LONG_WAIT_MS;
      if (nowMs >= longWaitMs) reportLongWait = this.#longWaitReported = true;
      else wakeMs = Math.min(wakeMs, longWaitMs);
    }
    this.#armTimer(nowMs, wakeMs);
    if (reportLongWait) {
      try {
        head.onLongWait?.({ queuedRequests: this.#queue.length });
      } catch {
        // A failing log sink must not break the queue.
      }
    }
  }

  #armTimer(nowMs: number, wakeMs: number): void {
    // An earlier timer is kept: it wakes the pump, which re-arms for the right time.
    if (this.#timer !== undefined && this.#timerDueMs <= wakeMs) return;
    this.#clearTimer();
    if (wakeMs === Infinity) return;
    const delayMs = Math.min(MAX_TIMER_DELAY_MS, Math.max(1, Math.ceil(wakeMs - nowMs)));
    this.#timerDueMs = nowMs + delayMs;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#timerDueMs = Infinity;
      this.#pump();
    }, delayMs);
  }

  #clearTimer(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerDueMs = Infinity;
  }
}

/** The limiters of one client: one per rate-limit group, shared with every client that has the same key and windows. */
export interface RateLimiters {
  forGroup(group: RateLimitGroup): SlidingWindowLimiter | undefined;
}

// Process-wide registry. Keyed by the API key so that every client of one project shares the
// server's budget; the key stays in this module-private map and is never logged.
const registry = new Map<string, SlidingWindowLimiter>();

function sharedLimiter(apiKey: string, group: string, windows: Window[]): SlidingWindowLimiter {
  const id = `${apiKey}\u0000${group}\u0000${JSON.stringify(windows)}`;
  let limiter = registry.get(id);
  if (!limiter) {
    limiter = new SlidingWindowLimiter(windows);
    registry.set(id, limiter);
  }
  return limiter;
}

/** Resolve the `rateLimit` option into per-group limiters; created lazily on first use, no timers until someone waits. */
export function createRateLimiters(apiKey: string, option: false | RateLimitOptions | undefined): RateLimiters {
  if (option === false) return { forGroup: () => undefined };
  const windows: Record<keyof RateLimitOptions, Window[]> = {
    mutations: option?.mutations ?? DEFAULT_RATE_LIMITS.mutations,
    segmentIdList: option?.segmentIdList ?? DEFAULT_RATE_LIMITS.segmentIdList,
  };
  // Validate eagerly so a bad option fails at construction, not on the first mutation.
  for (const group of Object.values(windows)) new SlidingWindowLimiter(group);
  const cache = new Map<RateLimitGroup, SlidingWindowLimiter>();
  return {
    forGroup(group) {
      if (group === "none") return undefined;
      let limiter = cache.get(group);
      if (!limiter) {
        limiter = sharedLimiter(apiKey, group, windows[group]);
        cache.set(group, limiter);
      }
      return limiter;
    },
  };
}
