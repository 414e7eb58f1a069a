// npm run spec:audit -- <upstream document> [fragment …] [--json] [--spec <dir>]
// Audits our spec (spec/ by default) against a newer upstream document, with optional fragments
// laid over it (additions-2026-03.json): exit 1 when a gap is not explained by a recorded decision
// or a recorded decision is no longer needed, 2 on bad input.
import { fileURLToPath } from "node:url";
import { auditSpec } from "./lib/spec-audit/audit.js";
import { renderAuditMarkdown } from "./lib/spec-audit/render-markdown.js";
import { loadDocument, mergeFragments } from "./lib/spec-diff/load-document.js";

const USAGE = "usage: npm run spec:audit -- <upstream document> [fragment …] [--json] [--spec <our spec dir>]";

function main(args: readonly string[]): number {
  let specDir = fileURLToPath(new URL("../spec", import.meta.url));
  let json = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--json") json = true;
    else if (arg === "--spec" && args[i + 1] !== undefined) specDir = args[++i]!;
    else if (arg.startsWith("--")) {
      process.stderr.write(`unknown option ${arg}\n${USAGE}\n`);
      return 2;
    } else files.push(arg);
  }
  if (files.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let result: ReturnType<typeof auditSpec>;
  try {
    const [upstream, ...fragments] = files.map(loadDocument);
    result = auditSpec(loadDocument(specDir), mergeFragments(upstream!, fragments));
  } catch (error) {
    process.stderr.write(`spec:audit: ${(error as Error).message}\n`);
    return 2;
  }
  process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : renderAuditMarkdown(result));
  return result.unexplained.length > 0 || result.staleDecisions.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
