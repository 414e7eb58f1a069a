// Bulk gate creation under the client's rate limits, two ways:
//
// 1. On a real socket: StatsigConsole against bench/arrival-server.ts on 127.0.0.1, which counts
//    each mutation when it ARRIVES (refused ones too) with strict sliding windows and answers 429
//    when over, with 5–300 ms of seeded random latency per request. Reports 429s, elapsed time,
//    the minimum the windows allow, and the bound "minimum plus one latency per window".
// 2. In simulated time (fake timers), against the in-process simulator with zero latency.
//
// Usage: npm run bench:bulk [-- --workers 50 --count 800 --scale 1 --seed 1 --latency-min 5 --latency-max 300 --skip-simulated]
// (or BENCH_WORKERS, BENCH_COUNT, BENCH_SCALE, BENCH_SEED). `--scale N` divides every window
// interval of both the server and the client by N: `--count 50000 --scale 60` is the issue's
// 50 workers × 1,000 creates, whose 14 hours at the real windows become 14 minutes.
import FakeTimers from "@sinonjs/fake-timers";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_RATE_LIMITS, StatsigConsole, type Window } from "../src/index.js";
import { ConsoleSimulator } from "../src/testing/index.js";
import { startArrivalServer } from "./arrival-server.js";

/** The windows with every interval divided by `scale`. */
export function scaleWindows(windows: readonly Window[], scale: number): Window[] {
  return windows.map(({ limit, intervalMs }) => ({ limit, intervalMs: intervalMs / scale }));
}

/** Send times of `count` requests when each goes as soon as every window allows, a slot coming back `intervalMs + linkMs` after its holder was sent. */
function scheduleMs(count: number, windows: readonly Window[], linkMs: number): number[] {
  const starts: number[] = [];
  for (let i = 0; i < count; i++) {
    let t = 0;
    for (const { limit, intervalMs } of windows) if (i >= limit) t = Math.max(t, starts[i - limit]! + intervalMs + linkMs);
    starts.push(t);
  }
  return starts;
}

/** Least time for `count` requests under the windows with no latency: when the last one may be sent. */
export function minimumDurationMs(count: number, windows: readonly Window[] = DEFAULT_RATE_LIMITS.mutations): number {
  return scheduleMs(count, windows, 0).at(-1) ?? 0;
}

/**
 * The minimum plus one latency per window: a slot comes back `intervalMs` after its response ends,
 * so each time a request waits for a window it also waits for one latency; plus the last response.
 */
export function latencyBoundMs(count: number, windows: readonly Window[], latencyMs: number): number {
  return (scheduleMs(count, windows, latencyMs).at(-1) ?? 0) + latencyMs;
}

export interface RealSocketBulkOptions {
  count: number;
  workers: number;
  /** Divides every window interval, on the server and the client. Default 1. */
  scale?: number;
  latencyMs?: { min: number; max: number };
  seed?: number;
  /** Unscaled windows. Default: the client's defaults for mutations (100 per 10 s, 900 per 15 min). */
  windows?: readonly Window[];
  /** Called about every `progressEveryMs` with the creates settled so far. */
  onProgress?: (settled: number, elapsedMs: number) => void;
  progressEveryMs?: number;
}

export interface RealSocketBulkResult {
  count: number;
  workers: number;
  scale: number;
  windows: Window[];
  latencyMs: { min: number; max: number };
  /** Mutations that reached the server, refused ones included. */
  requests: number;
  rejected: number;
  /** Calls that ended in an error, by error name. */
  failures: Record<string, number>;
  created: number;
  elapsedMs: number;
  minimumMs: number;
  boundMs: number;
  /** elapsed / minimum − 1, and elapsed / bound − 1. */
  overMinimum: number;
  overBound: number;
  /** The fullest each window ever was, as the server counted arrivals. */
  fullestWindows: { limit: number; intervalMs: number; seen: number }[];
}

let runNumber = 0;

export async function runRealSocketBulk(options: RealSocketBulkOptions): Promise<RealSocketBulkResult> {
  const scale = options.scale ?? 1;
  const latencyMs = options.latencyMs ?? { min: 5, max: 300 };
  const windows = scaleWindows(options.windows ?? DEFAULT_RATE_LIMITS.mutations, scale);
  const server = await startArrivalServer({ windows, latencyMs, seed: options.seed ?? 1 });
  const failures: Record<string, number> = {};
  let created = 0;
  let progress: ReturnType<typeof setInterval> | undefined;
  try {
    // A key of its own, so no other run in this process shares the limiter.
    const sc = new StatsigConsole({ apiKey: `console-bulk-bench-${process.pid}-${++runNumber}`, baseUrl: server.baseUrl, rateLimit: { mutations: windows }, logLevel: "off" });
    let next = 0;
    let settled = 0;
    const started = performance.now();
    if (options.onProgress) progress = setInterval(() => options.onProgress?.(settled, performance.now() - started), options.progressEveryMs ?? 60_000);
    const worker = async (): Promise<void> => {
      while (next < options.count) {
        const index = next++;
        try {
          await sc.gates.create({ name: `bulk_gate_${index}` });
          created++;
        } catch (error) {
          const name = error instanceof Error ? error.name : "non-Error";
          failures[name] = (failures[name] ?? 0) + 1;
        }
        settled++;
      }
    };
    await Promise.all(Array.from({ length: options.workers }, worker));
    const elapsedMs = performance.now() - started;
    const minimumMs = minimumDurationMs(options.count, windows);
    const boundMs = latencyBoundMs(options.count, windows, latencyMs.max);
    return {
      count: options.count,
      workers: options.workers,
      scale,
      windows,
      latencyMs,
      requests: server.arrivals.length,
      rejected: server.refused(),
      failures,
      created,
      elapsedMs,
      minimumMs,
      boundMs,
      overMinimum: minimumMs > 0 ? elapsedMs / minimumMs - 1 : Number.NaN,
      overBound: elapsedMs / boundMs - 1,
      fullestWindows: windows.map(({ limit, intervalMs }) => ({ limit, intervalMs, seen: server.maxInAnyWindow(intervalMs) })),
    };
  } finally {
    clearInterval(progress);
    await server.close();
  }
}

