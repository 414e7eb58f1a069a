// Reads the hand-maintained spec (spec/openapi.yaml plus every partial document under
// spec/components/ and spec/paths/) and merges it into one OpenAPI document.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { isObject, type JsonObject } from "../../src/core/json.js";

export type { JsonObject };

const MERGEABLE_COMPONENT_KINDS = ["schemas", "parameters", "responses", "requestBodies", "headers", "examples", "securitySchemes"] as const;

export class SpecError extends Error {
  override name = "SpecError";
}

function readYaml(file: string, specDir: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = parse(readFileSync(file, "utf8"), { uniqueKeys: true });
  } catch (error) {
    throw new SpecError(`${relative(specDir, file)}: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw new SpecError(`${relative(specDir, file)}: not a YAML mapping`);
  return parsed;
}

function yamlFilesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => join(dir, name));
}

/** Merge the spec directory into one document; files are visited in a fixed order so output is deterministic. */
export function loadSpec(specDir: string): JsonObject {
  const root = readYaml(join(specDir, "openapi.yaml"), specDir);
  const components: JsonObject = isObject(root.components) ? { ...root.components } : {};
  const paths: JsonObject = isObject(root.paths) ? { ...root.paths } : {};
  const tags: JsonObject[] = Array.isArray(root.tags) ? [...(root.tags as JsonObject[])] : [];
  const origin = new Map<string, string>();
  for (const kind of MERGEABLE_COMPONENT_KINDS) {
    for (const name of Object.keys(isObject(components[kind]) ? (components[kind] as JsonObject) : {})) {
      origin.set(`components/${kind}/${name}`, "openapi.yaml");
    }
  }
  // What the root declares is owned like any partial's: a partial declaring it again is refused, not merged over it.
  for (const path of Object.keys(paths)) origin.set(`paths/${path}`, "openapi.yaml");
  for (const tag of tags) origin.set(`tags/${String(tag.name)}`, "openapi.yaml");

  const partials = [...yamlFilesUnder(join(specDir, "components")), ...yamlFilesUnder(join(specDir, "paths"))];
  for (const file of partials) {
    const name = relative(specDir, file);
    const doc = readYaml(file, specDir);
    for (const key of Object.keys(doc)) {
      if (!["paths", "components", "tags"].includes(key)) {
        throw new SpecError(`${name}: unexpected top-level key "${key}" (allowed: paths, components, tags)`);
      }
    }
    if (doc.paths !== undefined) {
      if (!isObject(doc.paths)) throw new SpecError(`${name}: paths must be a mapping`);
      for (const [path, item] of Object.entries(doc.paths)) {
        const key = `paths/${path}`;
        const previous = origin.get(key);
        if (previous !== undefined) throw new SpecError(`${name}: path ${path} is already declared in ${previous}`);
        origin.set(key, name);
        paths[path] = item;
      }
    }
    if (doc.components !== undefined) {
      if (!isObject(doc.components)) throw new SpecError(`${name}: components must be a mapping`);
      for (const [kind, entries] of Object.entries(doc.components)) {
        if (!(MERGEABLE_COMPONENT_KINDS as readonly string[]).includes(kind) || !isObject(entries)) {
          throw new SpecError(`${name}: unsupported components section "${kind}"`);
        }
        const existing = components[kind];
        const target: JsonObject = isObject(existing) ? existing : {};
        components[kind] = target;
        for (const [componentName, value] of Object.entries(entries)) {
          const key = `components/${kind}/${componentName}`;
          const previous = origin.get(key);
          if (previous !== undefined) {
            throw new SpecError(`${name}: component ${kind}/${componentName} is already declared in ${previous}`);
          }
          origin.set(key, name);
          target[componentName] = value;
        }
      }
    }
    if (doc.tags !== undefined) {
      if (!Array.isArray(doc.tags)) throw new SpecError(`${name}: tags must be a list`);
      for (const tag of doc.tags as JsonObject[]) {
        const key = `tags/${String(tag.name)}`;
        const previous = origin.get(key);
        if (previous !== undefined) throw new SpecError(`${name}: tag ${String(tag.name)} is already declared in ${previous}`);
        origin.set(key, name);
        tags.push(tag);
      }
    }
  }

  const sortedPaths: JsonObject = {};
  for (const path of Object.keys(paths).sort()) sortedPaths[path] = paths[path];
  const sortedComponents: JsonObject = {};
  for (const kind of Object.keys(components).sort()) {
    const entries = components[kind] as JsonObject;
    const sorted: JsonObject = {};
    for (const name of Object.keys(entries).sort()) sorted[name] = entries[name];
    sortedComponents[kind] = sorted;
  }
  tags.sort((a, b) => String(a.name).localeCompare(String(b.name)));

  const { openapi, info, servers, security, ...rest } = root;
  delete rest.components;
  delete rest.paths;
  delete rest.tags;
  return { openapi, info, servers, security, ...rest, tags, paths: sortedPaths, components: sortedComponents };
}
