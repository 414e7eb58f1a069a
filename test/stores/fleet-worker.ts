// One worker process of the fleet test (redis-fleet.test.ts): a client on the shared Redis store
// creating gates against the arrival-counting server. Reads its job as JSON from argv[2], prints
// "ready", waits for "go" on stdin, then prints one JSON line with what happened.
import { Redis } from "ioredis";
import { StatsigConsole, type Window } from "../../src/index.js";
import { redisWindowStore } from "../../src/stores/redis.js";

interface Job {
  redisUrl: string;
  baseUrl: string;
  apiKey: string;
  prefix: string;
  windows: Window[];
  worker: number;
  count: number;
  concurrency: number;
}

const job = JSON.parse(process.argv[2]!) as Job;
const redis = new Redis(job.redisUrl, { maxRetriesPerRequest: 1 });
redis.on("error", () => {});
await redis.ping();
const store = redisWindowStore(redis, { prefix: job.prefix });
const sc = new StatsigConsole({ apiKey: job.apiKey, baseUrl: job.baseUrl, logLevel: "off", rateLimit: { mutations: job.windows, store } });
// Warm up before the clock starts: the client's code paths and sockets (reads are not limited), and the script in Redis.
for (let i = 0; i < 3; i++) await sc.gates.list().toArray();
await store.earliestStartInMs({ keyId: "warm-up", group: "mutations", windows: job.windows });
process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));

const failures: Record<string, number> = {};
let created = 0;
let next = 0;
const startedMs = performance.now();
await Promise.all(
  Array.from({ length: job.concurrency }, async () => {
    while (next < job.count) {
      const index = next++;
      try {
        await sc.gates.create({ name: `fleet_${job.worker}_${index}` });
        created++;
      } catch (error) {
        const name = error instanceof Error ? error.name : "non-Error";
        failures[name] = (failures[name] ?? 0) + 1;
      }
    }
  }),
);
process.stdout.write(`${JSON.stringify({ created, failures, elapsedMs: performance.now() - startedMs })}\n`);
redis.disconnect();
