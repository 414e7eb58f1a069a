// The bundled spec and the operation manifest, as the CLI reads them: plain JSON, with `$ref`s
// followed inside the spec. Both files are generated from spec/, so the CLI follows every change.
import { readBundledSpec } from "../bundled-spec.js";
import manifestJson from "../../generated/operations.json" with { type: "json" };
import { isObject, type JsonObject } from "../core/json.js";
import type { ManifestOperation, OperationsManifest } from "../manifest.js";

export type { ManifestOperation };

export const manifestOperations: readonly ManifestOperation[] = (manifestJson as unknown as OperationsManifest).operations;

/** The bundled spec (read on first use). */
export const bundledSpec = readBundledSpec;

/** The value at a local JSON pointer (`#/components/schemas/Gate`), or undefined. */
function atPointer(ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = bundledSpec();
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    node = isObject(node) ? node[key] : undefined;
  }
  return node;
}

/** Follows `$ref` until a node without one (siblings of a `$ref`, such as a description, win over the target's). */
export function deref(node: unknown): JsonObject {
  let current: unknown = node;
  const seen = new Set<string>();
  let overrides: JsonObject = {};
  while (isObject(current) && typeof current.$ref === "string" && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    const { $ref, ...rest } = current;
    overrides = { ...rest, ...overrides };
    current = atPointer($ref);
  }
  return isObject(current) ? { ...current, ...overrides } : overrides;
}

/** The name of the component a `$ref` points to (`GateCreateBody`), for help text. */
export function refName(node: unknown): string | undefined {
  if (!isObject(node) || typeof node.$ref !== "string") return undefined;
  return node.$ref.split("/").pop();
}

/** The spec's operation object for a method and schema path. */
export function specOperation(method: string, path: string): JsonObject {
  const item = deref((bundledSpec().paths as JsonObject | undefined)?.[path]);
  return deref(item[method.toLowerCase()]);
}
