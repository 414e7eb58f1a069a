// Flattens a schema into what a client can observe of each field: its JSON types, nullability,
// enum values and whether its parent requires it, keyed by a path such as `rules[].conditions[].type`.
// Looks through `$ref`, `allOf` (parts constrain together) and `oneOf`/`anyOf` (alternatives are
// united); understands 3.0 `nullable` and 3.1 `type: [..., "null"]` alike.
import { isObject, type JsonObject } from "../../../src/core/json.js";

export interface FieldFacts {
  /** JSON types other than null, sorted; empty when the schema does not say (any value). */
  types: string[];
  nullable: boolean;
  /** Allowed non-null values (JSON-encoded), sorted; null when any value of the types is allowed. */
  enum: string[] | null;
  /** Whether the enclosing object requires the field (always true for the root and for list items). */
  required: boolean;
  /** An object or untyped schema that declares no properties: its fields are not described. */
  freeForm: boolean;
}

/** Field path → facts; `""` is the schema itself, `a.b` a property, `a[]` list items, `a{}` map values. */
export type SchemaFacts = Map<string, FieldFacts>;

const MAX_DEPTH = 12;

interface Node {
  types: Set<string>;
  nullable: boolean;
  enum: Set<string> | null;
  properties: Map<string, unknown[]>;
  required: Set<string>;
  items: unknown[];
  values: unknown[];
  refs: Set<string>;
}

function emptyNode(): Node {
  return { types: new Set(), nullable: false, enum: null, properties: new Map(), required: new Set(), items: [], values: [], refs: new Set() };
}

