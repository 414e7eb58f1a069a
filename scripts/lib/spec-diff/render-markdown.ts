// The diff as Markdown for people: a summary table, then the changes grouped by operation,
// breaking ones first.
import type { SpecChange, SpecDiff } from "./diff.js";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function section(title: string, changes: readonly SpecChange[]): string[] {
  if (changes.length === 0) return [];
  const lines = [`## ${title} (${changes.length})`, ""];
  const byOperation = new Map<string, SpecChange[]>();
  for (const change of changes) {
    const list = byOperation.get(change.operation);
    if (list) list.push(change);
    else byOperation.set(change.operation, [change]);
  }
  for (const [operation, list] of [...byOperation].sort(([a], [b]) => a.localeCompare(b))) {
    const id = list[0]!.operationId;
    lines.push(`### \`${operation}\`${id ? ` (${id})` : ""}`, "", "| change | where | detail |", "| --- | --- | --- |");
    for (const change of list) lines.push(`| ${change.kind} | ${cell(change.location || "operation")} | ${cell(change.detail)} |`);
    lines.push("");
  }
  return lines;
}

export function renderDiffMarkdown(diff: SpecDiff): string {
  const name = (doc: SpecDiff["old"]): string => cell(`${doc.title || "untitled"} ${doc.version}`.trim());
  const lines = [
    "# OpenAPI diff",
    "",
    "| | old | new |",
    "| --- | --- | --- |",
    `| document | ${name(diff.old)} | ${name(diff.new)} |`,
    `| operations | ${diff.old.operations} | ${diff.new.operations} |`,
    "",
    `Operations added: ${diff.added.length}; removed: ${diff.removed.length}; changed: ${diff.changedOperations}. ` +
      `Changes: ${diff.summary.breaking} breaking, ${diff.summary.safe} safe for a client written against the old document.`,
    "",
    ...section(
      "Breaking changes",
      diff.changes.filter((c) => c.breaking),
    ),
    ...section(
      "Safe changes",
      diff.changes.filter((c) => !c.breaking),
    ),
  ];
  return `${lines.join("\n").trimEnd()}\n`;
}
