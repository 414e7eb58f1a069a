// The drift report: what verifyAgainstLive found, per operation. Its JSON form is what users send
// us (it carries no key and only redacted samples); renderVerifyReportMarkdown is the same for people.

/** What kind of disagreement between a live response and our schema. */
export type MismatchKind =
  /** A field our schema requires is absent. */
  | "missing-required-field"
  /** A value has a JSON type our schema does not allow (including null where it is not nullable). */
  | "unexpected-type"
  /** A value outside the enum (or const) our schema declares. */
  | "unknown-enum-value"
  /** A field our schema does not declare on an object whose fields it describes. */
  | "undeclared-field"
  /** Any other schema rule the value breaks (a bound, a pattern, several alternatives matching). */
  | "constraint";

export interface Mismatch {
  kind: MismatchKind;
  /** Where in the response body, with list positions collapsed: `data[].rules[].conditions[].type`. */
  location: string;
  /** What our schema expects there, in words (`string`, `one of: a, b`, `declared fields: id, name`). */
  expected: string;
  /** The value found, redacted: strings cut to a few characters, secrets and keys replaced, nesting and lists shortened. Absent for a missing field. */
  sample?: unknown;
  /** How many times it occurred in this operation's response. */
  occurrences: number;
}

export type OperationOutcome = "ok" | "mismatch" | "failed" | "skipped";

export interface OperationCheck {
  operationId: string;
  method: "GET";
  /** The path template (never the concrete ids). */
  path: string;
  outcome: OperationOutcome;
  /** HTTP status of the response, when a request was made. */
  httpStatus?: number;
  /** Why it was skipped or failed. */
  reason?: string;
  mismatches: Mismatch[];
}

export interface VerifyReport {
  /** Bumped when the shape of this report changes. */
  formatVersion: 1;
  /** When the check ran (ISO 8601). */
  generatedAt: string;
  /** The spec the responses were checked against: `info.title` and `info.version` of the client's bundled document. */
  spec: { title: string; version: string };
  summary: {
    checked: number;
    ok: number;
    withMismatches: number;
    failed: number;
    skipped: number;
    mismatches: Record<MismatchKind, number>;
  };
  operations: OperationCheck[];
}

const KINDS: readonly MismatchKind[] = ["missing-required-field", "unexpected-type", "unknown-enum-value", "undeclared-field", "constraint"];

export function summarize(operations: readonly OperationCheck[]): VerifyReport["summary"] {
  const mismatches = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<MismatchKind, number>;
  for (const check of operations) for (const mismatch of check.mismatches) mismatches[mismatch.kind] += 1;
  const count = (outcome: OperationOutcome): number => operations.filter((check) => check.outcome === outcome).length;
  return { checked: count("ok") + count("mismatch"), ok: count("ok"), withMismatches: count("mismatch"), failed: count("failed"), skipped: count("skipped"), mismatches };
}

const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The report as Markdown: a summary, then each operation with mismatches (and the failures and skips, briefly). */
export function renderVerifyReportMarkdown(report: VerifyReport): string {
  const { summary } = report;
  const lines = [
    "# Live drift check",
    "",
    `Spec: ${report.spec.title} ${report.spec.version}; run at ${report.generatedAt}.`,
    "",
    `Operations checked: ${summary.checked} (${summary.ok} as described, ${summary.withMismatches} with mismatches); failed: ${summary.failed}; skipped: ${summary.skipped}.`,
    "",
    "| mismatch | count |",
    "| --- | --- |",
    ...KINDS.map((kind) => `| ${kind} | ${summary.mismatches[kind]} |`),
    "",
  ];
  for (const check of report.operations.filter((c) => c.outcome === "mismatch")) {
    lines.push(`## \`${check.operationId}\` (${check.method} ${check.path})`, "", "| kind | where | expected | sample | times |", "| --- | --- | --- | --- | --- |");
    for (const m of check.mismatches) {
      lines.push(
        `| ${m.kind} | ${cell(m.location || "(body)")} | ${cell(m.expected)} | ${m.sample === undefined ? "" : cell(`\`${JSON.stringify(m.sample)}\``)} | ${m.occurrences} |`,
      );
    }
    lines.push("");
  }
  const others = report.operations.filter((c) => c.outcome === "failed" || c.outcome === "skipped");
  if (others.length > 0) {
    lines.push("## Not checked", "", "| operation | outcome | reason |", "| --- | --- | --- |");
    for (const check of others) lines.push(`| \`${check.operationId}\` | ${check.outcome}${check.httpStatus ? ` (${check.httpStatus})` : ""} | ${cell(check.reason ?? "")} |`);
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
