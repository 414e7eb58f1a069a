// Lints the bundled document with the Redocly CLI (rules in redocly.yaml); errors fail generation.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SpecError } from "./load-spec.js";

export interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  location?: { pointer?: string }[];
}

/** The problems of `redocly lint --format json` output; none when it holds no such report. Exported for tests. */
export function parseProblems(stdout: string): LintProblem[] {
  const start = stdout.indexOf("{");
  if (start === -1) return [];
  try {
    return (JSON.parse(stdout.slice(start)) as { problems?: LintProblem[] }).problems ?? [];
  } catch {
    return [];
  }
}

/** One problem as a line: severity, rule, where (the JSON pointer as a path) and message. Exported for tests. */
export function formatProblem(problem: LintProblem): string {
  const where = (problem.location?.[0]?.pointer ?? "").replace(/^#/, "").replace(/~1/g, "/").replace(/~0/g, "~");
  return `  ${problem.severity} ${problem.ruleId} at ${where}: ${problem.message}`;
}

/** Lints the bundled document; throws on errors, returns the warnings as lines. */
export function lintBundledSpec(bundledJson: string, configFile: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "statsig-console-lint-"));
  try {
    const file = join(dir, "openapi.json");
    writeFileSync(file, bundledJson);
    const cli = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");
    const run = spawnSync(process.execPath, [cli, "lint", file, "--config", configFile, "--format", "json"], {
      encoding: "utf8",
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    });
    const problems = parseProblems(run.stdout);
    const errors = problems.filter((p) => p.severity === "error");
    if (run.status !== 0 || errors.length > 0) {
      const detail = errors.length > 0 ? errors.map(formatProblem).join("\n") : (run.stdout + run.stderr).trim();
      throw new SpecError(`Redocly lint found ${errors.length} error(s):\n${detail}`);
    }
    return problems.filter((p) => p.severity !== "error").map(formatProblem);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
