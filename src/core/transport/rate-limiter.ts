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
//
// Where the slots live is a WindowStore (window-store.ts): this process's memory by default, or a
// store shared by a fleet (statsig-console-api/redis). The queue stays in the process.
import { APIUserAbortError, InvalidRequestError, RateLimitStoreError, StatsigConsoleError } from "../errors.js";
import { keyIdOf, MemoryWindowStore, type MaybePromise, type Reservation, type WindowScope, type WindowStore } from "./window-store.js";

export interface Window {
  /** Most requests the server accepts in any span of `intervalMs`. */
  limit: number;
  /** Length of the window in milliseconds. */
  intervalMs: number;
}

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
  /** The attempt's timeout: a shared store leases the slot for this plus LEASE_MARGIN_MS. Default 60 s. */
  attemptTimeoutMs?: number | undefined;
}

/** How long a request waits before the wait is worth a log line. */
const LONG_WAIT_MS = 1000;

/**
 * Added to the attempt's timeout to make a slot's lease in a shared store. The lease only matters
 * when a holder never releases (its process died): it must outlast the reply that grants the slot,
 * the attempt, and the release reaching the store, or a slot could be freed while its request is
 * still on the wire. 10 s covers network round trips and event-loop stalls with a wide margin.
 */
export const LEASE_MARGIN_MS = 10_000;

const DEFAULT_ATTEMPT_TIMEOUT_MS = 60_000;

/** setTimeout's largest delay; longer waits take several wake-ups. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

interface Waiter {
  enqueuedMs: number;
  leaseMs: number;
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

/** Where a limiter keeps its slots: a store, and the scope (project digest, group, windows) it asks about. */
export interface LimiterBinding {
  store: WindowStore;
  scope: WindowScope | Promise<WindowScope>;
}

function validWindow(window: Window): boolean {
  return Number.isInteger(window.limit) && window.limit >= 1 && Number.isFinite(window.intervalMs) && window.intervalMs > 0;
}

function isPromiseLike<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/** A store failure as the calls waiting on it see it: always one of our errors. */
function storeError(cause: unknown): StatsigConsoleError {
  if (cause instanceof StatsigConsoleError) return cause;
  const detail = cause instanceof Error ? `: ${cause.message}` : "";
  return new RateLimitStoreError(`the rate-limit store could not be asked for a slot${detail}`, { cause });
}

/**
 * The sliding windows of one rate-limit group, with a first-come-first-served queue of senders.
 *
 * The queue is this process's; the slots are the store's. Only the head of the queue asks the store,
 * one reservation at a time, so within a process nobody overtakes anybody. Across processes sharing a
 * store, fairness is best-effort: whoever asks first when a slot frees gets it.
 */
export class SlidingWindowLimiter {
  readonly #windows: readonly Window[];
  readonly #now: () => number;
  readonly #store: WindowStore;
  #scope: WindowScope | undefined;
  readonly #scopePromise: Promise<WindowScope> | undefined;
  /** The shortest window: how long a 429 without `Retry-After` pauses the group. */
  readonly shortestIntervalMs: number;

  /** Slots granted by this limiter and not yet released. */
  #granted = 0;
  /** The head does not ask the store before this time (the store's last answer). */
  #retryAtMs = -Infinity;
  /** Nobody is sent before this time (a 429 paused the group); also told to the store, for the other processes. */
  #pausedUntilMs = -Infinity;
  /** A reservation is on its way to an asynchronous store. */
  #reserving = false;
  /** Releases so far: an answer "only a release frees a slot" is stale if one happened while it was on its way. */
  #releaseCount = 0;
  /** Waiting senders, oldest first. */
  #queue: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerDueMs = Infinity;
  /** Whether this queue episode has already reported a long wait. */
  #longWaitReported = false;
  /** One abort listener per signal among the queued waiters. */
  #watches = new Map<AbortSignal, SignalWatch>();

  constructor(windows: Window[], now: () => number = () => performance.now(), binding?: LimiterBinding) {
    for (const window of windows) {
      if (!validWindow(window)) {
        throw new RangeError(`invalid rate-limit window ${JSON.stringify(window)}: limit must be a positive integer, intervalMs positive and finite`);
      }
    }
    this.#windows = windows.map(({ limit, intervalMs }) => ({ limit, intervalMs }));
    this.#now = now;
    this.shortestIntervalMs = windows.length > 0 ? Math.min(...windows.map((window) => window.intervalMs)) : 0;
    if (binding) {
      this.#store = binding.store;
      if (isPromiseLike(binding.scope)) {
        this.#scopePromise = binding.scope.then((scope) => (this.#scope = scope));
        this.#scopePromise.catch(() => {}); // reported to the calls that need it
      } else this.#scope = binding.scope;
    } else {
      // Today's behaviour: the slots of this limiter in this process, on its clock.
      this.#store = new MemoryWindowStore(now);
      this.#scope = { keyId: "local", group: "local", windows: this.#windows };
    }
  }

