// spec:diff on small fixtures (one of each kind of change, 3.0 YAML against 3.1 JSON) and through its CLI.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { diffDocuments, type SpecChange, type SpecDiff } from "../../scripts/lib/spec-diff/diff.js";
import { loadDocument } from "../../scripts/lib/spec-diff/load-document.js";
import { renderDiffMarkdown } from "../../scripts/lib/spec-diff/render-markdown.js";
import { repoRoot } from "../helpers/spec.js";

const fixtures = join(repoRoot, "test", "fixtures", "spec-diff");
const oldFile = join(fixtures, "old.yaml");
const newFile = join(fixtures, "new.json");
// Computed before each test rather than once at import, so that a mutation run credits each
// mutant to the tests that ran it (code run at import is "static": every test reruns for it).
let diff: SpecDiff;
beforeEach(() => {
  diff = diffDocuments(loadDocument(oldFile), loadDocument(newFile));
});

function find(operation: string, kind: SpecChange["kind"], location: string): SpecChange {
  const change = diff.changes.find((c) => c.operation === operation && c.kind === kind && c.location === location);
  if (!change) throw new Error(`no ${kind} at ${operation} ${location}; got:\n${diff.changes.map((c) => `${c.operation} ${c.kind} ${c.location}`).join("\n")}`);
  return change;
}

describe("spec:diff on fixtures", () => {
  it("matches operations by method and path, and by operationId when the path moved", () => {
    expect(diff.added.map((op) => `${op.method} ${op.path}`)).toEqual(["POST /fresh"]);
    expect(diff.removed.map((op) => `${op.method} ${op.path}`).sort()).toEqual(["DELETE /things/{id}", "GET /gone"]);
    expect(find("GET /new-place", "operation-moved", "")).toMatchObject({ breaking: true, detail: "was GET /old-place" });
    expect(find("GET /gone", "operation-removed", "").breaking).toBe(true);
    expect(find("POST /fresh", "operation-added", "").breaking).toBe(false);
  });

  it.each([
    ["GET /things", "required-changed", "query limit", true],
    ["GET /things", "enum-values-removed", "query status", true],
    ["GET /things", "enum-values-added", "query status", false],
    ["GET /things", "parameter-added", "query q", false],
    ["GET /things", "parameter-removed", "header x-trace", true],
    ["POST /things", "field-added", "request body region", true],
    ["POST /things", "enum-values-removed", "request body kind", true],
    ["POST /things", "nullable-changed", "request body note", false],
    ["GET /things/{id}", "field-removed", "response 200 legacy", true],
    ["GET /things/{id}", "required-changed", "response 200 name", true],
    ["GET /things/{id}", "enum-values-added", "response 200 state", true],
    ["GET /things/{id}", "type-changed", "response 200 size", true],
    ["GET /things/{id}", "field-added", "response 200 color", false],
    ["GET /things/{id}", "nullable-changed", "response 200 meta.b", true],
    ["GET /things/{id}", "field-added", "response 200 meta.c", false],
    ["GET /things", "enum-values-added", "response 200 data[].state", true],
    ["GET /things", "field-removed", "response 200 data[].legacy", true],
  ] as const)("%s: %s at %s (breaking: %s)", (operation, kind, location, breaking) => {
    expect(find(operation, kind, location).breaking).toBe(breaking);
  });

  it("names the enum values that changed", () => {
    expect(find("GET /things", "enum-values-removed", "query status").values).toEqual(['"archived"']);
    expect(find("GET /things/{id}", "enum-values-added", "response 200 state").values).toEqual(['"paused"']);
  });

  it("reads 3.0 `nullable` and a 3.1 null type as the same thing", () => {
    expect(diff.changes.filter((c) => c.field.endsWith("owner"))).toEqual([]);
  });

  it("stops at a recursive schema instead of looping, and still compares the first level of recursion", () => {
    expect(find("GET /things/{id}", "field-removed", "response 200 parent.legacy").breaking).toBe(true);
  });

  it("finds no change between a document and itself", () => {
    expect(diffDocuments(loadDocument(newFile), loadDocument(newFile)).changes).toEqual([]);
  });

  // Seconds per run (loading and flattening the whole spec): too slow to rerun for every mutant.
  it.skipIf(process.env.STATSIG_MUTATION_RUN === "1")("finds no change between our spec and itself", () => {
    const ours = loadDocument(join(repoRoot, "spec"));
    expect(diffDocuments(ours, ours).changes).toEqual([]);
  });

  it("renders Markdown with the counts and breaking changes first", () => {
    const markdown = renderDiffMarkdown(diff);
    expect(markdown).toContain("Operations added: 1; removed: 2");
    expect(markdown.indexOf("## Breaking changes")).toBeLessThan(markdown.indexOf("## Safe changes"));
    expect(markdown).toContain('| enum-values-added | response 200 state | adds "paused" |');
  });
});

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, ["--import", "tsx", join(repoRoot, "scripts", "spec-diff.ts"), ...args], { cwd: repoRoot });

// A child process never sees the mutant: vitest.mutation.generator.config.ts sets STATSIG_MUTATION_RUN.
describe.skipIf(process.env.STATSIG_MUTATION_RUN === "1")("spec:diff command", () => {
  it("prints JSON with --json, and exits 1 on breaking changes with --fail-on-breaking", async () => {
    const failure = await cli(oldFile, newFile, "--json", "--fail-on-breaking").catch((error: { code: number; stdout: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect(JSON.parse((failure as { stdout: string }).stdout)).toMatchObject({ added: [{ method: "POST", path: "/fresh" }], summary: { breaking: diff.summary.breaking } });
  }, 30_000);

  it("exits 2 with a message on a missing file", async () => {
    await expect(cli(oldFile, join(fixtures, "nope.json"))).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("no such file") });
  }, 30_000);
});
