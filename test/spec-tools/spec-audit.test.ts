// spec:audit on a fixture: each kind of gap is found, decisions explain exactly what they name,
// and a decision that explains nothing is reported as stale.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { type AuditResult, auditSpec } from "../../scripts/lib/spec-audit/audit.js";
import { renderAuditMarkdown } from "../../scripts/lib/spec-audit/render-markdown.js";
import { loadDocument } from "../../scripts/lib/spec-diff/load-document.js";
import { repoRoot } from "../helpers/spec.js";

const fixtures = join(repoRoot, "test", "fixtures", "spec-diff");
// Computed before each test rather than once at import, so that a mutation run credits each
// mutant to the tests that ran it (code run at import is "static": every test reruns for it).
let result: AuditResult;
beforeEach(() => {
  result = auditSpec(loadDocument(join(fixtures, "ours-audited.yaml")), loadDocument(join(fixtures, "upstream.json")));
});
const summary = (explained: boolean) =>
  result.gaps
    .filter((gap) => (gap.explainedBy !== undefined) === explained)
    .map((gap) => `${gap.operation} ${gap.kind} ${gap.location}${gap.values ? ` ${gap.values.join(",")}` : ""}`)
    .sort();

describe("spec:audit on a fixture", () => {
  it("reports the operation, parameter, field and enum value we lack and no decision explains", () => {
    expect(summary(false)).toEqual([
      'GET /things enum-values response 200 data[].kind "b"',
      "GET /things field response 200 data[].label",
      "GET /things parameter query search",
      "POST /import operation operation",
    ]);
    expect(result.unexplained).toHaveLength(4);
  });

  it("explains gaps by the decisions that name them, at the root or on the operation", () => {
    expect(summary(true)).toEqual([
      "GET /export operation operation",
      'GET /things enum-values response 200 data[].state "beta"',
      "GET /things field response 200 data[].internal",
      "GET /things parameter header x-trace",
    ]);
    expect(result.gaps.find((gap) => gap.location === "header x-trace")?.explainedBy).toBe("no tracing header (root)");
  });

  it("does not count fields under an object we keep free-form", () => {
    expect(result.gaps.filter((gap) => gap.location.includes("extra"))).toEqual([]);
  });

  it("reports a recorded decision that no gap needs", () => {
    expect(result.staleDecisions).toEqual(["root: a decision nothing needs: operation GET /never"]);
  });

  it("renders the unexplained gaps first", () => {
    const markdown = renderAuditMarkdown(result);
    expect(markdown).toContain("unexplained: 4; stale decisions: 1");
    expect(markdown.indexOf("## Unexplained")).toBeLessThan(markdown.indexOf("## Explained"));
  });

  // A child process never sees the mutant: vitest.mutation.generator.config.ts sets STATSIG_MUTATION_RUN.
  it.skipIf(process.env.STATSIG_MUTATION_RUN === "1")(
    "exits 1 from the command when something is unexplained",
    async () => {
      const run = promisify(execFile);
      const args = ["--import", "tsx", join(repoRoot, "scripts", "spec-audit.ts"), join(fixtures, "upstream.json"), "--spec", join(fixtures, "ours-audited.yaml"), "--json"];
      const failure = await run(process.execPath, args, { cwd: repoRoot }).catch((error: { code: number; stdout: string }) => error);
      expect(failure).toMatchObject({ code: 1 });
      expect(JSON.parse((failure as { stdout: string }).stdout).unexplained).toHaveLength(4);
    },
    30_000,
  );
});
