// npm run spec:diff -- <old> <new> [--json]
// Compares two OpenAPI documents (a JSON or YAML file, or our multi-file spec/ directory) and
// prints what changed for a client: Markdown by default, JSON with --json.
import { diffDocuments } from "./lib/spec-diff/diff.js";
import { loadDocument } from "./lib/spec-diff/load-document.js";
import { renderDiffMarkdown } from "./lib/spec-diff/render-markdown.js";

const USAGE = "usage: npm run spec:diff -- <old document> <new document> [--json] [--fail-on-breaking]";

function main(args: readonly string[]): number {
  const flags = new Set(args.filter((arg) => arg.startsWith("--")));
  const files = args.filter((arg) => !arg.startsWith("--"));
  const unknown = [...flags].filter((flag) => flag !== "--json" && flag !== "--fail-on-breaking");
  if (files.length !== 2 || unknown.length > 0) {
    process.stderr.write(`${unknown.length > 0 ? `unknown option ${unknown.join(", ")}\n` : ""}${USAGE}\n`);
    return 2;
  }
  let diff: ReturnType<typeof diffDocuments>;
  try {
    diff = diffDocuments(loadDocument(files[0]!), loadDocument(files[1]!));
  } catch (error) {
    process.stderr.write(`spec:diff: ${(error as Error).message}\n`);
    return 2;
  }
  process.stdout.write(flags.has("--json") ? `${JSON.stringify(diff, null, 2)}\n` : renderDiffMarkdown(diff));
  return flags.has("--fail-on-breaking") && diff.summary.breaking > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