function resolve(doc: JsonObject, schema: unknown, refs: Set<string>): unknown {
  let current = schema;
  for (let hops = 0; isObject(current) && typeof current.$ref === "string" && hops < 32; hops++) {
    const ref = current.$ref;
    refs.add(ref);
    let target: unknown = doc;
    if (ref.startsWith("#/")) {
      for (const raw of ref.slice(2).split("/")) target = isObject(target) ? target[raw.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
    } else target = undefined;
    current = target;
  }
  return current;
}

function addAlternative(map: Map<string, unknown[]>, name: string, schema: unknown): void {
  const list = map.get(name);
  if (list) list.push(schema);
  else map.set(name, [schema]);
}

/** Reads one schema (with its allOf parts and oneOf/anyOf alternatives) into a node. */
function nodeOf(doc: JsonObject, schema: unknown, stack: readonly string[]): Node {
  const node = emptyNode();
  const resolved = resolve(doc, schema, node.refs);
  if (!isObject(resolved)) return node;
  // A component met twice on the way down is a real cycle (once may be a reuse at another level): stop describing here.
  for (const ref of node.refs) if (stack.filter((r) => r === ref).length >= 2) return node;
  const inner = [...stack, ...node.refs];

  const type = resolved.type;
  for (const t of Array.isArray(type) ? type : type === undefined ? [] : [type]) {
    if (t === "null") node.nullable = true;
    else if (typeof t === "string") node.types.add(t);
  }
  if (resolved.nullable === true) node.nullable = true;
  if (Array.isArray(resolved.enum)) {
    node.enum = new Set();
    for (const value of resolved.enum) {
      if (value === null) node.nullable = true;
      else {
        node.enum.add(JSON.stringify(value));
        if (type === undefined) node.types.add(typeof value);
      }
    }
  }
  if ("const" in resolved) {
    if (resolved.const === null) node.nullable = true;
    else node.enum = new Set([JSON.stringify(resolved.const)]);
  }
  if (isObject(resolved.properties)) {
    if (type === undefined) node.types.add("object");
    for (const [name, value] of Object.entries(resolved.properties)) addAlternative(node.properties, name, value);
  }
  if (Array.isArray(resolved.required)) for (const name of resolved.required) node.required.add(String(name));
  if (resolved.items !== undefined) {
    if (type === undefined) node.types.add("array");
    node.items.push(resolved.items);
  }
  if (isObject(resolved.additionalProperties)) node.values.push(resolved.additionalProperties);

  if (Array.isArray(resolved.allOf)) {
    for (const part of resolved.allOf) {
      const child = nodeOf(doc, part, inner);
      // Parts constrain together: the most specific description of a property wins, requirements add up.
      for (const [name, schemas] of child.properties) node.properties.set(name, schemas);
      for (const name of child.required) node.required.add(name);
      for (const t of child.types) node.types.add(t);
      if (child.nullable) node.nullable = true;
      if (child.enum) node.enum = child.enum;
      if (child.items.length > 0) node.items = child.items;
      node.values.push(...child.values);
      for (const ref of child.refs) node.refs.add(ref);
    }
  }
  for (const key of ["oneOf", "anyOf"] as const) {
    const alternatives = resolved[key];
    if (!Array.isArray(alternatives)) continue;
    const children = alternatives.map((alternative) => nodeOf(doc, alternative, inner));
    const objects = children.filter((child) => child.properties.size > 0);
    for (const child of children) {
      for (const [name, schemas] of child.properties) for (const s of schemas) addAlternative(node.properties, name, s);
      for (const t of child.types) node.types.add(t);
      if (child.nullable) node.nullable = true;
      if (child.enum) node.enum = new Set([...(node.enum ?? []), ...child.enum]);
      node.items.push(...child.items);
      node.values.push(...child.values);
    }
    // An alternative that is a plain value opens the enum; a field is required only if every object form requires it.
    if (children.some((child) => child.enum === null && child.types.size > 0 && !child.types.has("object") && !child.types.has("array"))) node.enum = null;
    for (const [name] of node.properties) if (objects.length > 0 && objects.every((child) => child.required.has(name))) node.required.add(name);
  }
  return node;
}

/** Several alternative schemas of one field, united. */
function unite(doc: JsonObject, schemas: readonly unknown[], stack: readonly string[]): Node {
  if (schemas.length === 1) return nodeOf(doc, schemas[0], stack);
  const node = emptyNode();
  let anyOpen = false;
  for (const schema of schemas) {
    const child = nodeOf(doc, schema, stack);
    for (const t of child.types) node.types.add(t);
    if (child.nullable) node.nullable = true;
    if (child.enum) node.enum = new Set([...(node.enum ?? []), ...child.enum]);
    else if (child.types.size > 0) anyOpen = true;
    for (const [name, list] of child.properties) for (const s of list) addAlternative(node.properties, name, s);
    for (const name of child.required) node.required.add(name);
    node.items.push(...child.items);
    node.values.push(...child.values);
    for (const ref of child.refs) node.refs.add(ref);
  }
  if (anyOpen) node.enum = null;
  return node;
}

export function schemaFacts(doc: JsonObject, schema: unknown): SchemaFacts {
  const out: SchemaFacts = new Map();
  const visit = (schemas: readonly unknown[], path: string, required: boolean, stack: readonly string[], depth: number): void => {
    const node = unite(doc, schemas, stack);
    const objectLike = node.types.size === 0 || node.types.has("object");
    out.set(path, {
      types: [...node.types].sort(),
      nullable: node.nullable,
      enum: node.enum ? [...node.enum].sort() : null,
      required,
      freeForm: objectLike && node.properties.size === 0 && node.items.length === 0 && node.enum === null,
    });
    if (depth >= MAX_DEPTH) return;
    const inner = [...stack, ...node.refs];
    for (const [name, list] of node.properties) visit(list, path === "" ? name : `${path}.${name}`, node.required.has(name), inner, depth + 1);
    if (node.items.length > 0) visit(node.items, `${path}[]`, true, inner, depth + 1);
    if (node.values.length > 0) visit(node.values, `${path}{}`, true, inner, depth + 1);
  };
  if (schema !== undefined) visit([schema], "", true, [], 0);
  return out;
}
