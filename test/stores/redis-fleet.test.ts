// A fleet on one project: 4 worker processes × 150 creates, each with its own client, sharing the
// project's limits through the Redis store, against the arrival-counting server on 127.0.0.1
// (5–50 ms of random latency, windows scaled down so the run takes seconds). The server must
// refuse nothing, and the fleet must take no longer than the windows allow (plus one latency per
// window, as in the bulk bench) by more than 10%.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { startArrivalServer, type ArrivalServer } from "../../bench/arrival-server.js";
import { latencyBoundMs, minimumDurationMs } from "../../bench/bulk-mutations.js";
import { noticeSkip, redisSkipReason, redisUrl, uniquePrefix } from "./redis-env.js";

noticeSkip("Redis fleet test (4 processes)", redisSkipReason);

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../..");
const children: ChildProcessWithoutNullStreams[] = [];
let server: ArrivalServer | undefined;
afterAll(async () => {
  for (const child of children) child.kill();
  await server?.close();
});

interface WorkerResult {
  created: number;
  failures: Record<string, number>;
  elapsedMs: number;
}

/** Starts a worker and resolves once it is connected and ready; `result` settles with its report. */
function startWorker(job: object): Promise<{ child: ChildProcessWithoutNullStreams; result: Promise<WorkerResult> }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(here, "fleet-worker.ts"), JSON.stringify(job)], { cwd: repoRoot });
  children.push(child);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolveReady, rejectReady) => {
    let resolveResult: (result: WorkerResult) => void;
    let rejectResult: (error: Error) => void;
    const result = new Promise<WorkerResult>((res, rej) => {
      resolveResult = res;
      rejectResult = rej;
    });
    lines.on("line", (line) => {
      if (line === "ready") resolveReady({ child, result });
      else resolveResult(JSON.parse(line) as WorkerResult);
    });
    child.on("exit", (code) => {
      const error = new Error(`worker exited with ${code}: ${stderr}`);
      rejectReady(error);
      rejectResult(error);
    });
  });
}

describe.skipIf(redisSkipReason !== undefined)("a fleet sharing one project through Redis", () => {
  it("4 processes × 150 creates: no 429, within 10% of the minimum the windows allow plus one latency per window", async () => {
    const windows = [
      { limit: 30, intervalMs: 600 },
      { limit: 150, intervalMs: 3200 },
    ];
    const latencyMs = { min: 5, max: 50 };
    const perWorker = 150;
    const workers = 4;
    server = await startArrivalServer({ windows, latencyMs, seed: 16 });
    const job = {
      redisUrl,
      baseUrl: server.baseUrl,
      apiKey: `console-fleet-${process.pid}-${Date.now()}`,
      prefix: uniquePrefix("fleet"),
      windows,
      count: perWorker,
      concurrency: 10,
    };
    const started = await Promise.all(Array.from({ length: workers }, (_, worker) => startWorker({ ...job, worker })));
    const t0 = performance.now();
    for (const { child } of started) child.stdin.write("go\n");
    const results = await Promise.all(started.map(async ({ result }) => ({ ...(await result), doneMs: performance.now() - t0 })));
    const elapsedMs = Math.max(...results.map((r) => r.doneMs));

    const total = workers * perWorker;
    const minimumMs = minimumDurationMs(total, windows);
    const boundMs = latencyBoundMs(total, windows, latencyMs.max);
    console.log(
      `[figure] fleet on Redis: ${workers} processes × ${perWorker} creates, windows ${windows.map((w) => `${w.limit}/${w.intervalMs} ms`).join(" + ")}, latency ${latencyMs.min}–${latencyMs.max} ms: ` +
        `${server.refused()} × 429, elapsed ${(elapsedMs / 1000).toFixed(2)} s, minimum ${(minimumMs / 1000).toFixed(2)} s, minimum + latency/window ${(boundMs / 1000).toFixed(2)} s (${((elapsedMs / boundMs - 1) * 100).toFixed(1)}%), fullest windows ${windows.map((w) => `${server!.maxInAnyWindow(w.intervalMs)}/${w.limit}`).join(", ")}`,
    );
    expect(results.map((r) => r.failures)).toEqual(Array.from({ length: workers }, () => ({})));
    expect(results.reduce((sum, r) => sum + r.created, 0)).toBe(total);
    expect(server.refused()).toBe(0);
    expect(server.arrivals).toHaveLength(total);
    for (const { limit, intervalMs } of windows) expect(server.maxInAnyWindow(intervalMs)).toBeLessThanOrEqual(limit);
    expect(elapsedMs).toBeGreaterThanOrEqual(minimumMs);
    expect(elapsedMs).toBeLessThanOrEqual(boundMs * 1.1);
    // Every process got work done all along: no process starved behind the others for the whole run.
    for (const r of results) expect(r.doneMs).toBeGreaterThan(minimumMs * 0.5);
  }, 45_000);
});
