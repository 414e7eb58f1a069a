// The bin as users run it: built by tsup, started with node in a child process. Checks the
// package wiring (bin → the tsup entry), a workflow against `simulate` served on 127.0.0.1 across
// invocations, pipes, exit codes, the key never printed, and bash completion in a real bash.
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import tsupConfig from "../../tsup.config.js";
import { repoRoot } from "../helpers/spec.js";

// Inside the repository, so the bin resolves its dependencies (commander, ajv) from node_modules.
const outDir = mkdtempSync(join(repoRoot, ".build-test-cli-"));
const bin = join(outDir, "main.js");
const KEY = "console-bin-test-key-90ab";
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

beforeAll(() => {
  const tsup = join(repoRoot, "node_modules", "tsup", "dist", "cli-default.js");
  const args = [tsup, "src/cli/main.ts", "--no-config", "--format", "esm", "--target", "node20", "--out-dir", outDir, "--silent"];
  const run = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`build failed:\n${run.stdout}${run.stderr}`);
}, 60_000);

function cli(args: readonly string[], env: Record<string, string> = {}, input?: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { PATH: process.env.PATH ?? "", ...env }, input: input ?? "", timeout: 15_000 });
}

describe("the package wiring", () => {
  it("declares the statsig-console bin as the tsup entry built from src/cli/main.ts", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { bin: Record<string, string> };
    expect(pkg.bin["statsig-console"]).toBe("./dist/cli.js");
    const config = (Array.isArray(tsupConfig) ? tsupConfig[0] : tsupConfig) as { entry: Record<string, string> };
    expect(config.entry.cli).toBe("src/cli/main.ts");
    expect(readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });
});

describe("the built bin", () => {
  it("runs a workflow against `simulate` on 127.0.0.1, state kept across invocations, key never printed", async () => {
    const server = spawn(process.execPath, [bin, "simulate", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const lines = createInterface({ input: server.stdout });
      const baseUrl = await new Promise<string>((resolve, reject) => {
        lines.once("line", resolve);
        server.once("exit", (code) => reject(new Error(`simulate exited with ${code}`)));
      });
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const env = { STATSIG_CONSOLE_API_KEY: KEY, STATSIG_CONSOLE_BASE_URL: baseUrl };
      const created = cli(["gates", "create", "--data", '{"name":"bin_gate","description":"from the bin"}'], env);
      expect(created.stderr).toBe("");
      expect(created.status).toBe(0);
      // Piped: compact JSON, one line.
      expect(created.stdout.trimEnd().split("\n")).toHaveLength(1);
      expect(JSON.parse(created.stdout)).toMatchObject({ id: "bin_gate", description: "from the bin" });
      const patched = cli(["gates", "patch", "bin_gate", "--data", "-"], env, '{"description":"patched"}');
      expect(patched.status).toBe(0);
      const listed = cli(["gates", "list", "--all", "--output", "ndjson", "--fields", "id,description"], env);
      expect(listed.status).toBe(0);
      expect(listed.stdout).toBe(`${JSON.stringify({ id: "bin_gate", description: "patched" })}\n`);
      const missing = cli(["gates", "get", "no_such_gate"], env);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toMatch(/^error: 404 NotFoundError from GET \/console\/v1\/gates\/no_such_gate: /);
      for (const run of [created, listed, patched, missing]) expect(run.stdout + run.stderr).not.toContain(KEY);
    } finally {
      server.kill("SIGTERM");
    }
    const code = await new Promise<number | null>((resolve) => (server.exitCode !== null ? resolve(server.exitCode) : server.once("exit", resolve)));
    expect(code).toBe(0);
  }, 30_000);

  it("exits 2 on bad input and prints a dry run with the key masked", () => {
    const invalid = cli(["gates", "create", "--data", '{"name":"x"}'], { STATSIG_CONSOLE_API_KEY: KEY });
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain("body.name must NOT have fewer than 3 characters");
    const dry = cli(["gates", "delete", "old", "--dry-run"], { STATSIG_CONSOLE_API_KEY: KEY });
    expect(dry.status).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ method: "DELETE", url: "https://statsigapi.net/console/v1/gates/old", headers: { "statsig-api-key": "[hidden]" } });
    expect(dry.stdout + dry.stderr).not.toContain(KEY);
  });

  it("completes in a real bash through the completion script", () => {
    const shimDir = mkdtempSync(join(outDir, "path-"));
    const shim = join(shimDir, "statsig-console");
    writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} "$@"\n`);
    chmodSync(shim, 0o755);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash syntax, not a template
    const script = 'eval "$(statsig-console completion bash)"; COMP_WORDS=(statsig-console gates ru); COMP_CWORD=2; _statsig_console; printf "%s\\n" "${COMPREPLY[@]}"';
    const run = spawnSync("bash", ["--norc", "--noprofile", "-c", script], { encoding: "utf8", env: { PATH: `${shimDir}:${process.env.PATH ?? ""}` } });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("rules\n");
  });
});
