// `--output table`: rows of a list (or one object's fields) as aligned text columns for a terminal.
import { isObject } from "../../core/json.js";
import { valueAt, type FieldPath } from "./fields.js";

/** Columns taken from the first rows when --fields names none. */
const SAMPLED_ROWS = 50;
const MAX_COLUMNS = 8;
const MIN_CELL_CHARS = 6;

function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.replace(/[\r\n\t]+/g, " ");
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(1, width - 1))}…`;
}

/** Scalar fields of the first rows, in order of appearance: nested objects make poor cells. */
function defaultColumns(rows: readonly unknown[]): FieldPath[] {
  const names: string[] = [];
  for (const row of rows.slice(0, SAMPLED_ROWS)) {
    if (!isObject(row)) continue;
    for (const [name, value] of Object.entries(row)) if (!names.includes(name) && (value === null || typeof value !== "object")) names.push(name);
  }
  return names.slice(0, MAX_COLUMNS).map((name) => [name]);
}

function render(header: readonly string[], body: readonly string[][], columnsChars: number): string {
  const widths = header.map((title, index) => Math.max(title.length, ...body.map((row) => row[index]?.length ?? 0)));
  // Shrink the widest columns until the table fits the terminal.
  const total = () => widths.reduce((sum, width) => sum + width, 0) + 2 * (widths.length - 1);
  while (total() > columnsChars) {
    const widest = widths.indexOf(Math.max(...widths));
    if ((widths[widest] ?? 0) <= MIN_CELL_CHARS) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
  const line = (cells: readonly string[]) =>
    cells
      .map((text, index) => clip(text, widths[index] ?? text.length).padEnd(widths[index] ?? 0))
      .join("  ")
      .trimEnd();
  return `${[line(header), line(widths.map((width) => "-".repeat(width))), ...body.map(line)].join("\n")}\n`;
}

/** A table of items (one row each) or, for a single object, of its fields (one row each). */
export function formatTable(value: unknown, fields: readonly FieldPath[] | undefined, columnsChars: number): string {
  if (!Array.isArray(value)) {
    if (!isObject(value)) return `${cell(value)}\n`;
    const entries = fields ? fields.map((path) => [path.join("."), valueAt(value, path)] as const) : Object.entries(value);
    return render(
      ["field", "value"],
      entries.map(([name, fieldValue]) => [name, cell(fieldValue)]),
      columnsChars,
    );
  }
  if (value.length === 0) return "(no items)\n";
  const columns = fields ?? defaultColumns(value);
  if (columns.length === 0)
    return render(
      ["value"],
      value.map((item) => [cell(item)]),
      columnsChars,
    );
  return render(
    columns.map((path) => path.join(".")),
    value.map((row) => columns.map((path) => cell(valueAt(row, path)))),
    columnsChars,
  );
}
