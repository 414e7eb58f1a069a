// Client-side throttling of mutations with sliding windows.
//
// A window { limit, intervalMs } guarantees that at most `limit` requests START in ANY span of
// `intervalMs`. A refilling token bucket would not: it can let `limit` through at the end of one
// interval and `limit` more at the start of the next. The server counts rejected attempts too, so
// staying under its limits matters more than squeezing out the last request.
import { sleep } from "./sleep.js";

export interface Window {
  /** Most requests that may start in any span of `intervalMs`. */
  limit: number;
  /** Length of the window in milliseconds. */
  intervalMs: number;
}

/**
 * Windows per rate-limit group (`mutations`, `segmentIdList`, …: the spec's `x-rate-limit-groups`,
 * whose windows are the defaults, generated/operations.ts `DEFAULT_RATE_LIMITS`). A group given
 * here replaces its defaults.
 */
export type RateLimitOptions = { readonly [group: string]: Window[] | undefined };

/** A set of sliding windows; each acquire reserves the earliest start time all of them allow. */
export class SlidingWindowLimiter {
  readonly #windows: Window[];
  /** Start times (ms), ascending: granted in the past or reserved in the future. */
  #starts: number[] = [];
  readonly #horizonMs: number;

  constructor(windows: Window[], private readonly now: () => number = Date.now) {
    for (const window of windows) {
      if (!Number.isInteger(window.limit) || window.limit < 1 || !(window.intervalMs > 0)) {
        throw new RangeError(`invalid rate-limit window ${JSON.stringify(window)}: limit must be a positive integer, intervalMs positive`);
      }
    }
    this.#windows = windows.map((window) => ({ ...window }));
    this.#horizonMs = Math.max(0, ...windows.map((window) => window.intervalMs));
  }

  /** Earliest time (ms) at which one more request may start without breaking any window. */
  #earliestStart(nowMs: number): number {
    let earliest = nowMs;
    const starts = this.#starts;
    for (const { limit, intervalMs } of this.#windows) {
      // The new start must come at least intervalMs after the limit-th most recent start.
      if (starts.length >= limit) earliest = Math.max(earliest, starts[starts.length - limit]! + intervalMs);
    }
    return earliest;
  }

  #prune(nowMs: number): void {
    const cutoff = nowMs - this.#horizonMs;
    let drop = 0;
    while (drop < this.#starts.length && this.#starts[drop]! <= cutoff) drop++;
    if (drop > 0) this.#starts.splice(0, drop);
  }

  /** Milliseconds until a request could start now, without reserving anything. */
  delayMs(): number {
    const nowMs = this.now();
    this.#prune(nowMs);
    return this.#earliestStart(nowMs) - nowMs;
  }

  /**
   * Waits for a slot. The slot is reserved at once (callers are served first come, first served);
   * an abort while waiting gives the slot back and rejects with APIUserAbortError.
   */
  async acquire(signal?: AbortSignal): Promise<void> {
    const nowMs = this.now();
    this.#prune(nowMs);
    const startMs = this.#earliestStart(nowMs);
    // Reserved slots are non-decreasing, so appending keeps the list sorted.
    this.#starts.push(startMs);
    if (startMs <= nowMs) return;
    try {
      await sleep(startMs - nowMs, signal);
    } catch (error) {
      const index = this.#starts.lastIndexOf(startMs);
      if (index !== -1) this.#starts.splice(index, 1);
      throw error;
    }
  }
}

/** The limiters of one client: one per rate-limit group, shared with every client that has the same key and windows. */
export interface RateLimiters {
  /** The limiter of a group; undefined for `none` and when limits are off. */
  forGroup(group: string): SlidingWindowLimiter | undefined;
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

/**
 * Resolve the `rateLimit` option into per-group limiters over the groups of `defaults` (the spec's
 * windows); created lazily on first use, no timers until then.
 */
export function createRateLimiters(apiKey: string, option: false | RateLimitOptions | undefined, defaults: Readonly<Record<string, Window[]>>): RateLimiters {
  if (option === false) return { forGroup: () => undefined };
  const windows = new Map<string, Window[]>();
  for (const [group, fallback] of Object.entries(defaults)) windows.set(group, option?.[group] ?? fallback);
  // Validate eagerly so a bad option fails at construction, not on the first mutation.
  for (const group of windows.values()) new SlidingWindowLimiter(group);
  const cache = new Map<string, SlidingWindowLimiter>();
  return {
    forGroup(group) {
      let limiter = cache.get(group);
      if (!limiter) {
        const groupWindows = windows.get(group);
        if (!groupWindows) return undefined; // `none`
        limiter = sharedLimiter(apiKey, group, groupWindows);
        cache.set(group, limiter);
      }
      return limiter;
    },
  };
}
