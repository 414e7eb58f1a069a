// The request schemas the simulator validates input against, made small: only the components the
// request bodies and query parameters reach, with the keywords that only describe left out.
import type { CompactSchema } from "../../src/testing/simulator/table.js";
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

  #compact(schema: unknown): CompactSchema {
    if (!isObject(schema)) return {};
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
