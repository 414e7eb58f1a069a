// `--fields a,b.c`: keeps only the named fields (dotted paths reach into nested objects).
import { isObject } from "../../core/json.js";
import { CliUsageError } from "../exit-codes.js";

export type FieldPath = readonly string[];

export function parseFields(list: string | undefined): FieldPath[] | undefined {
  if (list === undefined) return undefined;
  const paths = list.split(",").map((field) => field.trim());
  if (paths.some((path) => path === "" || path.split(".").some((part) => part === "")))
    throw new CliUsageError(`--fields ${list}: expected names separated by commas, such as id,name,rules.0.name`);
  return paths.map((path) => path.split("."));
}

/** The value at a dotted path, or undefined. */
export function valueAt(value: unknown, path: FieldPath): unknown {
  let node = value;
  for (const key of path) {
    if (Array.isArray(node) && /^\d+$/.test(key)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
  }
  return node;
}

function setAt(target: Record<string, unknown>, path: FieldPath, value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (isObject(next)) node = next;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  node[path.at(-1) ?? ""] = value;
}

/** A copy of `value` with only the named fields, nested as in the original; absent fields are left out. An array is picked item by item. */
export function pickFields(value: unknown, paths: readonly FieldPath[] | undefined): unknown {
  if (!paths) return value;
  if (Array.isArray(value)) return value.map((item) => pickFields(item, paths));
  if (!isObject(value)) return value;
  const picked: Record<string, unknown> = {};
  for (const path of paths) {
    const found = valueAt(value, path);
    if (found !== undefined) setAt(picked, path, found);
  }
  return picked;
}