/** The simulated-time figure: the simulator (zero latency) under fake timers and the default limits. */
export async function runSimulatedBulk(count = 2000, workers = 50) {
  const clock = FakeTimers.install({ now: 0, toFake: ["setTimeout", "clearTimeout", "Date", "performance"] });
  try {
    const simulator = new ConsoleSimulator();
    const sc = new StatsigConsole({ apiKey: "console-bulk-bench-simulated", baseUrl: "https://simulator.invalid", fetch: simulator.fetch, logLevel: "off" });
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < count) {
        const index = next++;
        await sc.gates.create({ name: `bulk_gate_${index}` });
      }
    };
    let finished = false;
    const job = Promise.all(Array.from({ length: workers }, worker)).then(() => (finished = true));
    while (!finished) await clock.tickAsync(1000);
    await job;
    const elapsedMs = Date.now();
    const minimumMs = minimumDurationMs(count);
    return {
      count,
      workers,
      elapsedMs,
      minimumMs,
      overMinimum: elapsedMs / minimumMs - 1,
      rejected: simulator.requests.filter((r) => r.status === 429).length,
      created: simulator.collections.get("gates")?.size ?? 0,
    };
  } finally {
    clock.uninstall();
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const percent = (ratio: number): string => `${ratio >= 0 ? "+" : ""}${(ratio * 100).toFixed(2)}%`;
const interval = (ms: number): string => (ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : ms >= 1000 ? `${+(ms / 1000).toFixed(3)} s` : `${+ms.toFixed(2)} ms`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workers: { type: "string" },
      count: { type: "string" },
      scale: { type: "string" },
      seed: { type: "string" },
      "latency-min": { type: "string" },
      "latency-max": { type: "string" },
      "skip-simulated": { type: "boolean" },
    },
  });
  const number = (flag: string | undefined, env: string | undefined, fallback: number): number => {
    const text = flag ?? env;
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`expected a positive number, got ${text}`);
    return value;
  };
  const workers = number(values.workers, process.env.BENCH_WORKERS, 50);
  const count = number(values.count, process.env.BENCH_COUNT, 800);
  const scale = number(values.scale, process.env.BENCH_SCALE, 1);
  const seed = number(values.seed, process.env.BENCH_SEED, 1);
  const latencyMs = { min: number(values["latency-min"], undefined, 5), max: number(values["latency-max"], undefined, 300) };
  const windows = scaleWindows(DEFAULT_RATE_LIMITS.mutations, scale);
  const limits = windows.map((w) => `${w.limit} per ${interval(w.intervalMs)}`).join(" and ");

  // The simulated run goes first: fake timers installed while real sockets close would catch their timers.
  const simulatedStartedMs = performance.now();
  const simulated = values["skip-simulated"] ? undefined : await runSimulatedBulk();
  const simulatedRealMs = performance.now() - simulatedStartedMs;

  console.log(
    `Real socket (127.0.0.1, server counts arrivals): ${count} gates.create, ${workers} workers, limits ${limits}${scale === 1 ? "" : ` (default windows ÷ ${scale})`}, latency ${latencyMs.min}–${latencyMs.max} ms (seed ${seed})`,
  );
  const r = await runRealSocketBulk({
    count,
    workers,
    scale,
    latencyMs,
    seed,
    onProgress: (settled, elapsedMs) => console.error(`  … ${settled} of ${count} settled after ${seconds(elapsedMs)}`),
  });
  const failed =
    Object.entries(r.failures)
      .map(([name, n]) => `${n} ${name}`)
      .join(", ") || "0";
  console.log(`  requests the server saw        ${r.requests}`);
  console.log(`  answered 429                   ${r.rejected}`);
  console.log(`  calls failed                   ${failed}`);
  console.log(`  elapsed                        ${seconds(r.elapsedMs)}`);
  console.log(`  minimum the windows allow      ${seconds(r.minimumMs)}${Number.isNaN(r.overMinimum) ? "" : `   (elapsed ${percent(r.overMinimum)})`}`);
  console.log(`  minimum + one latency/window   ${seconds(r.boundMs)}   (elapsed ${percent(r.overBound)}; latency counted as ${latencyMs.max} ms)`);
  console.log(`  fullest window at the server   ${r.fullestWindows.map((w) => `${w.seen} of ${w.limit} per ${interval(w.intervalMs)}`).join(", ")}`);
  const binding = r.windows.filter((w) => count > w.limit).map((w) => interval(w.intervalMs));
  if (binding.length < r.windows.length)
    console.log(`  (only the ${binding.join(" and ")} window${binding.length === 1 ? "" : "s"} bind${binding.length === 1 ? "s" : ""}: ${count} requests fit in the others)`);

  if (simulated) {
    const s = simulated;
    console.log(`Simulated time (fake timers, in-process simulator, zero latency): ${s.count} gates.create, ${s.workers} workers, default limits`);
    console.log(`  created ${s.created}, answered 429: ${s.rejected}`);
    console.log(`  simulated duration ${seconds(s.elapsedMs)}; minimum the windows allow ${seconds(s.minimumMs)}; ${percent(s.overMinimum)}`);
    console.log(`  (real time ${seconds(simulatedRealMs)})`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
