// Builds the generator's model of every operation from the merged document. Everything the
// runtime or the facade needs to know about an operation is decided here, from the spec alone.
import { isObject, type JsonObject } from "../../src/core/json.js";
import { defaultRateLimitGroup, isIdempotentByDefault, RESPONSE_KINDS, UNLIMITED_GROUP, type ResponseKind } from "../../src/core/operation.js";
import { SpecError } from "./load-spec.js";
import type { RateLimitGroupModel } from "./rate-limit-groups.js";

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

interface ParameterModel {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description?: string;
  /** For query parameters: how arrays are written (`explode` repeats the name). */
  array: boolean;
  example?: unknown;
  /** TypeScript type of a path parameter in the facade: a schema component name, a literal union, or string. */
  tsType: string;
  /** `x-secret: true`: the value is a secret (kept out of logs and error messages). */
  secret: boolean;
  /** The parameter's `schema` as written (it may be a reference), and a JSON pointer to the parameter object, for the manifest. */
  schema: unknown;
  pointer: string;
}

interface ChunkModel {
  field: string;
  maxItems: number;
}

export interface OperationModel {
  operationId: string;
  /** Facade path segments: `gates.rules.create` → ["gates", "rules", "create"]. */
  segments: string[];
  method: string; // upper case
  path: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  tags: string[];
  pathParams: ParameterModel[]; // in path order
  queryParams: ParameterModel[];
  headerParams: ParameterModel[];
  body: { required: boolean; contentType: string } | null;
  success: { status: string; contentType: string | null; kind: ResponseKind };
  errorStatuses: string[];
  pagination: "page" | null;
  idempotent: boolean;
  /** A group of `x-rate-limit-groups`, or `none`. */
  rateLimitGroup: string;
  chunk: ChunkModel | null;
  /** Some parameter or field of the operation is marked `x-secret`: no body previews in errors. */
  carriesSecrets: boolean;
  /** `x-bare-data: true`: the API may answer with the `data` value alone, without the envelope. */
  bareData: boolean;
}

/** Follow a local `#/components/...` reference (repeatedly) and return the target. */
export function deref(doc: JsonObject, value: unknown): unknown {
  let current = value;
  for (let depth = 0; isObject(current) && typeof current.$ref === "string"; depth++) {
    if (depth > 32) throw new SpecError(`reference cycle at ${current.$ref}`);
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new SpecError(`only local references are allowed, found ${ref}`);
    let target: unknown = doc;
    for (const raw of ref.slice(2).split("/")) {
      const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      target = isObject(target) ? target[key] : undefined;
    }
    if (target === undefined) throw new SpecError(`unresolved reference ${ref}`);
    current = target;
  }
  return current;
}

/** Whether anything reachable from `node` (following references) is marked `x-secret: true`. */
function mentionsSecret(doc: JsonObject, node: unknown, seen = new Set<unknown>()): boolean {
  const resolved = deref(doc, node);
  if (typeof resolved !== "object" || resolved === null || seen.has(resolved)) return false;
  seen.add(resolved);
  if (isObject(resolved) && resolved["x-secret"] === true) return true;
  const children = Array.isArray(resolved) ? resolved : Object.values(resolved);
  return children.some((child) => mentionsSecret(doc, child, seen));
}

/** Property names a schema declares, looking through `allOf`. */
function declaredProperties(doc: JsonObject, schema: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    const resolved = deref(doc, node);
    if (!isObject(resolved)) return;
    if (isObject(resolved.properties)) for (const name of Object.keys(resolved.properties)) names.add(name);
    if (Array.isArray(resolved.allOf)) for (const part of resolved.allOf) visit(part);
  };
  visit(schema);
  return names;
}