  /** Slots remembered: in flight plus released within the longest window (for a shared store: those of this process in flight). */
  get heldSlots(): number {
    if (this.#store instanceof MemoryWindowStore && this.#scope) return this.#store.heldSlots(this.#scope);
    return this.#granted;
  }

  /** Senders waiting for a slot. */
  get queuedRequests(): number {
    return this.#queue.length;
  }

  /**
   * Waits in line for a slot. Granted strictly in call order; an abort while waiting takes the
   * caller out of the line (nobody behind it moves ahead of anyone else) and rejects with
   * APIUserAbortError. After the grant, an abort is the caller's business: it just releases the slot.
   * A store that cannot be asked fails every waiting call with RateLimitStoreError (nothing is sent).
   */
  acquire(options: AcquireOptions = {}): Promise<RateLimitSlot> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new APIUserAbortError(undefined, { cause: signal.reason }));
    const leaseMs = (options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS) + LEASE_MARGIN_MS;
    return new Promise<RateLimitSlot>((resolve, reject) => {
      const waiter: Waiter = { enqueuedMs: this.#now(), leaseMs, resolve, reject, signal, onLongWait: options.onLongWait };
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

  /** Runs a store call once the scope is known (at once for the in-process store). */
  #withScope<T>(call: (scope: WindowScope) => MaybePromise<T>): MaybePromise<T> {
    if (this.#scope) return call(this.#scope);
    return this.#scopePromise!.then(call);
  }

  /** Tells the store, without waiting: a release or a pause the store misses is covered by the lease or the next 429. */
  #tellStore(call: (scope: WindowScope) => MaybePromise<void>): void {
    try {
      const told = this.#withScope(call);
      if (isPromiseLike(told)) told.catch(() => {});
    } catch {
      // Same: nobody waits on it.
    }
  }

  /** Sends nobody in this group for `durationMs` (the server answered 429). Extends, never shortens, a pause. */
  pause(durationMs: number): void {
    if (!(durationMs > 0)) return;
    this.#pausedUntilMs = Math.max(this.#pausedUntilMs, this.#now() + durationMs);
    this.#tellStore((scope) => this.#store.pause(scope, durationMs));
    this.#pump();
  }

  #release(slotId: string): void {
    this.#granted--;
    this.#releaseCount++;
    this.#tellStore((scope) => this.#store.release(scope, slotId));
    // "Only a release can free a slot" was the last answer: this was one, ask again.
    if (this.#retryAtMs === Infinity) this.#retryAtMs = -Infinity;
    this.#pump();
  }

  #grant(waiter: Waiter, slotId: string): void {
    this.#unwatch(waiter);
    this.#granted++;
    let released = false;
    waiter.resolve({
      release: () => {
        if (released) return;
        released = true;
        this.#release(slotId);
      },
    });
  }

  /** Fails every waiting call: the store could not be asked, and sending without a slot could break the limit. */
  #failQueue(cause: unknown): void {
    const error = storeError(cause);
    const waiters = this.#queue;
    this.#queue = [];
    for (const waiter of waiters) {
      this.#unwatch(waiter);
      waiter.reject(error);
    }
  }

