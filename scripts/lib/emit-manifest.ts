// generated/operations.json: the manifest other tools read (documented by
// generated/operations.schema.json and typed by src/manifest.ts). Path and query parameters have
// one shape; bodies and responses point into openapi.json instead of repeating their schemas.
import { isObject, type JsonObject } from "../../src/core/json.js";
import type { HttpMethod } from "../../src/core/operation.js";
import type { ManifestOperation, ManifestParameter, ManifestValueType, OperationsManifest, SpecSchemaRef } from "../../src/manifest.js";
import { deref, pointerToken, type OperationModel } from "./operation-model.js";
import type { RateLimitGroupModel } from "./rate-limit-groups.js";

type Scalar = string | number | boolean;
const VALUE_TYPES: readonly ManifestValueType[] = ["string", "integer", "number", "boolean", "array", "object"];

function specRef(pointer: string): SpecSchemaRef {
  return `openapi.json${pointer}` as SpecSchemaRef;
}

/** The declared JSON type of a schema: its `type` (ignoring "null"), else that of its enum values, else the one type all its anyOf/oneOf members share. */
function valueType(doc: JsonObject, raw: unknown): ManifestValueType {
  const schema = deref(doc, raw);
  if (!isObject(schema)) return "string";
  const declared = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((t): t is ManifestValueType => VALUE_TYPES.includes(t as ManifestValueType));
  if (declared[0]) return declared[0];
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const first = schema.enum[0];
    return typeof first === "number" ? (schema.enum.every(Number.isInteger) ? "integer" : "number") : typeof first === "boolean" ? "boolean" : "string";
  }
  const members = [...(Array.isArray(schema.anyOf) ? schema.anyOf : []), ...(Array.isArray(schema.oneOf) ? schema.oneOf : [])].map((member) => valueType(doc, member));
  return members.length > 0 && members.every((t) => t === members[0]) ? members[0]! : "string";
}

/** A closed set of values (`enum`), or null; a union with an open member (known values or any string) is open. */
function closedEnum(doc: JsonObject, raw: unknown): Scalar[] | null {
  const schema = deref(doc, raw);
  if (!isObject(schema) || !Array.isArray(schema.enum)) return null;
  return schema.enum.filter((v): v is Scalar => typeof v === "string" || typeof v === "number" || typeof v === "boolean");
}

function parameter(doc: JsonObject, p: OperationModel["pathParams"][number], location: "path" | "query"): ManifestParameter {
  const type = valueType(doc, p.schema);
  const resolved = deref(doc, p.schema);
  const items = type === "array" && isObject(resolved) ? { type: valueType(doc, resolved.items), enum: closedEnum(doc, resolved.items) } : null;
  const schemaPointer = isObject(p.schema) && typeof p.schema.$ref === "string" ? p.schema.$ref : `${p.pointer}/schema`;
  return {
    name: p.name,
    in: location,
    required: p.required,
    type,
    items,
    enum: closedEnum(doc, p.schema),
    description: p.description ?? null,
    secret: p.secret,
    schema: specRef(schemaPointer),
  };
}

/** Where a media type's schema is: the component it references, or the pointer through the (possibly referenced) request body or response. */
function mediaSchemaRef(doc: JsonObject, pointer: string, contentType: string): SpecSchemaRef | null {
  let at = pointer;
  let node = resolvePointer(doc, at);
  if (isObject(node) && typeof node.$ref === "string") {
    at = node.$ref;
    node = deref(doc, node);
  }
  const media = isObject(node) && isObject(node.content) ? node.content[contentType] : undefined;
  const schema = isObject(media) ? media.schema : undefined;
  if (!isObject(schema)) return null;
  return specRef(typeof schema.$ref === "string" ? schema.$ref : `${at}/content/${pointerToken(contentType)}/schema`);
}

function resolvePointer(doc: JsonObject, pointer: string): unknown {
  let node: unknown = doc;
  for (const raw of pointer.slice(2).split("/")) node = isObject(node) ? node[raw.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  return node;
}

function operation(doc: JsonObject, m: OperationModel): ManifestOperation {
  const at = `#/paths/${pointerToken(m.path)}/${m.method.toLowerCase()}`;
  const bodySchema = m.body ? mediaSchemaRef(doc, `${at}/requestBody`, m.body.contentType) : null;
  return {
    operationId: m.operationId,
    method: m.method as HttpMethod,
    path: m.path,
    summary: m.summary ?? null,
    tags: m.tags,
    deprecated: m.deprecated,
    pathParams: m.pathParams.map((p) => parameter(doc, p, "path")),
    queryParams: m.queryParams.map((p) => parameter(doc, p, "query")),
    body: m.body ? { required: m.body.required, contentType: m.body.contentType, schema: bodySchema ?? specRef(`${at}/requestBody`) } : null,
    response: {
      status: Number(m.success.status),
      contentType: m.success.contentType,
      kind: m.success.kind,
      schema: m.success.contentType ? mediaSchemaRef(doc, `${at}/responses/${m.success.status}`, m.success.contentType) : null,
    },
    errorStatuses: m.errorStatuses,
    pagination: m.pagination,
    idempotent: m.idempotent,
    rateLimitGroup: m.rateLimitGroup,
    chunk: m.chunk,
    carriesSecrets: m.carriesSecrets,
  };
}

/** `doc` is the published openapi.json, which every schema reference points into. */
export function emitManifest(doc: JsonObject, models: OperationModel[], groups: readonly RateLimitGroupModel[], apiVersion: string, note: string): string {
  const manifest: OperationsManifest = {
    $comment: note,
    $schema: "./operations.schema.json",
    manifestVersion: 2,
    apiVersion,
    rateLimitGroups: Object.fromEntries(groups.map((g) => [g.name, { description: g.description, windows: g.windows }])),
    operations: models.map((m) => operation(doc, m)),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
