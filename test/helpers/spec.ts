// Read access to the bundled spec and the manifest, for data-driven tests.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RateLimitGroup } from "../../generated/operations.js";
import { isObject } from "../../src/core/json.js";
import type { ResponseKind } from "../../src/core/operation.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A manifest operation as the tests read it: path parameters by name (the manifest has objects, see src/manifest.ts). */
export interface ManifestOperation {
  operationId: string;
  method: string;
  path: string;
  tags: string[];
  pathParams: string[];
  queryParams: { name: string; required: boolean; type: string }[];
  body: { required: boolean; contentType: string } | null;
  response: { status: number; contentType: string | null; kind: ResponseKind };
  pagination: "page" | null;
  idempotent: boolean;
  rateLimitGroup: RateLimitGroup;
  chunk: { field: string; maxItems: number } | null;
}

const generatedDir = new URL("../../generated/", import.meta.url);
const readGenerated = (file: string) => JSON.parse(readFileSync(new URL(file, generatedDir), "utf8")) as JsonObject;

/**
 * The bundled spec with each operation's `x-reference-decisions` put back: the published
 * openapi.json leaves them out, and generated/reference-decisions.json keeps them by path and method.
 */
export const bundledSpec = readGenerated("openapi.json");
for (const [path, methods] of Object.entries(readGenerated("reference-decisions.json"))) {
  if (path === "$comment") continue;
  const item = (bundledSpec.paths as JsonObject)[path] as JsonObject;
  for (const [method, decisions] of Object.entries(methods as JsonObject)) (item[method] as JsonObject)["x-reference-decisions"] = decisions;
}

export const manifest = {
  operations: (readGenerated("operations.json").operations as (Omit<ManifestOperation, "pathParams"> & { pathParams: { name: string }[] })[]).map((op) => ({
    ...op,
    pathParams: op.pathParams.map((param) => param.name),
  })),
};
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Follows local `$ref`s in the bundled spec. */
export function deref<T = Json>(value: unknown, doc: JsonObject = bundledSpec): T {
  let current = value;
  while (isObject(current) && typeof current.$ref === "string") {
    let target: unknown = doc;
    for (const raw of current.$ref.slice(2).split("/")) {
      const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      target = isObject(target) ? target[key] : undefined;
    }
    current = target;
  }
  return current as T;
}

export function operationObject(op: ManifestOperation): JsonObject {
  const item = deref<JsonObject>((bundledSpec.paths as JsonObject)[op.path]);
  return item[op.method.toLowerCase()] as JsonObject;
}

/** Parameters of an operation (path-level and operation-level), dereferenced. */
export function parametersOf(op: ManifestOperation): JsonObject[] {
  const item = deref<JsonObject>((bundledSpec.paths as JsonObject)[op.path]);
  const all = [...((item.parameters as Json[]) ?? []), ...((operationObject(op).parameters as Json[]) ?? [])].map((p) => deref<JsonObject>(p));
  const byKey = new Map(all.map((p) => [`${String(p.in)}:${String(p.name)}`, p]));
  return [...byKey.values()];
}

/** The examples of a media type object: `example`, or every `examples` entry's value. */
/** The query built from the examples of the operation's query parameters (those that have one). */
export function exampleQuery(op: ManifestOperation): Record<string, Json> | undefined {
  const query: Record<string, Json> = {};
  for (const param of parametersOf(op)) {
    if (param.in !== "query") continue;
    const example = param.example ?? (param.schema as JsonObject | undefined)?.example;
    if (example !== undefined) query[String(param.name)] = example;
  }
  return Object.keys(query).length > 0 ? query : undefined;
}

export function examplesOf(media: JsonObject | undefined): Json[] {
  if (!media) return [];
  if ("example" in media) return [media.example as Json];
  if (isObject(media.examples)) return Object.values(media.examples).map((e) => deref<JsonObject>(e).value as Json);
  return [];
}

export function requestBodyMedia(op: ManifestOperation): JsonObject | undefined {
  const body = deref<JsonObject | undefined>(operationObject(op).requestBody);
  return body ? ((body.content as JsonObject)[op.body!.contentType] as JsonObject) : undefined;
}

export function successMedia(op: ManifestOperation): JsonObject | undefined {
  const response = deref<JsonObject>((operationObject(op).responses as JsonObject)[String(op.response.status)]);
  const content = response.content as JsonObject | undefined;
  return content && op.response.contentType ? (content[op.response.contentType] as JsonObject) : undefined;
}

/** Resolves a facade method from its operationId: `gates.rules.create` → sc.gates.rules.create. */
export function facadeMethod(client: object, operationId: string): (...args: unknown[]) => unknown {
  const segments = operationId.split(".");
  let owner: Record<string, unknown> = client as Record<string, unknown>;
  for (const segment of segments.slice(0, -1)) owner = owner[segment] as Record<string, unknown>;
  const method = owner[segments.at(-1)!];
  if (typeof method !== "function") throw new Error(`no facade method for ${operationId}`);
  return (method as (...args: unknown[]) => unknown).bind(owner);
}

/** The operation object with this operationId, with its path and method. */
export function operationById(operationId: string): JsonObject & { path: string; method: string } {
  const op = manifest.operations.find((candidate) => candidate.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId}`);
  return { ...operationObject(op), path: op.path, method: op.method.toLowerCase() };
}

/** A component schema of the bundled spec, by name. */
export function componentSchema(name: string): JsonObject {
  const schema = ((bundledSpec.components as JsonObject).schemas as JsonObject)[name];
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) throw new Error(`no component schema ${name}`);
  return schema as JsonObject;
}
