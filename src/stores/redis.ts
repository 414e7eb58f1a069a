// A window store on Redis: the slots of a project live where every process and machine that uses
// the same Redis (and prefix) sees them, so a fleet shares the server's limits instead of each
// process counting only itself. Entry point `statsig-console-api/redis`; the main entry never loads
// it, and this module loads no Redis client itself: it drives the ioredis client you pass.
//
//   import Redis from "ioredis";
//   import { redisWindowStore } from "statsig-console-api/redis";
//   const sc = new StatsigConsole({ rateLimit: { store: redisWindowStore(new Redis(url)) } });
//
// Every operation is one EVALSHA of one Lua script (redis-script.ts): atomic, stamped with the
// Redis server's clock. The queue stays in each process (first come, first served there); across
// processes, fairness is best-effort.
//
// When Redis cannot be asked (down, restarting, slower than `commandTimeoutMs`), a reservation
// fails at once with RateLimitStoreError and the mutation is not sent: sending without a slot could
// break the project's limit for everyone. Reads are never limited, so they go on. Releases and
// pauses that fail are dropped: a slot whose release is lost stays held until its lease ends.
//
// When Redis comes back without the state (no persistence), the first process to notice starts a
// new epoch; every process replays the slots it still holds (in flight, or released within the
// longest window) on its next call, and nobody is granted anything for `rebuildGraceMs` meanwhile.
import { createHash, randomUUID } from "node:crypto";
import { InvalidRequestError, RateLimitStoreError } from "../core/errors.js";
import type { Window } from "../core/transport/rate-limiter.js";
import type { Reservation, WindowScope, WindowStore } from "../core/transport/window-store.js";
import { WINDOW_SCRIPT } from "./redis-script.js";

/** What the store needs of a Redis client: ioredis's `Redis` and `Cluster` fit. */
export interface RedisScriptClient {
  evalsha(sha1: string, numkeys: number, ...args: (string | number)[]): Promise<unknown>;
  eval(script: string, numkeys: number, ...args: (string | number)[]): Promise<unknown>;
  /** ioredis's connection status; while "reconnecting", "close" or "end", calls fail at once. */
  readonly status?: string;
}

export interface RedisWindowStoreOptions {
  /** Prepended to every key. Default "statsig-console-api:rate-limit:". */
  prefix?: string | undefined;
  /** Longest wait for Redis's answer before the call fails with RateLimitStoreError, in ms. Default 1000. */
  commandTimeoutMs?: number | undefined;
  /** A waiting process asks Redis again at least this often, in ms (slots freed elsewhere, a lost state). Default 1000. */
  pollIntervalMs?: number | undefined;
  /** After Redis lost the state, grants wait this long (ms) while every active process replays its slots. Default 2500. */
  rebuildGraceMs?: number | undefined;
}

export const REDIS_STORE_DEFAULTS = {
  prefix: "statsig-console-api:rate-limit:",
  commandTimeoutMs: 1000,
  pollIntervalMs: 1000,
  rebuildGraceMs: 2500,
} as const;

/** A slot this process holds, on its monotonic clock: what it replays if Redis loses the state. */
interface HeldSlot {
  leaseEndsMs: number;
  releasedMs?: number;
}

/** What this process knows of one scope. */
interface ScopeLog {
  keys: string[];
  horizonMs: number;
  /** The epoch of the state this process's slots were recorded in. */
  epoch: string;
  slots: Map<string, HeldSlot>;
}

type ScriptReply = [status: "slot" | "wait" | "stale" | "ok", value: string, epoch: string | undefined];

const UNREACHABLE_STATUSES = new Set(["reconnecting", "disconnecting", "close", "end"]);

function checkMs(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 1 || value > 2 ** 31 - 1) {
    throw new InvalidRequestError(`${name} must be a number of milliseconds from 1 to 2^31−1`);
  }
  return value;
}

function windowArgs(windows: readonly Window[]): (string | number)[] {
  return [windows.length, ...windows.flatMap(({ limit, intervalMs }) => [limit, intervalMs])];
}

