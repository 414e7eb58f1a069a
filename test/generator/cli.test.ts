// `npm run generate` as CI runs it: the real CLI (scripts/generate.ts) in a scratch copy of the
// repository layout with the fixture spec as spec/, so the drift guard itself is guarded: `--check`
// must fail, naming the file, when generated/ differs from the spec, and must write nothing.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/spec.js";

const CLI_TIMEOUT_MS = 60_000;
const scratch = mkdtempSync(join(tmpdir(), "generator-cli-"));
/** The tree the tests change step by step. */
const root = join(scratch, "repo");
/** A copy of `root` after its first generate, whose generated/ is then changed by hand. */
const driftedRoot = join(scratch, "drifted");
/** A tree whose spec has an error, run alongside the first generate of `root`. */
const brokenRoot = join(scratch, "broken");

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tsx scripts/generate.ts` in a scratch tree (asynchronously, so two trees can run at once). */
function runGenerate(cwd: string, ...flags: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/generate.ts", ...flags], { cwd, timeout: CLI_TIMEOUT_MS });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The repository layout the CLI expects: the scripts as they are in this checkout (a bug put into them is copied too), the fixture spec. */
function makeTree(dir: string): void {
  cpSync(join(repoRoot, "scripts"), join(dir, "scripts"), { recursive: true });
  // The generator imports the runtime's vocabulary (response kinds, method defaults) from src/core.
  cpSync(join(repoRoot, "src", "core"), join(dir, "src", "core"), { recursive: true });
  // …and the simulator's table types and request validator from src/testing/simulator.
  cpSync(join(repoRoot, "src", "testing", "simulator"), join(dir, "src", "testing", "simulator"), { recursive: true });
  cpSync(join(repoRoot, "test", "fixtures", "mini-spec"), join(dir, "spec"), { recursive: true });
  for (const file of ["package.json", "redocly.yaml", "biome.jsonc"]) cpSync(join(repoRoot, file), join(dir, file));
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
}

/** Every file under a tree's generated/, by relative path, with its text. */
function snapshot(tree: string): Map<string, string> {
  const generatedDir = join(tree, "generated");
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(generatedDir, path), readFileSync(path, "utf8"));
    }
  };
  walk(generatedDir);
  return files;
}

let clean: Map<string, string>;
let brokenRun: Run;

beforeAll(async () => {
  makeTree(root);
  makeTree(brokenRoot);
  const specFile = join(brokenRoot, "spec", "paths", "widgets.yaml");
  writeFileSync(specFile, readFileSync(specFile, "utf8").replace("operationId: widgets.get", "operationId: widgets.list"));
  const [first, broken] = await Promise.all([runGenerate(root), runGenerate(brokenRoot, "--check")]);
  expect(first.stderr).toBe("");
  expect(first.status).toBe(0);
  clean = snapshot(root);
  brokenRun = broken;
  makeTree(driftedRoot);
  cpSync(join(root, "generated"), join(driftedRoot, "generated"), { recursive: true });
}, CLI_TIMEOUT_MS);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("npm run generate (the CLI)", () => {
  it("writes generated/ from spec/: the facade, the runtime table and the manifest", () => {
    expect([...clean.keys()].sort()).toEqual([
      "README.md",
      "openapi.json",
      "operations.json",
      "operations.schema.json",
      "operations.ts",
      "reference-decisions.json",
      "resources/index.ts",
      "resources/widgets.ts",
      "schema.d.ts",
      "simulator.ts",
      "types.ts",
      "version.ts",
    ]);
    expect(clean.get("resources/widgets.ts")).toContain("export class Widgets extends APIResource");
  });

  // The two checks run at once, each in its own tree.
  it.concurrent(
    "--check exits 0 on a tree in step with the spec, and writes nothing",
    async () => {
      const run = await runGenerate(root, "--check");
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("generate --check: generated/ is in step with spec/ (12 files)");
      expect(snapshot(root)).toEqual(clean);
    },
    CLI_TIMEOUT_MS,
  );

  it.concurrent(
    "--check exits 1 naming each changed, missing and stale file, and changes none of them",
    async () => {
      const generated = join(driftedRoot, "generated");
      writeFileSync(join(generated, "resources", "widgets.ts"), `${clean.get("resources/widgets.ts")!}// edited by hand\n`);
      rmSync(join(generated, "operations.json"));
      writeFileSync(join(generated, "resources", "old.ts"), "// left over from a removed resource\n");
      const before = snapshot(driftedRoot);

      const run = await runGenerate(driftedRoot, "--check");
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("generate --check: generated/resources/widgets.ts is out of date");
      expect(run.stderr).toContain("generate --check: generated/operations.json is out of date");
      expect(run.stderr).toContain("generate --check: generated/resources/old.ts is not produced by the spec");
      expect(run.stderr).not.toContain("generated/types.ts");
      expect(run.stdout).not.toContain("in step");
      expect(snapshot(driftedRoot)).toEqual(before);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    "without --check, rewrites what changed and removes what the spec no longer produces",
    async () => {
      const run = await runGenerate(driftedRoot);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("generate: 2 file(s) written, 1 removed, 10 unchanged");
      expect(snapshot(driftedRoot)).toEqual(clean);
    },
    CLI_TIMEOUT_MS,
  );

  it("exits 1 on a spec error with the error as one line, no stack trace", () => {
    expect(brokenRun.status).toBe(1);
    expect(brokenRun.stderr.trim()).toMatch(/^generate: [^\n]*operationId widgets\.list is also used[^\n]*$/);
    expect(brokenRun.stdout).toBe("");
  });
});
