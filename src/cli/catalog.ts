// Every CLI command, derived from the operation manifest and the spec: names, help text,
// parameters with their types and enums, the body's schema and example. Nothing here names an
// operation: a new operation in the spec is a new command.
import type { HttpMethod, ResponseKind } from "../core/operation.js";
import { isObject, type JsonObject } from "../core/json.js";
import { commandWords, inChunksName } from "./names.js";
import type { ManifestParameter } from "../manifest.js";
import { deref, manifestOperations, refName, specOperation, type ManifestOperation } from "./spec-json.js";

type ScalarType = "string" | "integer" | "number" | "boolean";

export interface ParameterInfo {
  name: string;
  description: string;
  required: boolean;
  type: ScalarType;
  /** Repeated (`--tags a --tags b`). */
  array: boolean;
  /** Allowed values, when the spec lists them. */
  enum: readonly string[] | undefined;
  /** The spec's example value, for help. */
  example: unknown;
}

interface BodyInfo {
  required: boolean;
  description: string;
  /** JSON pointer of the body schema in the bundled spec. */
  schemaPointer: readonly string[];
  schemaName: string | undefined;
  example: unknown;
  /** Top-level fields of an object body, for help. */
  fields: readonly { name: string; type: string; required: boolean; description: string }[];
}

export interface CliOperation {
  /** The facade path: `segments.idList.add`. */
  operationId: string;
  /** Words after the bin name: ["segments", "id-list", "add"] (`add-in-chunks` for a chunked twin). */
  words: readonly string[];
  /** The facade method to call (`addInChunks` for a chunked twin). */
  facadePath: readonly string[];
  method: HttpMethod;
  path: string;
  summary: string;
  description: string;
  deprecated: boolean;
  pathParams: readonly ParameterInfo[];
  queryParams: readonly ParameterInfo[];
  body: BodyInfo | undefined;
  response: ResponseKind;
  paginated: boolean;
  chunk: { field: string; maxItems: number } | undefined;
}

function scalarType(schema: JsonObject): ScalarType {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  for (const type of ["integer", "number", "boolean"] as const) if (types.includes(type)) return type;
  return "string";
}

function enumOf(schema: JsonObject): string[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.filter((value) => value !== null).map(String);
  return undefined;
}

function parameterInfo(raw: JsonObject): ParameterInfo {
  const schema = deref(raw.schema);
  const array = schema.type === "array";
  const itemSchema = array ? deref(schema.items) : schema;
  return {
    name: String(raw.name),
    description: typeof raw.description === "string" ? raw.description : "",
    required: raw.required === true,
    type: scalarType(itemSchema),
    array,
    enum: enumOf(itemSchema),
    example: raw.example ?? schema.example,
  };
}

/** A short type for help: `string`, `integer[]`, `"a" | "b"`, `Rule[]`. */
function typeLabel(node: unknown): string {
  const name = refName(node);
  const schema = deref(node);
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (schema.type === "array") return `${typeLabel(schema.items)}[]`;
  if (name) return name;
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) return ((schema.oneOf ?? schema.anyOf) as unknown[]).map(typeLabel).join(" | ");
  return "any";
}

function firstExample(media: JsonObject): unknown {
  if ("example" in media) return media.example;
  const examples = media.examples;
  if (isObject(examples)) {
    const first = Object.values(examples)[0];
    if (isObject(first)) return first.value;
  }
  return undefined;
}

function bodyInfo(operation: JsonObject, manifest: ManifestOperation): BodyInfo | undefined {
  if (!manifest.body) return undefined;
  const requestBody = deref(operation.requestBody);
  const content = isObject(requestBody.content) ? requestBody.content : {};
  const media = isObject(content[manifest.body.contentType]) ? (content[manifest.body.contentType] as JsonObject) : {};
  const schema = deref(media.schema);
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const properties = isObject(schema.properties) ? schema.properties : {};
  const fields = Object.entries(properties).map(([name, node]) => ({
    name,
    type: typeLabel(node),
    required: required.has(name),
    description: typeof deref(node).description === "string" ? String(deref(node).description) : "",
  }));
  return {
    required: manifest.body.required,
    description: typeof requestBody.description === "string" ? requestBody.description : "",
    schemaPointer: ["paths", manifest.path, manifest.method.toLowerCase(), "requestBody", "content", manifest.body.contentType, "schema"],
    schemaName: refName(media.schema),
    example: firstExample(media),
    fields,
  };
}

function cliOperations(manifest: ManifestOperation): CliOperation[] {
  const operation = specOperation(manifest.method, manifest.path);
  const parameters = (Array.isArray(operation.parameters) ? operation.parameters : []).map(deref);
  const byLocation = (location: string): ParameterInfo[] => parameters.filter((p) => p.in === location).map(parameterInfo);
  const pathInfo = byLocation("path");
  // The spec's own parameter objects carry examples for help; the manifest's entry is the fallback.
  const fromManifest = (parameter: ManifestParameter): ParameterInfo => ({
    name: parameter.name,
    description: parameter.description ?? "",
    required: parameter.required,
    type: "string",
    array: parameter.type === "array",
    enum: undefined,
    example: undefined,
  });
  const pathParams = manifest.pathParams.map((param) => pathInfo.find((p) => p.name === param.name) ?? fromManifest(param));
  const queryInfo = byLocation("query");
  const queryParams = manifest.queryParams.map((param) => queryInfo.find((p) => p.name === param.name) ?? fromManifest(param));
  const words = commandWords(manifest.operationId);
  const base: CliOperation = {
    operationId: manifest.operationId,
    words,
    facadePath: manifest.operationId.split("."),
    method: manifest.method,
    path: manifest.path,
    summary: manifest.summary ?? "",
    description: typeof operation.description === "string" ? operation.description : "",
    deprecated: manifest.deprecated,
    pathParams,
    queryParams,
    body: bodyInfo(operation, manifest),
    response: manifest.response.kind,
    paginated: manifest.pagination !== null,
    chunk: undefined,
  };
  if (!manifest.chunk) return [base];
  const facadePath = [...base.facadePath.slice(0, -1), inChunksName(base.facadePath.at(-1) ?? "")];
  const twin: CliOperation = {
    ...base,
    words: commandWords(facadePath.join(".")),
    facadePath,
    summary: `${manifest.summary ?? manifest.operationId}, ${manifest.chunk.maxItems} per request`,
    chunk: manifest.chunk,
  };
  return [base, twin];
}

let catalog: readonly CliOperation[] | undefined;

/** Every command: one per operation, plus a chunked twin for each operation the spec marks with `x-chunk`. */
export function operationCatalog(): readonly CliOperation[] {
  catalog ??= manifestOperations.flatMap(cliOperations);
  return catalog;
}