function parseReply(reply: unknown): ScriptReply {
  if (Array.isArray(reply) && ["slot", "wait", "stale", "ok"].includes(String(reply[0]))) {
    return [String(reply[0]) as ScriptReply[0], String(reply[1] ?? ""), reply[2] === undefined ? undefined : String(reply[2])];
  }
  throw new RateLimitStoreError("the Redis window script answered something unexpected");
}

/** The Redis key prefix of a scope: the key digest hashed once more (so whatever a caller passes, no key reaches Redis) and the group, as one hash tag. */
export function scopeKeys(prefix: string, scope: Pick<WindowScope, "keyId" | "group">): string[] {
  const project = createHash("sha256").update(scope.keyId).digest("hex").slice(0, 32);
  const group = /^[A-Za-z0-9_-]{1,64}$/.test(scope.group) ? scope.group : createHash("sha256").update(scope.group).digest("hex").slice(0, 16);
  const base = `${prefix}{${project}:${group}}`;
  return [`${base}:inflight`, `${base}:released`, `${base}:pause`, `${base}:meta`];
}

export class RedisWindowStore implements WindowStore {
  readonly #redis: RedisScriptClient;
  readonly #prefix: string;
  readonly #commandTimeoutMs: number;
  readonly #pollIntervalMs: number;
  readonly #rebuildGraceMs: number;
  readonly #sha1 = createHash("sha1").update(WINDOW_SCRIPT).digest("hex");
  readonly #logs = new Map<string, ScopeLog>();
  readonly #now: () => number = () => performance.now();

