// A fleet in simulated time: workers on several machines share one project's limits through a
// window store, and a server counts every request when it arrives. Each machine runs what the
// limiter runs (a first-come-first-served queue whose head alone asks the store, one question at a
// time, and waits as long as the answer says, capped at the store's poll interval), on its own
// clock: offset by minutes and running fast or slow, so its timers fire early or late. Messages to
// the store take a random latency each way; requests to the server take 5–300 ms, arriving
// anywhere in between. The store is either the in-process store's logic on the store's clock, or
// the Redis store's Lua script itself on a real Redis, driven with the simulated time.
//
// Usage: npm run bench:fleet -- [--redis redis://127.0.0.1:6379] [--count 3000] [--machines 5] [--workers 10] [--seed 1]
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import type { Window } from "../src/core/transport/rate-limiter.js";
import { maxInAnyWindow } from "./window-count.js";
import { DEFAULT_RATE_LIMITS } from "../generated/operations.js";
import { MemoryWindowStore, type WindowScope } from "../src/core/transport/window-store.js";
import { WINDOW_SCRIPT } from "../src/stores/redis-script.js";
import { scopeKeys } from "../src/stores/redis.js";
import { minimumDurationMs } from "./bulk-mutations.js";
import { between, seededRandom } from "./seeded-random.js";

/** The store's logic, asked at a time on the store's clock. */
export interface SimulatedStore {
  reserve(storeMs: number, slotId: string, leaseMs: number): Promise<{ slotId: string } | { retryInMs: number }>;
  release(storeMs: number, slotId: string): Promise<void>;
  close(): Promise<void>;
}

/** The in-process store's logic, on the store's clock. It ignores leases (so no machine may die). */
export function memoryLogic(windows: readonly Window[]): SimulatedStore & { clock: { nowMs: number } } {
  const clock = { nowMs: 0 };
  const store = new MemoryWindowStore(() => clock.nowMs);
  const scope: WindowScope = { keyId: "simulated", group: "mutations", windows };
  const ids = new Map<string, string>();
  return {
    clock,
    async reserve(storeMs, slotId) {
      clock.nowMs = storeMs;
      const answer = store.reserve(scope);
      if ("slotId" in answer) ids.set(slotId, answer.slotId);
      return "slotId" in answer ? { slotId } : answer;
    },
    async release(storeMs, slotId) {
      clock.nowMs = storeMs;
      store.release(scope, ids.get(slotId) ?? "");
    },
    async close() {},
  };
}

/** The Redis store's Lua script on a real Redis, told the simulated time (the script's test clock). */
export function redisLogic(url: string, windows: readonly Window[]): SimulatedStore {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  const keys = scopeKeys(`simulation:${randomUUID()}:`, { keyId: "simulated", group: "mutations" });
  const horizonMs = Math.max(...windows.map((w) => w.intervalMs));
  const run = (op: string, storeMs: number, leaseMs: number, ...args: (string | number)[]) =>
    redis.eval(WINDOW_SCRIPT, keys.length, ...keys, op, storeMs.toFixed(3), "", "epoch", horizonMs, leaseMs, 1000, ...args) as Promise<string[]>;
  return {
    async reserve(storeMs, slotId, leaseMs) {
      const [status, value] = await run("reserve", storeMs, leaseMs, slotId, windows.length, ...windows.flatMap((w) => [w.limit, w.intervalMs]));
      return status === "slot" ? { slotId } : { retryInMs: Number(value) };
    },
    async release(storeMs, slotId) {
      await run("release", storeMs, 0, slotId);
    },
    async close() {
      await redis.del(...keys);
      redis.disconnect();
    },
  };
}

export interface FleetOptions {
  store: SimulatedStore;
  windows: readonly Window[];
  machines: number;
  workersPerMachine: number;
  count: number;
  seed: number;
  /** One-way latency to the store, ms. Default 0.2–5. */
  storeLatencyMs?: { min: number; max: number };
  /** Request to response end, ms; the server counts the request somewhere in between. Default 5–300. */
  requestLatencyMs?: { min: number; max: number };
  /** Each machine's clock is offset by up to this (ms) and runs up to `clockRateSpread` fast or slow. Default 10 min and 2%. */
  clockOffsetMs?: number;
  clockRateSpread?: number;
  /** How often a waiting head asks again at most (the Redis store's pollIntervalMs). Default 1000. */
  pollIntervalMs?: number;
  /** The lease asked for each slot. Default 1000 + 10,000 (an attempt timeout of 1 s plus the margin). */
  leaseMs?: number;
  /** This machine stops at this time: its queue is gone, its requests on the wire still arrive, it never releases. */
  crash?: { machine: number; atMs: number };
  /** A broken client, to show the referee catches it: releases the slot when the request is sent, not when its response ends. */
  releaseAtSend?: boolean;
}

