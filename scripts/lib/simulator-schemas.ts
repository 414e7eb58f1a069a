// The request schemas the simulator validates input against, made small: only the components the
// request bodies and query parameters reach, with the keywords that only describe left out.
import { type CompactSchema, JSON_TYPES, type SchemaNode } from "../../src/testing/simulator/table.js";
import { isObject, type JsonObject } from "../../src/core/json.js";
import { SpecError } from "./load-spec.js";

const SCHEMA_REF = "#/components/schemas/";
/** Keywords that constrain a value: everything else (descriptions, examples, formats, x- extensions) is left out. */
const KEPT = new Set([
  "type",
  "enum",
  "const",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "allOf",
  "oneOf",
  "anyOf",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "pattern",
]);

/** Collects compact schemas by key: component names for `$ref`s, `~<n>` for inline schemas (deduplicated). */
export class SchemaCollector {
  readonly schemas: Record<string, CompactSchema> = {};
  readonly #inline = new Map<string, string>();
  readonly #doc: JsonObject;

  constructor(doc: JsonObject) {
    this.#doc = doc;
  }

  /** The key under which `schema` (a reference or an inline schema) can be validated against. */
  add(schema: unknown): string {
    if (isObject(schema) && typeof schema.$ref === "string" && Object.keys(schema).every((key) => key === "$ref" || !KEPT.has(key))) {
      return this.#component(schema.$ref);
    }
    const compact = this.#compact(schema);
    const text = JSON.stringify(compact);
    let key = this.#inline.get(text);
    if (key === undefined) {
      key = `~${this.#inline.size}`;
      this.#inline.set(text, key);
      this.schemas[key] = compact;
    }
    return key;
  }

  /**
   * The schemas written small: a schema that only names a JSON type is that type's name
   * (`"string"`), one that only references another is that one's key (`"Gate"`).
   */
  shortened(): Record<string, SchemaNode> {
    const shorten = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(shorten);
      if (!isObject(node)) return node;
      const keys = Object.keys(node);
      if (keys.length === 1 && typeof node.type === "string" && (JSON_TYPES as readonly string[]).includes(node.type)) return node.type;
      if (keys.length === 1 && typeof node.$ref === "string") return node.$ref;
      const out: JsonObject = {};
      for (const [key, child] of Object.entries(node)) {
        out[key] =
          key === "enum" || key === "const" || key === "required" || key === "type"
            ? child
            : key === "properties" && isObject(child)
              ? Object.fromEntries(Object.entries(child).map(([name, part]) => [name, shorten(part)]))
              : shorten(child);
      }
      return out;
    };
    return hoisted(Object.fromEntries(Object.entries(this.schemas).map(([name, schema]) => [name, shorten(schema) as SchemaNode])));
  }

  #component(ref: string): string {
    if (!ref.startsWith(SCHEMA_REF)) throw new SpecError(`simulator: only schema components can be referenced from request schemas, found ${ref}`);
    const name = ref.slice(SCHEMA_REF.length);
    if (name in this.schemas) return name;
    const target = (isObject(this.#doc.components) && isObject(this.#doc.components.schemas) ? this.#doc.components.schemas : {})[name];
    if (target === undefined) throw new SpecError(`simulator: unresolved reference ${ref}`);
    this.schemas[name] = {}; // claimed first: a recursive schema refers to itself
    this.schemas[name] = this.#compact(target);
    return name;
  }

  /** The schema a reference points to (or the schema itself). */
  #target(schema: unknown): JsonObject {
    let current = schema;
    for (let depth = 0; isObject(current) && typeof current.$ref === "string" && depth < 16; depth++) {
      const name = current.$ref.slice(SCHEMA_REF.length);
      current = (isObject(this.#doc.components) && isObject(this.#doc.components.schemas) ? this.#doc.components.schemas : {})[name];
    }
    return isObject(current) ? current : {};
  }

  /** "Known values or any string" (`anyOf: [an enum, { type: string }]`) accepts any string: the known values need not be shipped. */
  #anyString(schema: JsonObject): boolean {
    if (!Array.isArray(schema.anyOf)) return false;
    const parts = schema.anyOf.map((part) => Object.entries(this.#target(part)).filter(([key]) => KEPT.has(key)));
    const isString = (entries: [string, unknown][]) => entries.some(([key, value]) => key === "type" && value === "string");
    return (
      parts.some((entries) => entries.length === 1 && isString(entries)) &&
      parts.every((entries) => isString(entries) && entries.every(([key]) => key === "type" || key === "enum"))
    );
  }

  #compact(schema: unknown): CompactSchema {
    if (!isObject(schema)) return {};
    if (this.#anyString(schema)) return { type: "string" };
    if (typeof schema.$ref === "string") return { $ref: this.#component(schema.$ref) };
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(schema)) {
      if (!KEPT.has(key)) continue;
      if (key === "properties" && isObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, this.#compact(child)]));
      else if ((key === "items" || key === "additionalProperties") && isObject(value)) out[key] = this.#compact(value);
      else if ((key === "allOf" || key === "oneOf" || key === "anyOf") && Array.isArray(value)) out[key] = value.map((part) => this.#compact(part));
      else out[key] = value;
    }
    return out as CompactSchema;
  }
}

/** Keys of nodes whose children are schemas (not data such as `enum` values or `required` names). */
function childSchemas(key: string, child: unknown): unknown[] {
  if (key === "enum" || key === "const" || key === "required" || key === "type") return [];
  if (key === "properties" && isObject(child)) return Object.values(child);
  return Array.isArray(child) ? child : [child];
}

/**
 * Every part that occurs more than once (the same field in a create, an update and a patch body) is
 * kept once under a key of its own (`^0`, `^1`, …) and referenced, where that makes the table smaller.
 */
function hoisted(schemas: Record<string, SchemaNode>): Record<string, SchemaNode> {
  const counts = new Map<string, number>();
  const count = (node: unknown): void => {
    if (!isObject(node)) return;
    const text = JSON.stringify(node);
    counts.set(text, (counts.get(text) ?? 0) + 1);
    for (const [key, child] of Object.entries(node)) for (const part of childSchemas(key, child)) count(part);
  };
  for (const schema of Object.values(schemas)) if (isObject(schema)) for (const [key, child] of Object.entries(schema)) for (const part of childSchemas(key, child)) count(part);
  const shared = new Map<string, string>();
  const out: Record<string, SchemaNode> = {};
  const rewrite = (node: unknown, top: boolean): unknown => {
    if (!isObject(node)) return node;
    const text = JSON.stringify(node);
    const times = counts.get(text) ?? 0;
    if (!top && times > 1 && (times - 1) * (text.length - 5) > 16) {
      let key = shared.get(text);
      if (key === undefined) {
        key = `^${shared.size}`;
        shared.set(text, key);
        out[key] = rewrite(node, true) as SchemaNode;
      }
      return key;
    }
    const copy: JsonObject = {};
    for (const [key, child] of Object.entries(node)) {
      if (childSchemas(key, child).length === 0) copy[key] = child;
      else if (key === "properties" && isObject(child)) copy[key] = Object.fromEntries(Object.entries(child).map(([name, part]) => [name, rewrite(part, false)]));
      else copy[key] = Array.isArray(child) ? child.map((part) => rewrite(part, false)) : rewrite(child, false);
    }
    return copy;
  };
  for (const [name, schema] of Object.entries(schemas)) out[name] = rewrite(schema, true) as SchemaNode;
  return out;
}