  /** Records the store's answer: a slot for the head, or when to ask again. */
  #apply(reservation: Reservation, leaseMs: number, nowMs: number): void {
    if ("slotId" in reservation) {
      this.#retryAtMs = -Infinity;
      const head = this.#queue[0];
      // The head may have left the line while an asynchronous store answered; the next one takes the
      // slot unless it needs a longer lease. Nobody left: the slot goes back (held intervalMs, as if used).
      if (head && head.leaseMs <= leaseMs) this.#grant(this.#queue.shift()!, reservation.slotId);
      else this.#tellStore((scope) => this.#store.release(scope, reservation.slotId));
      return;
    }
    const waitMs = reservation.retryInMs;
    // A store answering nonsense must not spin the queue: wait one window.
    this.#retryAtMs = nowMs + (waitMs >= 0 ? waitMs : this.shortestIntervalMs);
  }

  /** Grants whoever may go now, in order, then arms the one wake-up timer if anyone still waits. */
  #pump(): void {
    const nowMs = this.#now();
    while (!this.#reserving && this.#queue.length > 0 && Math.max(this.#retryAtMs, this.#pausedUntilMs) <= nowMs) {
      const { leaseMs } = this.#queue[0]!;
      let reservation: MaybePromise<Reservation>;
      try {
        reservation = this.#withScope((scope) => this.#store.reserve(scope, leaseMs));
      } catch (error) {
        this.#failQueue(error);
        break;
      }
      if (isPromiseLike(reservation)) {
        this.#reserving = true;
        const releasesBefore = this.#releaseCount;
        reservation.then(
          (answer) => {
            this.#reserving = false;
            this.#apply(answer, leaseMs, this.#now());
            if (this.#retryAtMs === Infinity && this.#releaseCount !== releasesBefore) this.#retryAtMs = -Infinity; // that release may have been the one
            this.#pump();
          },
          (error: unknown) => {
            this.#reserving = false;
            this.#failQueue(error);
            this.#pump();
          },
        );
        break;
      }
      this.#apply(reservation, leaseMs, nowMs);
      if (!("slotId" in reservation)) break; // asked once per wake-up: the answer says when to ask again
    }
    this.#schedule(nowMs);
  }

  #schedule(nowMs: number): void {
    const head = this.#queue[0];
    if (!head) {
      this.#longWaitReported = false;
      this.#clearTimer();
      return;
    }
    // While the store is being asked, its answer wakes the queue; otherwise the answer's time does.
    let wakeMs = this.#reserving ? Infinity : Math.max(this.#retryAtMs, this.#pausedUntilMs);
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
  /** The limiter of a group; undefined for `none` and when limits are off. */
  forGroup(group: string): SlidingWindowLimiter | undefined;
}

/**
 * The `rateLimit` option as the runtime reads it: where slots are kept, plus windows per group
 * name (the groups and their default windows are the spec's `x-rate-limit-groups`; the public,
 * per-group typed option is `RateLimitConfig` in client.ts). A group given replaces its defaults.
 */
export interface RateLimitSettings {
  /**
   * Where slots are kept. Default: this process (every client with the same key in the process
   * shares them). A shared store, such as `redisWindowStore` from `statsig-console-api/redis`,
   * shares them with every process and machine using the same store and key.
   */
  store?: WindowStore | undefined;
}

// Process-wide registries. Keyed by the API key so that every client of one project shares the
// server's budget; the key stays in these module-private maps and is never logged. A store gets
// only the key's digest (keyIdOf).
const registry = new Map<string, SlidingWindowLimiter>();
const storeRegistries = new WeakMap<WindowStore, Map<string, SlidingWindowLimiter>>();

function sharedLimiter(apiKey: string, group: string, windows: Window[], store: WindowStore | undefined): SlidingWindowLimiter {
  const id = `${apiKey}\u0000${group}\u0000${JSON.stringify(windows)}`;
  let limiters = registry;
  if (store) {
    limiters = storeRegistries.get(store) ?? new Map<string, SlidingWindowLimiter>();
    storeRegistries.set(store, limiters);
  }
  let limiter = limiters.get(id);
  if (!limiter) {
    const binding = store && { store, scope: keyIdOf(apiKey).then((keyId) => ({ keyId, group, windows })) };
    limiter = new SlidingWindowLimiter(windows, undefined, binding);
    limiters.set(id, limiter);
  }
  return limiter;
}

function isWindowStore(value: unknown): value is WindowStore {
  const store = value as Partial<Record<keyof WindowStore, unknown>> | null;
  return typeof store === "object" && store !== null && (["reserve", "release", "pause", "earliestStartInMs"] as const).every((name) => typeof store[name] === "function");
}

/**
 * Resolve the `rateLimit` option into per-group limiters over the groups of `defaults` (the spec's
 * `x-rate-limit-groups` windows); created lazily on first use, no timers until someone waits.
 */
export function createRateLimiters(apiKey: string, option: false | RateLimitSettings | undefined, defaults: Readonly<Record<string, Window[]>>): RateLimiters {
  if (option === false) return { forGroup: () => undefined };
  const windows = new Map<string, Window[]>();
  const given = option as Readonly<Record<string, unknown>> | undefined;
  for (const [group, fallback] of Object.entries(defaults)) windows.set(group, (given?.[group] as Window[] | undefined) ?? fallback);
  // Validate eagerly so a bad option fails at construction, not on the first mutation.
  for (const group of windows.values()) new SlidingWindowLimiter(group);
  const store = option?.store;
  if (store !== undefined && !isWindowStore(store)) throw new InvalidRequestError("rateLimit.store must have reserve, release, pause and earliestStartInMs methods");
  const cache = new Map<string, SlidingWindowLimiter>();
  return {
    forGroup(group) {
      let limiter = cache.get(group);
      if (!limiter) {
        const groupWindows = windows.get(group);
        if (!groupWindows) return undefined; // `none`
        limiter = sharedLimiter(apiKey, group, groupWindows, store);
        cache.set(group, limiter);
      }
      return limiter;
    },
  };
}
