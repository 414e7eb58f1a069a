// Before a mutation on a terminal: what will be sent, and a y/N question. Anything but y or yes
// declines; nothing is sent.
import type { CliOperation } from "./catalog.js";
import { CliUsageError } from "./exit-codes.js";
import type { CliIo } from "./io.js";

/** Longest body shown in the question. */
const SHOWN_BODY_CHARS = 2_000;

export interface PlannedCall {
  operation: CliOperation;
  pathValues: readonly string[];
  query: Record<string, unknown> | undefined;
  body: unknown;
}

function describe({ operation, pathValues, query, body }: PlannedCall): string {
  let path = operation.path;
  operation.pathParams.forEach((parameter, index) => {
    path = path.replace(`{${parameter.name}}`, encodeURIComponent(pathValues[index] ?? ""));
  });
  const lines = [`${operation.method} ${path}  (${operation.words.join(" ")}: ${operation.summary})`];
  if (query) lines.push(`  query: ${JSON.stringify(query)}`);
  if (body !== undefined) {
    const text = JSON.stringify(body);
    lines.push(`  body: ${text.length > SHOWN_BODY_CHARS ? `${text.slice(0, SHOWN_BODY_CHARS)}… (${text.length} characters)` : text}`);
  }
  const items = operation.chunk && typeof body === "object" && body !== null ? (body as Record<string, unknown>)[operation.chunk.field] : undefined;
  if (operation.chunk && Array.isArray(items))
    lines.push(`  in ${Math.ceil(items.length / operation.chunk.maxItems)} requests of at most ${operation.chunk.maxItems} ${operation.chunk.field}`);
  return lines.join("\n");
}

/** Whether a mutation needs a yes first: on a terminal, unless --yes or a dry run. */
export function needsConfirmation(operation: CliOperation, io: CliIo, flags: { yes: boolean; dryRun: boolean }): boolean {
  return operation.method !== "GET" && !flags.yes && !flags.dryRun && io.stdinIsTTY && io.stderrIsTTY;
}

/** Asks; true only for an explicit yes. */
export async function confirm(call: PlannedCall, io: CliIo, bodyFromStdin: boolean): Promise<boolean> {
  if (bodyFromStdin) throw new CliUsageError("the body was read from the terminal, so there is nothing left to answer a confirmation with: pass --yes");
  io.stderr.write(`${describe(call)}\nSend this request? [y/N] `);
  const answer = (await io.readLine())?.trim().toLowerCase();
  return answer === "y" || answer === "yes";
}