export interface FleetResult {
  requests: number;
  /** Most arrivals the server saw inside any span of each window. */
  fullestWindows: { limit: number; intervalMs: number; seen: number }[];
  overLimit: boolean;
  elapsedMs: number;
  minimumMs: number;
  storeCalls: number;
  clocks: { offsetMs: number; rate: number }[];
}

/** Events in time order (ties in the order they were scheduled). */
class Agenda {
  #heap: { atMs: number; seq: number; run: () => Promise<void> | void }[] = [];
  #seq = 0;
  nowMs = 0;
  at(atMs: number, run: () => Promise<void> | void): void {
    const item = { atMs: Math.max(atMs, this.nowMs), seq: this.#seq++, run };
    const heap = this.#heap;
    heap.push(item);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (this.#before(heap[parent]!, heap[i]!)) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }
  #before(a: { atMs: number; seq: number }, b: { atMs: number; seq: number }): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
  }
  async run(): Promise<void> {
    const heap = this.#heap;
    while (heap.length > 0) {
      const top = heap[0]!;
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        for (let i = 0; ; ) {
          const left = 2 * i + 1;
          const right = left + 1;
          let smallest = i;
          if (left < heap.length && this.#before(heap[left]!, heap[smallest]!)) smallest = left;
          if (right < heap.length && this.#before(heap[right]!, heap[smallest]!)) smallest = right;
          if (smallest === i) break;
          [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
          i = smallest;
        }
      }
      this.nowMs = top.atMs;
      await top.run();
    }
  }
}

export async function simulateFleet(options: FleetOptions): Promise<FleetResult> {
  const random = seededRandom(options.seed);
  const storeLatency = options.storeLatencyMs ?? { min: 0.2, max: 5 };
  const requestLatency = options.requestLatencyMs ?? { min: 5, max: 300 };
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const leaseMs = options.leaseMs ?? 11_000;
  const offsetSpreadMs = options.clockOffsetMs ?? 600_000;
  const rateSpread = options.clockRateSpread ?? 0.02;
  const agenda = new Agenda();
  // The store's clock is its own (an offset of its own); only durations cross between clocks.
  const storeOffsetMs = between(random, -offsetSpreadMs, offsetSpreadMs);
  const storeNow = () => agenda.nowMs + storeOffsetMs;
  const arrivals: number[] = [];
  let storeCalls = 0;
  let issued = 0;
  let finishedMs = 0;

  interface Machine {
    offsetMs: number;
    rate: number;
    queue: (() => void)[];
    reserving: boolean;
    retryAtMs: number;
    dead: boolean;
  }
  const machines: Machine[] = Array.from({ length: options.machines }, () => ({
    offsetMs: between(random, -offsetSpreadMs, offsetSpreadMs),
    rate: 1 + between(random, -rateSpread, rateSpread),
    queue: [],
    reserving: false,
    retryAtMs: -Infinity,
    dead: false,
  }));

  const toStore = () => between(random, storeLatency.min, storeLatency.max);

  const pump = (machine: Machine): void => {
    if (machine.dead || machine.reserving || machine.queue.length === 0 || agenda.nowMs < machine.retryAtMs) return;
    machine.reserving = true;
    const slotId = randomUUID();
    agenda.at(agenda.nowMs + toStore(), async () => {
      storeCalls++;
      const answer = await options.store.reserve(storeNow(), slotId, leaseMs);
      agenda.at(agenda.nowMs + toStore(), () => {
        machine.reserving = false;
        if (machine.dead) return;
        if ("slotId" in answer) {
          machine.queue.shift()!();
          send(machine, answer.slotId);
        } else {
          // The wait is a duration on the machine's clock: a fast clock wakes early, a slow one late.
          const waitMs = Math.min(answer.retryInMs, pollIntervalMs) / machine.rate;
          machine.retryAtMs = agenda.nowMs + waitMs;
          agenda.at(machine.retryAtMs, () => pump(machine));
        }
        pump(machine);
      });
    });
  };

  const release = (machine: Machine, slotId: string): void => {
    if (machine.dead) return;
    agenda.at(agenda.nowMs + toStore(), async () => {
      storeCalls++;
      await options.store.release(storeNow(), slotId);
    });
  };

  const send = (machine: Machine, slotId: string): void => {
    const totalMs = between(random, requestLatency.min, requestLatency.max);
    const arrivalMs = agenda.nowMs + totalMs * random();
    agenda.at(arrivalMs, () => void arrivals.push(agenda.nowMs));
    if (options.releaseAtSend) release(machine, slotId);
    agenda.at(agenda.nowMs + totalMs, () => {
      finishedMs = Math.max(finishedMs, agenda.nowMs);
      if (!options.releaseAtSend) release(machine, slotId);
      worker(machine);
    });
  };

  const worker = (machine: Machine): void => {
    if (machine.dead || issued >= options.count) return;
    issued++;
    machine.queue.push(() => {});
    pump(machine);
  };

  for (const machine of machines) for (let w = 0; w < options.workersPerMachine; w++) worker(machine);
  if (options.crash) {
    const { machine, atMs } = options.crash;
    agenda.at(atMs, () => {
      const dying = machines[machine]!;
      dying.dead = true;
      issued -= dying.queue.length; // its queued work was never sent: the other machines' workers take it over
      dying.queue = [];
    });
  }
  await agenda.run();
  await options.store.close();

  arrivals.sort((a, b) => a - b);
  const fullestWindows = options.windows.map(({ limit, intervalMs }) => ({ limit, intervalMs, seen: maxInAnyWindow(arrivals, intervalMs) }));
  return {
    requests: arrivals.length,
    fullestWindows,
    overLimit: fullestWindows.some((w) => w.seen > w.limit),
    elapsedMs: finishedMs,
    minimumMs: minimumDurationMs(arrivals.length, options.windows),
    storeCalls,
    clocks: machines.map(({ offsetMs, rate }) => ({ offsetMs, rate })),
  };
}

function describeResult(label: string, r: FleetResult): string {
  const windows = r.fullestWindows.map((w) => `${w.seen} of ${w.limit} per ${w.intervalMs >= 60_000 ? `${w.intervalMs / 60_000} min` : `${w.intervalMs / 1000} s`}`).join(", ");
  return `${label}: ${r.requests} requests, fullest windows at the server ${windows}${r.overLimit ? " — OVER THE LIMIT" : ""}; simulated ${(r.elapsedMs / 60_000).toFixed(1)} min (minimum ${(r.minimumMs / 60_000).toFixed(1)} min, ${((r.elapsedMs / r.minimumMs - 1) * 100).toFixed(1)}% over); ${r.storeCalls} store calls`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { redis: { type: "string" }, count: { type: "string" }, machines: { type: "string" }, workers: { type: "string" }, seed: { type: "string" } },
  });
  const windows = DEFAULT_RATE_LIMITS.mutations;
  const common = {
    windows,
    machines: Number(values.machines ?? 5),
    workersPerMachine: Number(values.workers ?? 10),
    count: Number(values.count ?? 3000),
    seed: Number(values.seed ?? 1),
  };
  console.log(
    `${common.machines} machines × ${common.workersPerMachine} workers, ${common.count} creates, default limits, clocks offset ±10 min and ±2% rate, store latency 0.2–5 ms each way, requests 5–300 ms`,
  );
  console.log(describeResult("in-process store logic", await simulateFleet({ ...common, store: memoryLogic(windows) })));
  const url = values.redis ?? process.env.STATSIG_TEST_REDIS_URL;
  if (url) {
    console.log(describeResult("Redis Lua script", await simulateFleet({ ...common, store: redisLogic(url, windows) })));
    console.log(
      describeResult(
        "Redis Lua script, machine 2 dies at 5 min (its slots freed by their leases)",
        await simulateFleet({ ...common, store: redisLogic(url, windows), crash: { machine: 2, atMs: 300_000 } }),
      ),
    );
  }
  console.log(
    describeResult("control: a client that releases at send (the referee must catch it)", await simulateFleet({ ...common, store: memoryLogic(windows), releaseAtSend: true })),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
