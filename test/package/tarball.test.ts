// The package as npm would publish it: `npm pack` (whose prepack builds), checked by attw and
// publint, then installed from the tarball into a fresh project where plain Node ESM, CommonJS
// and TypeScript under each moduleResolution load every entry and make real calls.
import { execFile, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manifest, repoRoot } from "../helpers/spec.js";
import { commonJsSource, esmSource, expectedReport, typeScriptCommonJsSource, typeScriptEsmSource, typeScriptNode16EsmSource } from "./consumer-sources.js";

const run = promisify(execFile);
const bin = (relative: string) => join(repoRoot, "node_modules", relative);
const { version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
const expected = expectedReport(version, manifest.operations.length);

const work = mkdtempSync(join(tmpdir(), "statsig-console-api-pack-"));
const project = join(work, "consumer");

/** `npm pack` from the repository with no dist/: whatever the tarball holds, prepack built. */
function pack(): { tarball: string; files: string[] } {
  rmSync(join(repoRoot, "dist"), { recursive: true, force: true });
  const packed = spawnSync("npm", ["pack", "--json", "--pack-destination", work], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 300_000,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stdout}${packed.stderr}`);
  return packResult(packed.stdout);
}

/**
 * npm prints prepack's build log on the same stdout before its JSON, and that log may carry
 * colour codes (`ESC[34m`), so the array is found where a line is just `[`, not at the first `[`.
 */
function packResult(stdout: string): { tarball: string; files: string[] } {
  const start = stdout.search(/^\[\s*$/m);
  if (start < 0) throw new Error(`npm pack printed no JSON array:\n${stdout}`);
  const [info] = JSON.parse(stdout.slice(start)) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(work, info!.filename), files: info!.files.map((file) => file.path) };
}

/**
 * A fresh project with the tarball installed (its dependency from npm's cache or registry). The
 * optional peer msw and Node's types come from this repository, as a project would have its own.
 */
function install(tarball: string): string | undefined {
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "consumer", private: true }, null, 2)}\n`);
  const npm = spawnSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--no-package-lock", "--ignore-scripts", tarball], {
    cwd: project,
    encoding: "utf8",
    timeout: 300_000,
  });
  if (npm.status !== 0) return `npm could not install the tarball's dependencies: ${npm.stderr.trim().split("\n").at(-1)}`;
  mkdirSync(join(project, "node_modules", "@types"), { recursive: true });
  symlinkSync(bin("msw"), join(project, "node_modules", "msw"), "dir");
  symlinkSync(bin("@types/node"), join(project, "node_modules", "@types", "node"), "dir");
  return undefined;
}

const packed = pack();
const skipReason = install(packed.tarball);
if (skipReason) console.warn(`[notice] installed-package tests skipped: ${skipReason}`);

let server: Server;
let baseUrl = "";

beforeAll(async () => {
  // `GET /gates/echo` answers with the request's User-Agent as the gate's description.
  server = createServer((request, response) => {
    const missing = request.url?.endsWith("/missing") === true;
    response.writeHead(missing ? 404 : 200, { "content-type": "application/json" });
    const gate = { id: "echo", name: "echo", description: request.headers["user-agent"] ?? "" };
    response.end(JSON.stringify(missing ? { status: 404, message: "Gate not found" } : { message: "ok", data: gate }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

/** Runs a consumer program with Node and returns the JSON line it printed. */
async function report(file: string): Promise<unknown> {
  const { stdout, stderr } = await run(process.execPath, [file, baseUrl], { cwd: project, timeout: 60_000 });
  expect(stderr).toBe("");
  return JSON.parse(stdout.trim());
}

describe("npm pack", () => {
  const entries = ["index", "testing/index", "testing/msw", "redis"];

  it("builds through prepack and ships both formats with declarations, the JSON entries, LICENSE and CHANGELOG", () => {
    for (const entry of entries) for (const ext of [".js", ".cjs", ".d.ts", ".d.cts"]) expect(packed.files, `dist/${entry}${ext}`).toContain(`dist/${entry}${ext}`);
    for (const file of ["package.json", "README.md", "LICENSE", "CHANGELOG.md", "generated/openapi.json", "generated/operations.json", "generated/operations.schema.json"])
      expect(packed.files).toContain(file);
    expect(packed.files.filter((file) => /^(src|test|spec|scripts|bench|examples|docs)\//.test(file))).toEqual([]);
  });

  it("passes @arethetypeswrong/cli: every entry resolves for node10, node16 (CJS and ESM) and bundler", async () => {
    const attw = await run(process.execPath, [bin("@arethetypeswrong/cli/dist/index.js"), packed.tarball, "--format", "json"], { timeout: 120_000 }).catch(
      (error: { stdout: string; stderr: string }) => ({ stdout: error.stdout, stderr: `attw failed: ${error.stderr}` }),
    );
    expect(attw.stderr).toBe("");
    const analysis = JSON.parse(attw.stdout) as { problems: Record<string, unknown>; analysis: { entrypoints: Record<string, unknown> } };
    expect(Object.values(analysis.problems)).toEqual([]);
    expect(Object.keys(analysis.analysis.entrypoints).sort()).toEqual([
      ".",
      "./mcp",
      "./openapi.json",
      "./operations.json",
      "./operations.schema.json",
      "./package.json",
      "./redis",
      "./testing",
      "./testing/msw",
      "./verify",
    ]);
  }, 120_000);

  it("passes publint with warnings counted as errors", async () => {
    const publint = await run(process.execPath, [bin("publint/src/cli.js"), "run", packed.tarball, "--strict"], { timeout: 60_000 });
    expect(publint.stdout).not.toMatch(/Warnings:|Errors:/);
  }, 60_000);
});

describe.skipIf(skipReason !== undefined)("the installed tarball in a fresh project", () => {
  it("loads every entry with import in plain Node ESM and calls the simulator and a server", async () => {
    writeFileSync(join(project, "esm.mjs"), esmSource);
    expect(await report(join(project, "esm.mjs"))).toEqual(expected);
  });

  it("loads every entry with require in plain Node CommonJS and calls the simulator and a server", async () => {
    writeFileSync(join(project, "cjs.cjs"), commonJsSource);
    expect(await report(join(project, "cjs.cjs"))).toEqual(expected);
  });

  // Strict flags users turn on; skipLibCheck stays on here (the declarations themselves are
  // checked with skipLibCheck off in build.test.ts), which keeps four programs affordable.
  const strict = { strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: true, target: "ES2022", lib: ["ES2022", "DOM"], types: ["node"] };
  const matrix = {
    node10: { options: { module: "commonjs", moduleResolution: "node10" }, sources: { "main.ts": typeScriptCommonJsSource }, outputs: ["main.js"] },
    node16: {
      options: { module: "node16", moduleResolution: "node16" },
      sources: { "esm.mts": typeScriptNode16EsmSource, "cjs.cts": typeScriptCommonJsSource },
      outputs: ["esm.mjs", "cjs.cjs"],
    },
    nodenext: {
      options: { module: "nodenext", moduleResolution: "nodenext" },
      sources: { "esm.mts": typeScriptEsmSource, "cjs.cts": typeScriptCommonJsSource },
      outputs: ["esm.mjs", "cjs.cjs"],
    },
    // A bundler project's own package.json says "type": "module", so Node can run what tsc emits.
    bundler: { options: { module: "esnext", moduleResolution: "bundler" }, sources: { "main.ts": typeScriptEsmSource }, outputs: ["main.js"], type: "module" },
  } as const;

  it.concurrent.each(Object.keys(matrix) as (keyof typeof matrix)[])(
    "type-checks with moduleResolution %s under strict flags, and what tsc emits runs",
    async (mode) => {
      const { options, sources, outputs } = matrix[mode];
      const dir = join(project, mode);
      mkdirSync(dir, { recursive: true });
      if ("type" in matrix[mode]) writeFileSync(join(dir, "package.json"), `${JSON.stringify({ type: "module" })}\n`);
      for (const [file, text] of Object.entries(sources)) writeFileSync(join(dir, file), text);
      const compilerOptions = { ...strict, ...options, resolveJsonModule: true, esModuleInterop: true, outDir: "out" };
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: Object.keys(sources) }, null, 2));
      const tsc = await run(process.execPath, [bin("typescript/bin/tsc"), "-p", dir], { cwd: dir, timeout: 180_000 }).catch((error: { stdout: string }) => ({
        stdout: error.stdout || String(error),
      }));
      expect(tsc.stdout).toBe("");
      for (const output of outputs) expect(await report(join(dir, "out", output)), `${mode} ${output}`).toEqual(expected);
    },
    240_000,
  );
});
