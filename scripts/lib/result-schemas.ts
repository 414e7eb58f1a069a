// Which schema component an operation's result is, when it is one. Results come wrapped:
// `allOf: [{ $ref: DataEnvelope }, { properties: { data: { $ref: Gate } } }]`, where the envelope
// declares `data: unknown`. Read through the envelope (`…["data"]`), TypeScript computes
// `unknown & Gate`, and when Gate is itself an intersection (`AuditFields & {…}`) that is a new,
// unnamed intersection: editors would show every field instead of `Gate`. So types.ts names the
// component directly whenever the spec says the result is exactly that component.
import type { JsonObject } from "./load-spec.js";
import { deref, type OperationModel } from "./operation-model.js";

const SCHEMA_REF = "#/components/schemas/";
/** Keywords that only describe: a schema with nothing else accepts anything (TypeScript `unknown`). */
const ANNOTATIONS = new Set(["description", "title", "example", "examples", "deprecated"]);

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function onlyAnnotations(schema: JsonObject, except: string[] = []): boolean {
  return Object.keys(schema).every((key) => ANNOTATIONS.has(key) || except.includes(key));
}

/** `{ $ref: "#/components/schemas/Gate" }` (and annotations) → `Gate`. */
function componentName(schema: unknown): string | undefined {
  if (!isObject(schema) || typeof schema.$ref !== "string" || !schema.$ref.startsWith(SCHEMA_REF) || !onlyAnnotations(schema, ["$ref"])) return undefined;
  const name = schema.$ref.slice(SCHEMA_REF.length);
  return name.includes("/") ? undefined : name;
}

/** The declarations of the `data` property in `schema` (through references and `allOf`), and whether one part requires it. */
function dataProperty(doc: JsonObject, schema: unknown): { schemas: unknown[]; required: boolean } {
  const schemas: unknown[] = [];
  let required = false;
  const visit = (node: unknown, depth: number): void => {
    const resolved = deref(doc, node);
    if (!isObject(resolved) || depth > 32) return;
    if (isObject(resolved.properties) && "data" in resolved.properties) schemas.push(resolved.properties.data);
    if (Array.isArray(resolved.required) && resolved.required.includes("data")) required = true;
    if (Array.isArray(resolved.allOf)) for (const part of resolved.allOf) visit(part, depth + 1);
  };
  visit(schema, 0);
  return { schemas, required };
}

/** The success schema of `model` in `doc`. */
function successSchema(doc: JsonObject, model: OperationModel): unknown {
  const item = deref(doc, (doc.paths as JsonObject | undefined)?.[model.path]);
  const operation = isObject(item) ? item[model.method.toLowerCase()] : undefined;
  const responses = isObject(operation) && isObject(operation.responses) ? operation.responses : {};
  const response = deref(doc, responses[model.success.status]);
  const content = isObject(response) && isObject(response.content) ? response.content : {};
  const media = content[model.success.contentType ?? ""];
  return isObject(media) ? media.schema : undefined;
}

/** A result that is a schema component, or an array of one. */
export interface ResultComponent {
  component: string;
  array: boolean;
}

/**
 * The component a `data` result is (or an array of), or the component each item of a `list`
 * result is; undefined when the result is anything else (an inline schema, a union, an optional
 * `data`), and for the other kinds of result.
 */
export function resultComponent(doc: JsonObject, model: OperationModel): ResultComponent | undefined {
  if (model.success.kind !== "data" && model.success.kind !== "list") return undefined;
  const { schemas, required } = dataProperty(doc, successSchema(doc, model));
  // Every other declaration of `data` (the envelope's) must accept anything, or any array, so
  // that the intersection of them all is the component (or an array of it).
  const narrowing = schemas.filter((schema) => !acceptsAll(schema));
  if (!required || narrowing.length !== 1) return undefined;
  const [data] = narrowing;
  const items = arrayOf(data);
  if (model.success.kind === "list") return items === undefined ? undefined : { component: items, array: false };
  if (items !== undefined) return { component: items, array: true };
  // A single component: only if no other declaration asks for an array.
  const component = componentName(data);
  const othersAcceptAnything = schemas.every((schema) => schema === data || schema === true || (isObject(schema) && onlyAnnotations(schema)));
  return component !== undefined && othersAcceptAnything ? { component, array: false } : undefined;
}

/** `{ type: array, items: { $ref: …/Gate } }` → `Gate`. */
function arrayOf(schema: unknown): string | undefined {
  return isObject(schema) && schema.type === "array" && onlyAnnotations(schema, ["type", "items"]) ? componentName(schema.items) : undefined;
}

/** A declaration of `data` that accepts any value, or any array. */
function acceptsAll(schema: unknown): boolean {
  // The boolean schema `true` is JSON Schema's "anything" too.
  if (schema === true) return true;
  if (!isObject(schema)) return false;
  if (onlyAnnotations(schema)) return true;
  return schema.type === "array" && onlyAnnotations(schema, ["type", "items"]) && (schema.items === undefined || (isObject(schema.items) && onlyAnnotations(schema.items)));
}
