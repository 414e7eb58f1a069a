// A small JSON Schema validator over the subset the spec's request schemas use (CompactSchema).
// It reports failures the way the API's 400 body does: the field (a dotted path) and why.
import { isObject } from "../../core/json.js";
import { type CompactSchema, JSON_TYPES, type SchemaNode } from "./table.js";

export interface FieldError {
  property: string;
  errorMessage: string;
}

type Schemas = Readonly<Record<string, SchemaNode>>;

/** The long form of a schema node (see SchemaNode). */
export function expanded(node: SchemaNode): CompactSchema {
  if (typeof node !== "string") return node;
  return (JSON_TYPES as readonly string[]).includes(node) ? { type: node } : { $ref: node };
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

function describe(path: string): string {
  return path === "" ? "the body" : path;
}

function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "" ? key : `${path}.${key}`;
}

/** Failures of `value` against `schema`; empty when it is valid. Stops descending at the first failing keyword of a node. */
export function validateValue(schemas: Schemas, node: SchemaNode, value: unknown, path = "", depth = 0): FieldError[] {
  if (depth > 64) return [];
  const schema = expanded(node);
  const fail = (why: string): FieldError[] => [{ property: describe(path), errorMessage: `${describe(path)} ${why}` }];
  if (schema.$ref !== undefined) {
    const target = schemas[schema.$ref];
    return target !== undefined ? validateValue(schemas, target, value, path, depth + 1) : [];
  }
  if (schema.type !== undefined) {
    const types = typeof schema.type === "string" ? [schema.type] : schema.type;
    if (!types.some((type) => hasType(value, type))) return fail(`must be ${types.join(" or ")}`);
  }
  if (schema.const !== undefined && JSON.stringify(schema.const) !== JSON.stringify(value)) return fail(`must be ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))) {
    return fail(`must be one of ${schema.enum.map((option) => JSON.stringify(option)).join(", ")}`);
  }
  const errors: FieldError[] = [];
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) return fail(`must be at least ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) return fail(`must be at most ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return fail(`must be greater than ${schema.exclusiveMinimum}`);
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return fail(`must be less than ${schema.exclusiveMaximum}`);
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength) return fail(`must be at least ${schema.minLength} characters long`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return fail(`must be at most ${schema.maxLength} characters long`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) return fail(`must match ${schema.pattern}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return fail(`must have at least ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return fail(`must have at most ${schema.maxItems} items`);
    if (schema.items !== undefined) {
      for (const [index, item] of value.entries()) errors.push(...validateValue(schemas, schema.items, item, join(path, index), depth + 1));
    }
  }
  if (isObject(value)) {
    for (const name of schema.required ?? []) if (!(name in value)) errors.push({ property: join(path, name), errorMessage: `${join(path, name)} is required` });
    const properties = schema.properties ?? {};
    for (const [name, child] of Object.entries(value)) {
      const declared = properties[name];
      if (declared) errors.push(...validateValue(schemas, declared, child, join(path, name), depth + 1));
      else if (schema.additionalProperties === false) errors.push({ property: join(path, name), errorMessage: `${join(path, name)} is not an accepted field` });
      else if (schema.additionalProperties !== undefined && schema.additionalProperties !== true)
        errors.push(...validateValue(schemas, schema.additionalProperties, child, join(path, name), depth + 1));
    }
  }
  for (const part of schema.allOf ?? []) errors.push(...validateValue(schemas, part, value, path, depth + 1));
  if (schema.anyOf && !schema.anyOf.some((part) => validateValue(schemas, part, value, path, depth + 1).length === 0)) {
    errors.push(...fail("matches none of the accepted forms"));
  }
  if (schema.oneOf) {
    const results = schema.oneOf.map((part) => validateValue(schemas, part, value, path, depth + 1));
    const passing = results.filter((result) => result.length === 0).length;
    // One form failing on fewer fields is the one the caller most likely meant: its failures name the fields.
    if (passing === 0) errors.push(...results.reduce((best, result) => (result.length < best.length ? result : best)));
    else if (passing > 1) errors.push(...fail("matches more than one of the accepted forms"));
  }
  return errors;
}