/** RFC 6901: a JSON pointer token. */
export function pointerToken(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** `pointer` is where `raw` sits in the document; a reference moves it to the target. */
function parameterModel(doc: JsonObject, raw: unknown, where: string, pointer: string): ParameterModel {
  const param = deref(doc, raw);
  if (!isObject(param) || typeof param.name !== "string") throw new SpecError(`${where}: malformed parameter`);
  const location = param.in;
  if (location !== "path" && location !== "query" && location !== "header") {
    throw new SpecError(`${where}: parameter ${param.name} is in "${String(location)}", which the client does not support`);
  }
  const schema = deref(doc, param.schema);
  const type = isObject(schema) ? schema.type : undefined;
  const model: ParameterModel = {
    name: param.name,
    in: location,
    required: param.required === true,
    array: type === "array" || (Array.isArray(type) && type.includes("array")),
    tsType: pathParamType(param.schema, schema),
    secret: param["x-secret"] === true,
    schema: param.schema,
    pointer: isObject(raw) && typeof raw.$ref === "string" ? raw.$ref : pointer,
  };
  if (typeof param.description === "string") model.description = param.description;
  if ("example" in param) model.example = param.example;
  return model;
}

function pathParamType(raw: unknown, resolved: unknown): string {
  if (isObject(raw) && typeof raw.$ref === "string" && raw.$ref.startsWith("#/components/schemas/")) {
    const target = isObject(resolved) ? resolved : {};
    if (Array.isArray(target.enum) && target.enum.every((v) => typeof v === "string")) return raw.$ref.slice("#/components/schemas/".length);
  }
  if (isObject(resolved) && Array.isArray(resolved.enum) && resolved.enum.length > 0 && resolved.enum.every((v) => typeof v === "string")) {
    return resolved.enum.map((v) => JSON.stringify(v)).join(" | ");
  }
  return "string";
}

function successResponse(doc: JsonObject, operation: JsonObject, where: string): OperationModel["success"] & { schema: unknown } {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const status = Object.keys(responses)
    .filter((code) => /^2\d\d$/.test(code))
    .sort()[0];
  if (status === undefined) throw new SpecError(`${where}: no 2xx response`);
  const response = deref(doc, responses[status]);
  const content = isObject(response) && isObject(response.content) ? response.content : {};
  const contentTypes = Object.keys(content);
  if (contentTypes.length === 0) return { status, contentType: null, kind: "none", schema: undefined };
  const contentType = contentTypes.includes("application/json") ? "application/json" : contentTypes[0]!;
  const media = content[contentType];
  const schema = isObject(media) ? media.schema : undefined;
  const override = operation["x-response-kind"];
  if (override !== undefined) {
    if (!(RESPONSE_KINDS as readonly unknown[]).includes(override)) {
      throw new SpecError(`${where}: x-response-kind must be one of ${RESPONSE_KINDS.join(", ")}`);
    }
    return { status, contentType, kind: override as ResponseKind, schema };
  }
  if (!contentType.includes("json")) return { status, contentType, kind: "text", schema };
  const properties = declaredProperties(doc, schema);
  const kind: ResponseKind = properties.has("pagination") ? "list" : properties.has("data") ? "data" : properties.has("message") ? "message" : "body";
  return { status, contentType, kind, schema };
}

const OPERATION_ID = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/;

/** `groups` are the spec's `x-rate-limit-groups` (rate-limit-groups.ts): the only groups an operation may count against, besides `none`. */
export function buildOperationModels(doc: JsonObject, groups: readonly RateLimitGroupModel[]): OperationModel[] {
  const groupNames = new Set([UNLIMITED_GROUP, ...groups.map((group) => group.name)]);
  const models: OperationModel[] = [];
  const seen = new Map<string, string>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(doc, rawItem);
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const operationId = operation.operationId;
      if (typeof operationId !== "string" || !OPERATION_ID.test(operationId)) {
        throw new SpecError(`${where}: operationId must be a dotted facade path such as gates.rules.create`);
      }
      const previous = seen.get(operationId);
      if (previous) throw new SpecError(`${where}: operationId ${operationId} is also used by ${previous}`);
      seen.set(operationId, where);

      const byKey = new Map<string, ParameterModel>();
      const own = Array.isArray(operation.parameters) ? operation.parameters : [];
      const pathPointer = `#/paths/${pointerToken(path)}`;
      const located = [
        ...shared.map((raw, i) => [raw, `${pathPointer}/parameters/${i}`] as const),
        ...own.map((raw, i) => [raw, `${pathPointer}/${method}/parameters/${i}`] as const),
      ];
      for (const [raw, pointer] of located) {
        const param = parameterModel(doc, raw, where, pointer);
        byKey.set(`${param.in}:${param.name}`, param);
      }
      const params = [...byKey.values()];
      const templateNames = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
      const pathParams = templateNames.map((name) => {
        const param = params.find((p) => p.in === "path" && p.name === name);
        if (!param) throw new SpecError(`${where}: path parameter {${name}} is not declared`);
        if (!param.required) throw new SpecError(`${where}: path parameter ${name} must be required`);
        return param;
      });
      for (const param of params) {
        if (param.in === "path" && !templateNames.includes(param.name)) {
          throw new SpecError(`${where}: parameter ${param.name} is not in the path template`);
        }
      }

      let body: OperationModel["body"] = null;
      if (operation.requestBody !== undefined) {
        const requestBody = deref(doc, operation.requestBody);
        const content = isObject(requestBody) && isObject(requestBody.content) ? Object.keys(requestBody.content) : [];
        if (content.length === 0) throw new SpecError(`${where}: requestBody without content`);
        body = {
          required: isObject(requestBody) && requestBody.required === true,
          contentType: content.includes("application/json") ? "application/json" : content[0]!,
        };
      }

      const { schema: _schema, ...success } = successResponse(doc, operation, where);
      const pagination = operation["x-pagination"];
      if (pagination !== undefined && pagination !== "page") throw new SpecError(`${where}: x-pagination must be "page"`);
      if (pagination === "page" && success.kind !== "list") {
        throw new SpecError(`${where}: x-pagination: page needs a ListEnvelope response (with pagination)`);
      }
      const upper = method.toUpperCase();
      const idempotent = operation["x-idempotent"];
      if (idempotent !== undefined && typeof idempotent !== "boolean") throw new SpecError(`${where}: x-idempotent must be a boolean`);
      const group: unknown = operation["x-rate-limit-group"] ?? defaultRateLimitGroup(upper);
      if (typeof group !== "string" || !groupNames.has(group)) {
        const named = operation["x-rate-limit-group"] === undefined ? `its method's default rate-limit group, ${String(group)},` : `x-rate-limit-group ${String(group)}`;
        throw new SpecError(`${where}: ${named} is not declared in x-rate-limit-groups (declared: ${[...groupNames].join(", ")})`);
      }
      let chunk: ChunkModel | null = null;
      const rawChunk = operation["x-chunk"];
      if (rawChunk !== undefined) {
        if (!isObject(rawChunk) || typeof rawChunk.field !== "string" || typeof rawChunk.maxItems !== "number" || !body) {
          throw new SpecError(`${where}: x-chunk needs { field, maxItems } and a request body`);
        }
        chunk = { field: rawChunk.field, maxItems: rawChunk.maxItems };
      }
      const responses = isObject(operation.responses) ? Object.keys(operation.responses) : [];
      const bareData = operation["x-bare-data"];
      if (bareData !== undefined && (bareData !== true || success.kind !== "data")) {
        throw new SpecError(`${where}: x-bare-data must be true, on an operation that returns the envelope's data`);
      }
      const model: OperationModel = {
        operationId,
        segments: operationId.split("."),
        method: upper,
        path,
        deprecated: operation.deprecated === true,
        tags: Array.isArray(operation.tags) ? operation.tags.map(String) : [],
        pathParams,
        queryParams: params.filter((p) => p.in === "query"),
        headerParams: params.filter((p) => p.in === "header"),
        body,
        success,
        errorStatuses: responses.filter((code) => !/^2/.test(code)).sort(),
        pagination: pagination === "page" ? "page" : null,
        idempotent: typeof idempotent === "boolean" ? idempotent : isIdempotentByDefault(upper),
        rateLimitGroup: group,
        chunk,
        carriesSecrets: params.some((p) => p.secret) || mentionsSecret(doc, { requestBody: operation.requestBody, responses: operation.responses }),
        bareData: bareData === true,
      };
      if (typeof operation.summary === "string") model.summary = operation.summary;
      if (typeof operation.description === "string") model.description = operation.description;
      models.push(model);
    }
  }
  return models.sort((a, b) => a.operationId.localeCompare(b.operationId));
}
