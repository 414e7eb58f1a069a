// Strict input: the request body and the query string checked against the operation's request
// schemas; a failure is the API's 400 body with `errors[]` naming the fields.
import { simulatorTable } from "../../../generated/simulator.js";
import { errorResponse } from "./answers.js";
import type { CompactSchema, SchemaNode, SimulatorOperation } from "./table.js";
import { expanded, type FieldError, validateValue } from "./validate.js";

const schemas = simulatorTable.schemas;

function resolve(node: SchemaNode | undefined): CompactSchema {
  let current = expanded(node ?? {});
  for (let depth = 0; current.$ref !== undefined && depth < 16; depth++) current = expanded(schemas[current.$ref] ?? {});
  return current;
}

function declaredTypes(schema: CompactSchema): readonly string[] {
  return schema.type === undefined ? [] : typeof schema.type === "string" ? [schema.type] : schema.type;
}

/** A query value as its schema's type: numbers and booleans are sent as text. */
function converted(raw: string, schema: SchemaNode): unknown {
  const types = declaredTypes(resolve(schema));
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (types.includes("boolean") && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

export function parseQuery(entry: SimulatorOperation, search: URLSearchParams): { query: Record<string, unknown> } | Response {
  const declared = entry.query ?? {};
  const errors: FieldError[] = [];
  const query: Record<string, unknown> = {};
  for (const name of new Set(search.keys())) {
    if (!Object.hasOwn(declared, name)) errors.push({ property: name, errorMessage: `${name} is not a query parameter of this operation` });
  }
  for (const [name, described] of Object.entries(declared)) {
    const required = described.startsWith("!");
    const array = described.slice(required ? 1 : 0).startsWith("*");
    const key = described.slice((required ? 1 : 0) + (array ? 1 : 0));
    const values = search.getAll(name);
    if (values.length === 0) {
      if (required) errors.push({ property: name, errorMessage: `${name} is required` });
      continue;
    }
    const schema: CompactSchema = { $ref: key };
    const value = array ? values.map((raw) => converted(raw, resolve(schema).items ?? {})) : converted(values.at(-1)!, schema);
    errors.push(...validateValue(schemas, schema, value, name));
    query[name] = value;
  }
  return errors.length > 0 ? errorResponse(400, "Invalid query parameters", errors) : { query };
}

export function parseBody(entry: SimulatorOperation, text: string): { body: unknown } | Response {
  if (entry.body === undefined) return { body: undefined };
  const required = entry.body.startsWith("!");
  const schema = required ? entry.body.slice(1) : entry.body;
  if (text.trim() === "") {
    return required ? errorResponse(400, "Invalid request body", [{ property: "body", errorMessage: "a request body is required" }]) : { body: undefined };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return errorResponse(400, "Invalid request body", [{ property: "body", errorMessage: "the request body is not valid JSON" }]);
  }
  const errors = validateValue(schemas, schema, body);
  return errors.length > 0 ? errorResponse(400, "Invalid request body", errors) : { body };
}
