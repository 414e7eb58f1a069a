// A 2,000-mutation job under the default client-side limits, in simulated time, against the
// simulator enforcing the published server limits (rejected attempts count). Reports 429s and
// how close the job came to the minimum time the limits allow. Usage: npm run bench:bulk
import FakeTimers from "@sinonjs/fake-timers";
import { fileURLToPath } from "node:url";
import { DEFAULT_RATE_LIMITS, StatsigConsole } from "../src/index.js";
import { ConsoleSimulator } from "../src/testing/index.js";

/** Least time for `count` requests under the windows when each may start as soon as every window allows. */
export function minimumDurationMs(count: number, windows = DEFAULT_RATE_LIMITS.mutations): number {
  const starts: number[] = [];
  for (let i = 0; i < count; i++) {
    let t = 0;
    for (const { limit, intervalMs } of windows) if (i >= limit) t = Math.max(t, starts[i - limit]! + intervalMs);
    starts.push(t);
  }
  return starts.at(-1)!;
}

export async function runBulkJob(count = 2000, concurrency = 50) {
  const clock = FakeTimers.install({ now: 0, toFake: ["setTimeout", "clearTimeout", "Date"] });
  try {
    const simulator = new ConsoleSimulator();
    const sc = new StatsigConsole({ apiKey: "console-bulk-bench", baseUrl: "https://simulator.invalid", fetch: simulator.fetch });
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < count) {
        const index = next++;
        await sc.gates.create({ name: `bulk_gate_${index}` });
      }
    };
    let finished = false;
    const job = Promise.all(Array.from({ length: concurrency }, worker)).then(() => (finished = true));
    while (!finished) await clock.tickAsync(1000);
    await job;
    const elapsedMs = Date.now();
    const minimumMs = minimumDurationMs(count);
    return {
      count,
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

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const r = await runBulkJob();
  console.log(`${r.count} gate creations, 50 concurrent workers, default limits (100/10 s and 900/15 min), simulated time:`);
  console.log(`  created ${r.created}, answered 429: ${r.rejected}`);
  console.log(`  simulated duration ${(r.elapsedMs / 1000).toFixed(1)} s; minimum the limits allow ${(r.minimumMs / 1000).toFixed(1)} s; ${(r.overMinimum * 100).toFixed(2)}% over`);
  console.log(`  (real time ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
