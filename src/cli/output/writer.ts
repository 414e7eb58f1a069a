// Writes results in the chosen format: JSON (pretty on a terminal, compact when piped), NDJSON
// (one item per line) or a table. Lists are written as their items arrive, so `--all` over any
// number of pages holds at most the pages the client has in flight (except a table, which needs
// every row to size its columns).
import type { CliIo, OutputStream } from "../io.js";
import { pickFields, type FieldPath } from "./fields.js";
import { formatTable } from "./table.js";

export const OUTPUT_FORMATS = ["json", "ndjson", "table"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface OutputOptions {
  format: OutputFormat;
  fields: readonly FieldPath[] | undefined;
  pretty: boolean;
  columnsChars: number;
}

interface DrainableStream extends OutputStream {
  once?(event: "drain", listener: () => void): unknown;
}

/** Waits for a full pipe to drain, so a slow reader holds back the pages instead of memory filling up. */
async function write(stream: DrainableStream, text: string): Promise<void> {
  if (stream.write(text) === false && typeof stream.once === "function") await new Promise<void>((resolve) => stream.once?.("drain", resolve));
}

function json(value: unknown, pretty: boolean): string {
  return JSON.stringify(value, null, pretty ? 2 : undefined) ?? "null";
}

/** One result (not a list). Text (a CSV export) is written as it came. */
export async function writeValue(value: unknown, options: OutputOptions, io: CliIo): Promise<void> {
  if (typeof value === "string") {
    await write(io.stdout, value.endsWith("\n") ? value : `${value}\n`);
    return;
  }
  const picked = pickFields(value, options.fields);
  if (options.format === "table") await write(io.stdout, formatTable(picked, options.fields, options.columnsChars));
  else if (options.format === "ndjson" && Array.isArray(picked)) for (const item of picked) await write(io.stdout, `${json(item, false)}\n`);
  else await write(io.stdout, `${json(picked, options.format === "json" && options.pretty)}\n`);
}

/** The items of a list, written as they arrive. */
export async function writeItems(items: AsyncIterable<unknown>, options: OutputOptions, io: CliIo): Promise<void> {
  if (options.format === "table") {
    const rows: unknown[] = [];
    for await (const item of items) rows.push(pickFields(item, options.fields));
    await write(io.stdout, formatTable(rows, options.fields, options.columnsChars));
    return;
  }
  if (options.format === "ndjson") {
    for await (const item of items) await write(io.stdout, `${json(pickFields(item, options.fields), false)}\n`);
    return;
  }
  // A JSON array written element by element: the same text JSON.stringify would give.
  let count = 0;
  for await (const item of items) {
    const text = json(pickFields(item, options.fields), options.pretty);
    const separator = count === 0 ? "" : ",";
    await write(io.stdout, options.pretty ? `${count === 0 ? "[" : ""}${separator}\n  ${text.replace(/\n/g, "\n  ")}` : `${count === 0 ? "[" : ""}${separator}${text}`);
    count++;
  }
  await write(io.stdout, count === 0 ? "[]\n" : options.pretty ? "\n]\n" : "]\n");
}
