// Reads an OpenAPI document for the diff and audit tools: one JSON or YAML file (Statsig's, 3.0 or
// 3.1), or our multi-file spec (a directory, or its openapi.yaml), merged by the generator's loader.
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parse } from "yaml";
import { isObject, type JsonObject } from "../../../src/core/json.js";
import { loadSpec, SpecError } from "../load-spec.js";

function isMultiFileSpec(dir: string): boolean {
  return existsSync(join(dir, "openapi.yaml")) && (existsSync(join(dir, "paths")) || existsSync(join(dir, "components")));
}

export function loadDocument(location: string): JsonObject {
  if (!existsSync(location)) throw new SpecError(`${location}: no such file or directory`);
  if (statSync(location).isDirectory()) {
    if (!isMultiFileSpec(location)) throw new SpecError(`${location}: a directory must hold openapi.yaml with paths/ or components/`);
    return loadSpec(location);
  }
  if (basename(location) === "openapi.yaml" && isMultiFileSpec(dirname(location))) return loadSpec(dirname(location));
  const text = readFileSync(location, "utf8");
  let parsed: unknown;
  try {
    parsed = location.endsWith(".json") ? JSON.parse(text) : parse(text);
  } catch (error) {
    throw new SpecError(`${location}: ${(error as Error).message}`);
  }
  if (!isObject(parsed) || !isObject(parsed.paths)) throw new SpecError(`${location}: not an OpenAPI document (no paths)`);
  return parsed;
}

/**
 * A document with newer fragments laid over it (additions-2026-03.json over the 2025-10 document):
 * a fragment adds operations (an operation the base already has is refused: it would hide a change)
 * and its components replace the base's of the same name, being the newer description.
 */
export function mergeFragments(base: JsonObject, fragments: readonly JsonObject[]): JsonObject {
  const paths: JsonObject = { ...(base.paths as JsonObject) };
  const components: JsonObject = isObject(base.components) ? { ...base.components } : {};
  for (const fragment of fragments) {
    for (const [path, item] of Object.entries(isObject(fragment.paths) ? fragment.paths : {})) {
      if (!isObject(item)) continue;
      const merged: JsonObject = isObject(paths[path]) ? { ...(paths[path] as JsonObject) } : {};
      for (const [method, operation] of Object.entries(item)) {
        if (method in merged) throw new SpecError(`fragment redeclares ${method.toUpperCase()} ${path}`);
        merged[method] = operation;
      }
      paths[path] = merged;
    }
    for (const [kind, entries] of Object.entries(isObject(fragment.components) ? fragment.components : {})) {
      if (!isObject(entries)) continue;
      components[kind] = { ...(isObject(components[kind]) ? components[kind] : {}), ...entries };
    }
  }
  return { ...base, paths, components };
}
