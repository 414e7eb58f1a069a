// generated/operations.schema.json: the JSON Schema (2020-12) of generated/operations.json, for
// tools that read the manifest in another language. The TypeScript type of the same shape is
// src/manifest.ts; the manifest is built as a value of that type and validated against this
// schema in test/manifest/, so a field added to one and not the other fails there.
import { RESPONSE_KINDS } from "../../src/core/operation.js";

const VALUE_TYPES = ["string", "integer", "number", "boolean", "array", "object"];
const nullable = (schema: object) => ({ anyOf: [schema, { type: "null" }] });
const scalarEnum = nullable({ type: "array", minItems: 1, items: { anyOf: [{ type: "string" }, { type: "number" }, { type: "boolean" }] } });
const specRef = {
  type: "string",
  pattern: "^openapi\\.json#/",
  description: "JSON Reference into openapi.json (next to this file): a component schema or a pointer into the operation.",
};

/** Every property required and no others: each field is always present (null when it does not apply). */
function closed(properties: Record<string, object>, description?: string): object {
  return { type: "object", ...(description ? { description } : {}), required: Object.keys(properties), additionalProperties: false, properties };
}

const parameter = closed(
  {
    name: { type: "string", minLength: 1 },
    in: { enum: ["path", "query"] },
    required: { type: "boolean", description: "Path parameters are always required." },
    type: { enum: VALUE_TYPES },
    items: nullable(closed({ type: { enum: VALUE_TYPES }, enum: scalarEnum }, "For array parameters (sent repeated: tags=a&tags=b): the items' type and allowed values.")),
    enum: { ...scalarEnum, description: "The only values accepted, or null when any value of the type is." },
    description: nullable({ type: "string" }),
    secret: { type: "boolean", description: "x-secret: the value is a secret; keep it out of logs." },
    schema: specRef,
  },
  "A path or query parameter.",
);

const operation = closed({
  operationId: {
    type: "string",
    pattern: "^[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)+$",
    description: "Dotted; also the client method (gates.rules.create → sc.gates.rules.create).",
  },
  method: { enum: ["GET", "POST", "PUT", "PATCH", "DELETE"] },
  path: { type: "string", pattern: "^/", description: "Path template below the base URL, e.g. /console/v1/gates/{id}." },
  summary: nullable({ type: "string" }),
  tags: { type: "array", items: { type: "string" } },
  deprecated: { type: "boolean" },
  pathParams: { type: "array", items: { $ref: "#/$defs/parameter" }, description: "In path order." },
  queryParams: { type: "array", items: { $ref: "#/$defs/parameter" } },
  body: nullable(closed({ required: { type: "boolean" }, contentType: { type: "string" }, schema: specRef })),
  response: closed(
    {
      status: { type: "integer", minimum: 200, maximum: 299 },
      contentType: nullable({ type: "string" }),
      kind: { enum: [...RESPONSE_KINDS], description: "What the client resolves to: the envelope's data, a page of a list, { message }, text, the whole body, or nothing." },
      schema: nullable(specRef),
    },
    "The success response.",
  ),
  errorStatuses: { type: "array", items: { type: "string", pattern: "^[1-5](\\d\\d|XX)$" } },
  pagination: {
    anyOf: [{ const: "page" }, { type: "null" }],
    description: "page: a page-number list (page and limit query parameters; the response's pagination.nextPage names the next page or is null).",
  },
  idempotent: { type: "boolean", description: "Sending it twice has the effect of sending it once; the client retries only these after a response." },
  rateLimitGroup: { type: "string", description: "A key of rateLimitGroups, or none." },
  chunk: nullable(
    closed(
      { field: { type: "string" }, maxItems: { type: "integer", minimum: 1 } },
      "The body array `field` takes at most maxItems entries per request (the client's …InChunks methods split larger ones).",
    ),
  ),
  carriesSecrets: { type: "boolean", description: "Some parameter or field of the request or response is a secret." },
});

const MANIFEST_SCHEMA_ID = "https://github.com/statsig-console-api/statsig-console-api/blob/main/generated/operations.schema.json";

export function manifestSchema(note: string): object {
  return {
    $comment: note,
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: MANIFEST_SCHEMA_ID,
    title: "statsig-console-api operations manifest",
    ...closed({
      $schema: { const: "./operations.schema.json" },
      $comment: { type: "string" },
      manifestVersion: { const: 2 },
      apiVersion: { type: "string", description: "The Console API version (STATSIG-API-VERSION)." },
      rateLimitGroups: {
        type: "object",
        additionalProperties: closed({
          description: { type: "string" },
          windows: {
            type: "array",
            minItems: 1,
            items: closed({ limit: { type: "integer", minimum: 1 }, intervalMs: { type: "integer", minimum: 1 } }, "At most limit requests start in any span of intervalMs."),
          },
        }),
      },
      operations: { type: "array", items: { $ref: "#/$defs/operation" }, description: "Sorted by operationId." },
    }),
    $defs: { parameter, operation },
  };
}
