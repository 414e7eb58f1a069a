// The diff's view of a document's operations: what a client sends (parameters, request body) and
// what it receives (success responses), each flattened to field facts. Unlike the generator's
// model it needs no operationIds, so Statsig's own documents read as well as ours.
import { isObject, type JsonObject } from "../../../src/core/json.js";
import { schemaFacts, type SchemaFacts } from "./schema-facts.js";

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

interface DiffParameter {
  in: string;
  name: string;
  required: boolean;
  facts: SchemaFacts;
}

export interface DiffOperation {
  /** `GET /console/v1/gates` */
  key: string;
  method: string;
  path: string;
  operationId: string | null;
  /** `query:limit`, `header:x-respect-review-settings` (header names lower case). */
  parameters: Map<string, DiffParameter>;
  requestBody: { required: boolean; facts: SchemaFacts } | null;
  /** Success (2xx) status → facts of its JSON body (empty when it has none). */
  responses: Map<string, SchemaFacts>;
}

function resolve(doc: JsonObject, value: unknown): unknown {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current.$ref === "string" && current.$ref.startsWith("#/") && hops < 32; hops++) {
    let target: unknown = doc;
    for (const raw of current.$ref.slice(2).split("/")) target = isObject(target) ? target[raw.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
    current = target;
  }
  return current;
}

function jsonSchemaOf(doc: JsonObject, container: unknown): unknown {
  const resolved = resolve(doc, container);
  const content = isObject(resolved) ? resolved.content : undefined;
  if (!isObject(content)) return undefined;
  const type = Object.keys(content).find((name) => name.includes("json")) ?? Object.keys(content)[0];
  const media = type === undefined ? undefined : content[type];
  return isObject(media) ? media.schema : undefined;
}

export function operationsOf(doc: JsonObject): Map<string, DiffOperation> {
  const out = new Map<string, DiffOperation>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolve(doc, rawItem);
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const parameters = new Map<string, DiffParameter>();
      for (const raw of [...shared, ...(Array.isArray(operation.parameters) ? operation.parameters : [])]) {
        const param = resolve(doc, raw);
        if (!isObject(param) || typeof param.name !== "string" || typeof param.in !== "string") continue;
        const name = param.in === "header" ? param.name.toLowerCase() : param.name;
        parameters.set(`${param.in}:${name}`, { in: param.in, name, required: param.required === true, facts: schemaFacts(doc, param.schema) });
      }
      const body = resolve(doc, operation.requestBody);
      const responses = new Map<string, SchemaFacts>();
      for (const [status, response] of Object.entries(isObject(operation.responses) ? operation.responses : {})) {
        if (/^2(\d\d|XX)$/.test(status)) responses.set(status, schemaFacts(doc, jsonSchemaOf(doc, response)));
      }
      const key = `${method.toUpperCase()} ${path}`;
      out.set(key, {
        key,
        method: method.toUpperCase(),
        path,
        operationId: typeof operation.operationId === "string" ? operation.operationId : null,
        parameters,
        requestBody: isObject(body) ? { required: body.required === true, facts: schemaFacts(doc, jsonSchemaOf(doc, body)) } : null,
        responses,
      });
    }
  }
  return out;
}
