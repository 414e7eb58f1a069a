// Per-request overhead of the facade vs plain fetch vs openapi-fetch: sequential GETs of a
// realistic gates page from a loopback server in a separate process, in interleaved rounds.
// Each round runs a short block of each variant in a random order; reports per-variant medians
// and the median of the per-round paired ratios, in wall time and in this process's CPU time
// (user + system, which a busy shared machine disturbs less). Usage: npm run bench:overhead
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import createClient from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { StatsigConsole } from "../src/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROUNDS = Number(process.env.ROUNDS ?? 300);
const REQUESTS = Number(process.env.REQUESTS ?? 20);
const KEY = "console-bench-key";
const HEADERS = { "STATSIG-API-KEY": KEY, "STATSIG-API-VERSION": "20240601" };

async function startServer(): Promise<{ baseUrl: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "bench", "loopback-server.ts")], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function measureOverhead(rounds = ROUNDS, requests = REQUESTS) {
  const server = await startServer();
  try {
    const sc = new StatsigConsole({ apiKey: KEY, baseUrl: server.baseUrl });
    const openapi = createClient<paths>({ baseUrl: server.baseUrl, headers: HEADERS });
    const variants: Record<string, () => Promise<number>> = {
      fetch: async () => {
        const response = await fetch(`${server.baseUrl}/console/v1/gates`, { headers: HEADERS });
        const json = (await response.json()) as { data: unknown[] };
        return json.data.length;
      },
      "openapi-fetch": async () => (await openapi.GET("/console/v1/gates")).data?.data.length ?? 0,
      facade: async () => (await sc.gates.list()).data.length,
    };
    const names = Object.keys(variants);
    for (const name of names) for (let i = 0; i < 50; i++) await variants[name]!(); // warm-up
    const perRound: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    const cpuPerRound: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    for (let round = 0; round < rounds; round++) {
      // A fresh random order each round: no variant always follows the same neighbour (GC, socket state).
      const order = [...names].sort(() => Math.random() - 0.5);
      for (const name of order) {
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        for (let i = 0; i < requests; i++) await variants[name]!();
        perRound[name]!.push(((performance.now() - started) * 1000) / requests); // µs per request
        const cpu = process.cpuUsage(cpuStarted);
        cpuPerRound[name]!.push((cpu.user + cpu.system) / requests); // µs of CPU per request
      }
    }
    const ratio = (name: string, to = "fetch") => median(perRound[name]!.map((v, i) => v / perRound[to]![i]!));
    const cpuRatio = (name: string, to: string) => median(cpuPerRound[name]!.map((v, i) => v / cpuPerRound[to]![i]!));
    return {
      medianUs: Object.fromEntries(names.map((n) => [n, median(perRound[n]!)])) as Record<string, number>,
      medianCpuUs: Object.fromEntries(names.map((n) => [n, median(cpuPerRound[n]!)])) as Record<string, number>,
      openapiFetchVsFetch: ratio("openapi-fetch"),
      facadeVsFetch: ratio("facade"),
      facadeVsOpenapiFetch: ratio("facade", "openapi-fetch"),
      facadeVsOpenapiFetchCpu: cpuRatio("facade", "openapi-fetch"),
    };
  } finally {
    server.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await measureOverhead();
  console.log(`Sequential GET /console/v1/gates (20 gates), ${ROUNDS} interleaved rounds × ${REQUESTS} requests per variant:`);
  for (const [name, us] of Object.entries(result.medianUs)) {
    console.log(`  ${name.padEnd(14)} median ${us.toFixed(1)} µs/request, ${result.medianCpuUs[name]!.toFixed(1)} µs CPU/request`);
  }
  console.log(`  openapi-fetch / fetch  ${result.openapiFetchVsFetch.toFixed(3)} (median of paired ratios)`);
  console.log(`  facade / fetch         ${result.facadeVsFetch.toFixed(3)}`);
  console.log(`  facade / openapi-fetch ${result.facadeVsOpenapiFetch.toFixed(3)} wall, ${result.facadeVsOpenapiFetchCpu.toFixed(3)} CPU (goal: at most 1)`);
}
