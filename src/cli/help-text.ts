// The help of an operation command beyond what the library prints for its arguments and options:
// the HTTP request, the body's fields, and an example command, all from the spec.
import type { CliOperation, ParameterInfo } from "./catalog.js";

export const BIN_NAME = "statsig-console";

/** Longest field description shown in the body table. */
const FIELD_DESCRIPTION_CHARS = 90;
/** Widest type shown in the body table; longer unions are cut. */
const TYPE_CHARS = 28;

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

export function parameterLabel(parameter: ParameterInfo): string {
  const type = parameter.enum ? `one of ${parameter.enum.join(", ")}` : parameter.type;
  const repeat = parameter.array ? "; repeatable" : "";
  const text = parameter.description.trim();
  return `${text}${text && !/[.!?]$/.test(text) ? "." : ""} (${type}${repeat}${parameter.required ? "; required" : ""})`.trim();
}

function exampleCommand(operation: CliOperation): string {
  const words = [
    BIN_NAME,
    ...operation.words,
    ...operation.pathParams.map((p) => shellQuote(typeof p.example === "string" || typeof p.example === "number" ? String(p.example) : `<${p.name}>`)),
  ];
  const example = operation.body?.example;
  if (example !== undefined) words.push("--data", shellQuote(JSON.stringify(example)));
  return words.join(" ");
}

function clip(text: string, chars: number): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > chars ? `${oneLine.slice(0, chars - 1)}…` : oneLine;
}

export function operationHelpAfter(operation: CliOperation): string {
  const lines = ["", "Request:", `  ${operation.method} ${operation.path}   (operationId ${operation.facadePath.join(".")})`];
  if (operation.method !== "GET") lines.push("  A mutation: on a terminal it asks before sending (--yes skips); --dry-run prints the request instead.");
  if (operation.response === "list") lines.push("  A list: prints one page of items; --all prints every page's items as they arrive.");
  if (operation.chunk) lines.push(`  Sends body.${operation.chunk.field} in requests of at most ${operation.chunk.maxItems}, in order.`);
  const { body } = operation;
  if (body) {
    lines.push(
      "",
      `Body${body.schemaName ? ` (${body.schemaName})` : ""}${body.required ? ", required" : ", optional"}:${body.description ? ` ${clip(body.description, 120)}` : ""}`,
    );
    const width = Math.max(0, ...body.fields.map((field) => field.name.length + (field.required ? 1 : 0)));
    const typeWidth = Math.min(TYPE_CHARS, Math.max(0, ...body.fields.map((field) => field.type.length)));
    for (const field of body.fields) {
      const name = `${field.name}${field.required ? "*" : ""}`.padEnd(width);
      const type = clip(field.type, TYPE_CHARS).padEnd(typeWidth);
      lines.push(`  ${name}  ${type}${field.description ? `  ${clip(field.description, FIELD_DESCRIPTION_CHARS)}` : ""}`.trimEnd());
    }
    if (body.fields.some((field) => field.required)) lines.push("  (* required)");
  }
  lines.push("", "Example:", `  $ ${exampleCommand(operation)}`);
  return lines.join("\n");
}
