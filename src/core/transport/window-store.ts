// Where the limiter keeps its slots. The limiter (rate-limiter.ts) owns the first-come-first-served
// queue of its process and asks a store, one request at a time, for a slot in every window of a
// group; the store decides from the slots it holds. The default store keeps them in this process;
// a shared store (statsig-console-api/redis) keeps them where every process and machine of a
// project sees them, so the fleet shares the server's budget.
//
// A store's contract, whatever keeps the slots:
// - A slot is held in every window of its group from its reservation until `intervalMs` after its
//   release. The limiter reserves right before sending and releases once the response has ended (or
//   the attempt failed), so a slot covers the server's count of the request whenever it arrived.
// - A store stamps reservations and releases with ITS OWN clock, at the moment the call reaches it:
//   never earlier than the real send or response end, so the slot only ever covers more. Nothing
//   crosses between clocks except durations (`retryInMs`, `leaseMs`, `durationMs`).
// - A shared store gives each reserved slot a lease of `leaseMs`: if its holder never releases it (a
//   process that died), the slot counts as released when the lease ends, and so is held until
//   `intervalMs` after that. The limiter asks for the attempt's timeout plus a margin.
// - A store sees the project only as `keyId`, an opaque digest of the API key, never the key.
import type { Window } from "./rate-limiter.js";

export type MaybePromise<T> = T | Promise<T>;

/** Who shares a set of windows: a project (through its key's digest) and one rate-limit group. */
export interface WindowScope {
  /** An opaque id of the API key (a SHA-256 prefix); the key itself never reaches a store. */
  keyId: string;
  /** The rate-limit group, e.g. "mutations" or "segmentIdList". */
  group: string;
  /** The group's windows, as this client is configured. */
  windows: readonly Window[];
}

/** A reservation: the slot granted, or how long to wait before asking again. */
export type Reservation = { slotId: string } | { retryInMs: number };

/**
 * Keeps the slots of one or many scopes. Methods may answer synchronously (the in-process store) or
 * with a promise (a network store); a rejected promise or a throw means the store could not be
 * asked, and the limiter fails the waiting calls with RateLimitStoreError rather than guess.
 */
export interface WindowStore {
  /**
   * Takes a slot in every window of the scope if each holds fewer than `limit` slots and the group is
   * not paused. Otherwise the earliest wait after which a slot may be free: exact when slots already
   * released must leave a window, a lower bound (one `intervalMs`) when slots still in flight fill
   * it, `Infinity` when only a release in this process can free one (the in-process store).
   */
  reserve(scope: WindowScope, leaseMs: number): MaybePromise<Reservation>;
  /** The response of the slot's request has ended (or it failed): the slot stays held `intervalMs` more. Idempotent. */
  release(scope: WindowScope, slotId: string): MaybePromise<void>;
  /** Nobody in the scope is granted a slot for `durationMs` (the server answered 429). Extends, never shortens, a pause. */
  pause(scope: WindowScope, durationMs: number): MaybePromise<void>;
  /** How long until a reservation could succeed, as `reserve` would answer, without reserving: 0 when one would now. */
  earliestStartInMs(scope: WindowScope): MaybePromise<number>;
}

interface ScopeState {
  /** Slots granted and not yet released. In one process every grant is released (the limiter's `finally`), so no lease. */
  inFlight: Set<string>;
  /** Release times (the store's clock) within the longest window, ascending. */
  releasedAtMs: number[];
  pausedUntilMs: number;
}

/** Index of the first entry later than `afterMs` in ascending `times` (binary search). */
function firstAfter(times: readonly number[], afterMs: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle]! > afterMs) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The in-process store: the default. Slots live in this process's memory on its monotonic clock.
 * It ignores leases: a slot granted here is always released by its own process.
 */
export class MemoryWindowStore implements WindowStore {
  readonly #now: () => number;
  readonly #states = new Map<string, ScopeState>();
  #slotsIssued = 0;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  #state(scope: WindowScope): ScopeState {
    const id = `${scope.keyId}\u0000${scope.group}\u0000${JSON.stringify(scope.windows)}`;
    let state = this.#states.get(id);
    if (!state) {
      state = { inFlight: new Set(), releasedAtMs: [], pausedUntilMs: -Infinity };
      this.#states.set(id, state);
    }
    const horizonMs = Math.max(0, ...scope.windows.map((window) => window.intervalMs));
    const expired = firstAfter(state.releasedAtMs, this.#now() - horizonMs);
    if (expired > 0) state.releasedAtMs.splice(0, expired);
    return state;
  }

  /**
   * Earliest time one more slot may be granted: when fewer than `limit` slots are held in every
   * window and no pause is on. Infinity while in-flight slots alone fill a window.
   */
  #readyAtMs(state: ScopeState, windows: readonly Window[], nowMs: number): number {
    let readyMs = Math.max(nowMs, state.pausedUntilMs);
    const released = state.releasedAtMs;
    for (const { limit, intervalMs } of windows) {
      const releasedMayStayHeld = limit - 1 - state.inFlight.size;
      if (releasedMayStayHeld < 0) return Infinity;
      // A slot released at r is held in this window while now < r + intervalMs.
      const firstHeld = firstAfter(released, nowMs - intervalMs);
      const mustExpire = released.length - firstHeld - releasedMayStayHeld;
      if (mustExpire > 0) readyMs = Math.max(readyMs, released[firstHeld + mustExpire - 1]! + intervalMs);
    }
    return readyMs;
  }

  reserve(scope: WindowScope): Reservation {
    const state = this.#state(scope);
    const nowMs = this.#now();
    const readyMs = this.#readyAtMs(state, scope.windows, nowMs);
    if (readyMs > nowMs) return { retryInMs: readyMs - nowMs };
    const slotId = String(++this.#slotsIssued);
    state.inFlight.add(slotId);
    return { slotId };
  }

  release(scope: WindowScope, slotId: string): void {
    const state = this.#state(scope);
    if (!state.inFlight.delete(slotId)) return;
    // Keep the list ascending even if an injected clock steps back.
    state.releasedAtMs.push(Math.max(this.#now(), state.releasedAtMs.at(-1) ?? -Infinity));
  }

  pause(scope: WindowScope, durationMs: number): void {
    if (!(durationMs > 0)) return;
    const state = this.#state(scope);
    state.pausedUntilMs = Math.max(state.pausedUntilMs, this.#now() + durationMs);
  }

  earliestStartInMs(scope: WindowScope): number {
    const nowMs = this.#now();
    return this.#readyAtMs(this.#state(scope), scope.windows, nowMs) - nowMs;
  }

  /** Slots remembered for the scope: in flight plus released within its longest window. */
  heldSlots(scope: WindowScope): number {
    const state = this.#state(scope);
    return state.inFlight.size + state.releasedAtMs.length;
  }
}

/** A store that keeps slots in this process only (the default): `rateLimit: { store: memoryWindowStore() }` shares it explicitly between clients. */
export function memoryWindowStore(): WindowStore {
  return new MemoryWindowStore();
}

/**
 * The id a store sees for an API key: the first 128 bits of SHA-256 over the key (Web Crypto, so any
 * runtime with `crypto.subtle`), in hex. One-way: a store, its keys and its logs never hold the key.
 */
export async function keyIdOf(apiKey: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(`statsig-console-api/rate-limit\u0000${apiKey}`));
  return Array.from(new Uint8Array(digest).subarray(0, 16), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