  constructor(redis: RedisScriptClient, options: RedisWindowStoreOptions = {}) {
    if (typeof redis?.evalsha !== "function" || typeof redis.eval !== "function") {
      throw new InvalidRequestError("redisWindowStore needs a Redis client with evalsha and eval (an ioredis Redis or Cluster)");
    }
    this.#redis = redis;
    this.#prefix = options.prefix ?? REDIS_STORE_DEFAULTS.prefix;
    if (typeof this.#prefix !== "string" || /[{}]/.test(this.#prefix)) throw new InvalidRequestError("prefix must be a string without { or } (the store adds the hash tag)");
    this.#commandTimeoutMs = checkMs("commandTimeoutMs", options.commandTimeoutMs, REDIS_STORE_DEFAULTS.commandTimeoutMs);
    this.#pollIntervalMs = checkMs("pollIntervalMs", options.pollIntervalMs, REDIS_STORE_DEFAULTS.pollIntervalMs);
    this.#rebuildGraceMs = checkMs("rebuildGraceMs", options.rebuildGraceMs, REDIS_STORE_DEFAULTS.rebuildGraceMs);
  }

  #log(scope: WindowScope): ScopeLog {
    const keys = scopeKeys(this.#prefix, scope);
    let log = this.#logs.get(keys[0]!);
    if (!log) {
      log = { keys, horizonMs: 0, epoch: "", slots: new Map() };
      this.#logs.set(keys[0]!, log);
    }
    log.horizonMs = Math.max(log.horizonMs, ...scope.windows.map((window) => window.intervalMs));
    // Forget what no window can count any more: released longer ago than the longest window, or a lease over.
    const nowMs = this.#now();
    for (const [id, slot] of log.slots) {
      if (slot.releasedMs === undefined ? slot.leaseEndsMs <= nowMs : slot.releasedMs <= nowMs - log.horizonMs) log.slots.delete(id);
    }
    return log;
  }

  /** One script call, within commandTimeoutMs. `onLateAnswer` sees an answer that came after the call failed. */
  async #run(log: ScopeLog, leaseMs: number, op: string, args: (string | number)[], onLateAnswer?: (reply: ScriptReply) => void): Promise<ScriptReply> {
    const status = this.#redis.status;
    if (status !== undefined && UNREACHABLE_STATUSES.has(status)) throw new RateLimitStoreError(`Redis is not connected (${status}); the mutation was not sent`);
    const knownEpoch = log.slots.size > 0 ? log.epoch : "";
    const argv = [op, "", knownEpoch, randomUUID(), log.horizonMs, leaseMs, this.#rebuildGraceMs, ...args];
    const call = Promise.resolve()
      .then(() => this.#redis.evalsha(this.#sha1, log.keys.length, ...log.keys, ...argv))
      .catch((error: unknown) => {
        if (error instanceof Error && /NOSCRIPT/.test(error.message)) return this.#redis.eval(WINDOW_SCRIPT, log.keys.length, ...log.keys, ...argv);
        throw error;
      });
    let timer: ReturnType<typeof setTimeout> | undefined;
    let timedOut = false;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new RateLimitStoreError(`Redis did not answer within ${this.#commandTimeoutMs} ms; the mutation was not sent`));
      }, this.#commandTimeoutMs);
    });
    call.then(
      (reply) => {
        if (timedOut && onLateAnswer) onLateAnswer(parseReply(reply));
      },
      () => {},
    );
    try {
      return parseReply(await Promise.race([call, timeout]));
    } catch (error) {
      if (error instanceof RateLimitStoreError) throw error;
      throw new RateLimitStoreError(`Redis failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Puts this process's live slots back into a state Redis lost, under the new epoch. */
  async #replay(log: ScopeLog, epoch: string, leaseMs: number): Promise<void> {
    const nowMs = this.#now();
    const inFlight: (string | number)[] = [];
    const released: (string | number)[] = [];
    for (const [id, slot] of log.slots) {
      if (slot.releasedMs === undefined) inFlight.push(id, Math.max(1, slot.leaseEndsMs - nowMs));
      else released.push(id, Math.max(0, nowMs - slot.releasedMs));
    }
    log.epoch = epoch;
    await this.#run(log, leaseMs, "replay", [inFlight.length / 2, ...inFlight, ...released]);
  }

  async reserve(scope: WindowScope, leaseMs: number): Promise<Reservation> {
    const log = this.#log(scope);
    const slotId = randomUUID();
    for (let attempt = 0; attempt < 3; attempt++) {
      const [status, value, epoch] = await this.#run(log, leaseMs, "reserve", [slotId, ...windowArgs(scope.windows)], ([lateStatus]) => {
        // Granted after the caller gave up: nobody will use it, give it back.
        if (lateStatus === "slot") void this.release(scope, slotId).catch(() => {});
      });
      if (status === "stale") {
        await this.#replay(log, value, leaseMs);
        continue;
      }
      if (epoch !== undefined) log.epoch = epoch;
      if (status === "slot") {
        log.slots.set(slotId, { leaseEndsMs: this.#now() + leaseMs });
        return { slotId };
      }
      // Ask again at least every pollIntervalMs: slots freed by other processes, a state to rebuild.
      return { retryInMs: Math.min(Number(value), this.#pollIntervalMs) };
    }
    throw new RateLimitStoreError("the Redis state kept changing while this process replayed its slots");
  }

  async release(scope: WindowScope, slotId: string): Promise<void> {
    const log = this.#log(scope);
    const slot = log.slots.get(slotId);
    if (slot) slot.releasedMs = this.#now();
    await this.#run(log, 0, "release", [slotId]);
  }

  async pause(scope: WindowScope, durationMs: number): Promise<void> {
    if (!(durationMs > 0)) return;
    await this.#run(this.#log(scope), 0, "pause", [Math.ceil(durationMs)]);
  }

  async earliestStartInMs(scope: WindowScope): Promise<number> {
    const log = this.#log(scope);
    const [status, value] = await this.#run(log, 0, "peek", windowArgs(scope.windows));
    return status === "wait" ? Number(value) : 0;
  }
}

/**
 * A window store on Redis, shared by every client (in any process, on any machine) that uses the
 * same Redis and prefix: `new StatsigConsole({ rateLimit: { store: redisWindowStore(redis) } })`.
 * Pass an ioredis `Redis` or `Cluster`; the store never closes it.
 */
export function redisWindowStore(redis: RedisScriptClient, options?: RedisWindowStoreOptions): WindowStore {
  return new RedisWindowStore(redis, options);
}

export { InvalidRequestError, RateLimitStoreError };
