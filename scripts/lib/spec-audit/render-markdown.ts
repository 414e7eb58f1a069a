// The audit as Markdown: what is unexplained first (the work to do), then what decisions explain.
import type { AuditGap, AuditResult } from "./audit.js";

const row = (gap: AuditGap, withReason: boolean): string =>
  `| \`${gap.operation}\`${gap.operationId ? ` (${gap.operationId})` : ""} | ${gap.kind} | ${gap.location.replace(/\|/g, "\\|")} | ${gap.detail.replace(/\|/g, "\\|")}${withReason ? ` | ${(gap.explainedBy ?? "").replace(/\|/g, "\\|")}` : ""} |`;

export function renderAuditMarkdown(result: AuditResult): string {
  const explained = result.gaps.filter((gap) => gap.explainedBy !== undefined);
  const lines = [
    "# Spec audit",
    "",
    `Upstream: ${result.upstream.title} ${result.upstream.version} (${result.upstream.operations} operations); ours: ${result.ours.operations} operations.`,
    "",
    `Gaps: ${result.gaps.length}; explained by a recorded decision: ${explained.length}; unexplained: ${result.unexplained.length}; stale decisions: ${result.staleDecisions.length}.`,
    "",
  ];
  if (result.unexplained.length > 0) {
    lines.push("## Unexplained", "", "| operation | kind | where | upstream |", "| --- | --- | --- | --- |", ...result.unexplained.map((gap) => row(gap, false)), "");
  }
  if (result.staleDecisions.length > 0) lines.push("## Stale decisions", "", ...result.staleDecisions.map((entry) => `- ${entry}`), "");
  if (explained.length > 0) {
    lines.push("## Explained", "", "| operation | kind | where | upstream | decision |", "| --- | --- | --- | --- | --- |", ...explained.map((gap) => row(gap, true)), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
