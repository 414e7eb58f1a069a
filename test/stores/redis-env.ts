// The Redis the store tests run against: STATSIG_TEST_REDIS_URL (`.ci/run` starts a redis-server on
// a loopback port and sets it). Without it the Redis tests skip with a notice, so a clone without
// Redis still passes. Locally: `redis-server --port 6390 --save '' --appendonly no &` then
// `STATSIG_TEST_REDIS_URL=redis://127.0.0.1:6390 npx vitest run test/stores`.
import { spawnSync } from "node:child_process";
import { Redis } from "ioredis";

export const redisUrl = process.env.STATSIG_TEST_REDIS_URL;
export const redisSkipReason = redisUrl ? undefined : "STATSIG_TEST_REDIS_URL is not set (see test/stores/redis-env.ts)";

/** Whether `redis-server` can be started here (the restart test runs its own). */
export const redisServerBinary = spawnSync("redis-server", ["--version"], { encoding: "utf8" }).status === 0 ? "redis-server" : undefined;

export function noticeSkip(what: string, reason: string | undefined): void {
  if (reason) console.warn(`[notice] ${what} skipped: ${reason}`);
}

const clients: Redis[] = [];

/** A client for the test Redis, closed by `closeClients`. Fails fast rather than queueing when the server is away. */
export function connectRedis(url = redisUrl, options: { enableOfflineQueue?: boolean } = {}): Redis {
  if (!url) throw new Error("no test Redis");
  const client = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: options.enableOfflineQueue ?? true });
  client.on("error", () => {}); // connection errors surface as RateLimitStoreError in the store; no unhandled 'error' events
  clients.push(client);
  return client;
}

export async function closeClients(): Promise<void> {
  const all = clients.splice(0);
  await Promise.all(all.map((client) => client.quit().catch(() => client.disconnect())));
}

let prefixes = 0;
/** A key prefix of its own per test, so tests sharing one Redis never see each other's slots. */
export function uniquePrefix(label: string): string {
  return `test:${label}:${process.pid}:${Date.now()}:${++prefixes}:`;
}
