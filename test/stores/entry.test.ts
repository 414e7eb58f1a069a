// The Redis client is an optional peer dependency: the main entry must never load it, and the
// Redis entry loads none either (it drives the client the user passes). Checked in a fresh process
// whose module resolution refuses every Redis client package.
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { InvalidRequestError } from "../../src/core/errors.js";
import { redisWindowStore } from "../../src/stores/redis.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const refuseRedisClients = `
  export async function resolve(specifier, context, next) {
    if (/^(ioredis|redis|@redis\\/.*)$/.test(specifier)) throw new Error("refused to load " + specifier);
    return next(specifier, context);
  }
`;

describe("package entries and the Redis client", () => {
  it("importing the main entry (and using it) loads no Redis client; neither does the Redis entry", () => {
    const code = `
      import { register } from "node:module";
      register("data:text/javascript," + encodeURIComponent(${JSON.stringify(refuseRedisClients)}));
      const { StatsigConsole } = await import("./src/index.ts");
      const sc = new StatsigConsole({ apiKey: "console-entry-check", fetch: async () => new Response('{"message":"ok","data":{"id":"g"}}', { status: 201 }) });
      await sc.gates.create({ name: "g" });
      console.log("main entry: ok");
      const { redisWindowStore } = await import("./src/stores/redis.ts");
      console.log("redis entry: " + typeof redisWindowStore);
      console.log(await import("ioredis").then(() => "ioredis loaded", (error) => error.message));
    `;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { cwd: repoRoot, encoding: "utf8", timeout: 30_000 });
    expect(run.stderr).toBe("");
    expect(run.stdout.trim().split("\n")).toEqual(["main entry: ok", "redis entry: function", "refused to load ioredis"]);
  });
});

describe("redisWindowStore options", () => {
  const client = { evalsha: async () => [], eval: async () => [] };
  it.each([
    ["no client", () => redisWindowStore(undefined as never)],
    ["a client without eval", () => redisWindowStore({ evalsha: async () => [] } as never)],
    ["a prefix with a brace (it would break the hash tag)", () => redisWindowStore(client, { prefix: "app{1}:" })],
    ["a zero command timeout", () => redisWindowStore(client, { commandTimeoutMs: 0 })],
    ["an infinite poll interval", () => redisWindowStore(client, { pollIntervalMs: Number.POSITIVE_INFINITY })],
    ["a NaN grace", () => redisWindowStore(client, { rebuildGraceMs: Number.NaN })],
  ])("refuses %s with InvalidRequestError", (_label, make) => {
    expect(make).toThrow(InvalidRequestError);
  });
});
