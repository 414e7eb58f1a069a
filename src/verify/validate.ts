// Checks one response body against our schema for it: Ajv (JSON Schema 2020-12, the dialect of
// OpenAPI 3.1) for required fields, types and enums, and a walk of our own for undeclared fields
// (response objects leave `additionalProperties` open, so Ajv cannot see those). Ajv is a dependency
// of the package that only this entry and the CLI load, on first use.
import { InvalidRequestError } from "../core/errors.js";
import { isObject, type JsonObject } from "../core/json.js";
import { redactSample } from "./redact.js";
import { withoutRequestOnlyConstraints } from "./request-only.js";
import type { Mismatch, MismatchKind } from "./report.js";

interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}
interface AjvValidate {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}
interface AjvInstance {
  addSchema(schema: object, key: string): unknown;
  compile(schema: object): AjvValidate;
}

const SPEC_ID = "https://statsig-console.invalid/openapi.json";
const AJV_VERSION = "8.20.0";

export type ResponseValidator = (body: unknown, options: { secret: boolean }) => Mismatch[];

/** Loads Ajv and registers the spec; a clear error if an install left it out. */
export async function createValidatorFactory(fullSpec: JsonObject): Promise<(pointer: string) => ResponseValidator> {
  const spec = withoutRequestOnlyConstraints(fullSpec);
  let Ajv2020: new (options: object) => AjvInstance;
  try {
    const module = (await import("ajv/dist/2020.js")) as unknown as { Ajv2020?: typeof Ajv2020; default?: typeof Ajv2020 };
    Ajv2020 = (module.Ajv2020 ?? module.default) as typeof Ajv2020;
  } catch {
    throw new InvalidRequestError(`verifyAgainstLive needs Ajv: npm install ajv@${AJV_VERSION}`);
  }
  // Formats are not checked: they are not part of the drift this reports, and would need ajv-formats.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ ...spec, $id: SPEC_ID }, SPEC_ID);
  return (pointer) => {
    const validate = ajv.compile({ $ref: `${SPEC_ID}#${pointer}` });
    const schema = resolvePointer(spec, pointer);
    return (body, { secret }) => {
      const found: RawMismatch[] = [];
      if (!validate(body)) found.push(...fromAjvErrors(validate.errors ?? [], body));
      undeclaredFields(spec, schema, body, "", found);
      return group(found, body, secret);
    };
  };
}

interface RawMismatch {
  kind: MismatchKind;
  /** JSON pointer into the body. */
  pointer: string;
  expected: string;
  present: boolean;
}

function resolvePointer(doc: JsonObject, pointer: string): unknown {
  let target: unknown = doc;
  for (const raw of pointer.replace(/^\//, "").split("/")) target = isObject(target) ? target[raw.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  return target;
}

function deref(doc: JsonObject, schema: unknown): unknown {
  let current = schema;
  for (let hops = 0; isObject(current) && typeof current.$ref === "string" && current.$ref.startsWith("#/") && hops < 32; hops++)
    current = resolvePointer(doc, current.$ref.slice(1));
  return current;
}

/**
 * Ajv reports the errors of every alternative of a failed oneOf/anyOf; only the closest alternative
 * (fewest errors) says what drifted, so the others are dropped.
 */
function fromAjvErrors(errors: readonly AjvError[], body: unknown): RawMismatch[] {
  const unions = errors.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf").sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  const dropped: string[] = [];
  const isDropped = (e: AjvError): boolean => dropped.some((prefix) => e.schemaPath.startsWith(prefix));
  const keepUnion = new Set<AjvError>();
  for (const union of unions) {
    if (isDropped(union)) continue;
    const prefix = `${union.schemaPath}/`;
    const branches = new Map<string, number>();
    for (const e of errors) {
      if (e === union || !e.schemaPath.startsWith(prefix) || isDropped(e)) continue;
      const branch = e.schemaPath.slice(prefix.length).split("/")[0]!;
      branches.set(branch, (branches.get(branch) ?? 0) + 1);
    }
    if (branches.size === 0) {
      keepUnion.add(union); // no alternative failed: several matched
      continue;
    }
    const best = [...branches].sort((a, b) => a[1] - b[1])[0]![0];
    for (const branch of branches.keys()) if (branch !== best) dropped.push(`${prefix}${branch}/`);
  }
  const out: RawMismatch[] = [];
  for (const e of errors) {
    if (isDropped(e) || ((e.keyword === "oneOf" || e.keyword === "anyOf") && !keepUnion.has(e))) continue;
    switch (e.keyword) {
      case "required":
        out.push({ kind: "missing-required-field", pointer: `${e.instancePath}/${String(e.params.missingProperty)}`, expected: "a required field", present: false });
        break;
      case "type":
        out.push({ kind: "unexpected-type", pointer: e.instancePath, expected: String(e.params.type), present: true });
        break;
      case "enum":
        out.push({
          kind: "unknown-enum-value",
          pointer: e.instancePath,
          expected: `one of: ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
          present: true,
        });
        break;
      case "const":
        out.push({ kind: "unknown-enum-value", pointer: e.instancePath, expected: `exactly ${JSON.stringify(e.params.allowedValue)}`, present: true });
        break;
      default:
        out.push({ kind: "constraint", pointer: e.instancePath, expected: `${e.keyword} ${JSON.stringify(e.params)}`, present: valueAt(body, e.instancePath) !== undefined });
    }
  }
  return out;
}

/** Names a schema declares (through $ref, allOf, oneOf, anyOf), and the schemas of each. */
function declared(doc: JsonObject, schema: unknown, out = new Map<string, unknown[]>(), seen = new Set<unknown>()): { fields: Map<string, unknown[]>; open: boolean } {
  const resolved = deref(doc, schema);
  let open = false;
  if (!isObject(resolved) || seen.has(resolved)) return { fields: out, open };
  seen.add(resolved);
  if (isObject(resolved.properties)) for (const [name, s] of Object.entries(resolved.properties)) out.set(name, [...(out.get(name) ?? []), s]);
  if (isObject(resolved.additionalProperties)) open = true;
  for (const key of ["allOf", "oneOf", "anyOf"] as const) {
    const parts = resolved[key];
    if (Array.isArray(parts)) for (const part of parts) if (declared(doc, part, out, seen).open) open = true;
  }
  return { fields: out, open };
}

function itemSchemas(doc: JsonObject, schema: unknown, seen = new Set<unknown>()): unknown[] {
  const resolved = deref(doc, schema);
  if (!isObject(resolved) || seen.has(resolved)) return [];
  seen.add(resolved);
  const out: unknown[] = resolved.items !== undefined ? [resolved.items] : [];
  for (const key of ["allOf", "oneOf", "anyOf"] as const) {
    const parts = resolved[key];
    if (Array.isArray(parts)) for (const part of parts) out.push(...itemSchemas(doc, part, seen));
  }
  return out;
}

/** Fields present in the body that our schema does not declare, where it declares the object's fields at all. */
function undeclaredFields(doc: JsonObject, schemas: unknown, value: unknown, pointer: string, out: RawMismatch[], depth = 0): void {
  if (depth > 24) return;
  if (Array.isArray(value)) {
    const items = itemSchemas(doc, schemas);
    const itemSchema = items.length === 1 ? items[0] : { anyOf: items };
    if (items.length > 0) for (const [index, item] of value.entries()) undeclaredFields(doc, itemSchema, item, `${pointer}/${index}`, out, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  const { fields, open } = declared(doc, schemas);
  if (fields.size === 0) return; // free-form object: nothing declared, nothing undeclared
  const names = [...fields.keys()].sort();
  for (const [name, item] of Object.entries(value)) {
    const own = fields.get(name);
    if (!own) {
      if (!open) out.push({ kind: "undeclared-field", pointer: `${pointer}/${escapePointerSegment(name)}`, expected: `declared fields: ${names.join(", ")}`, present: true });
      continue;
    }
    undeclaredFields(doc, own.length === 1 ? own[0] : { anyOf: own }, item, `${pointer}/${escapePointerSegment(name)}`, out, depth + 1);
  }
}

const escapePointerSegment = (name: string): string => name.replace(/~/g, "~0").replace(/\//g, "~1");

function valueAt(body: unknown, pointer: string): unknown {
  let target = body;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    target = Array.isArray(target) ? target[Number(key)] : isObject(target) ? target[key] : undefined;
  }
  return target;
}

/** `/data/0/rules/3/id` → `data[].rules[].id`. */
function location(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((raw) => (/^\d+$/.test(raw) ? "[]" : `.${raw.replace(/~1/g, "/").replace(/~0/g, "~")}`))
    .join("")
    .replace(/^\./, "");
}

function group(found: readonly RawMismatch[], body: unknown, secret: boolean): Mismatch[] {
  const out = new Map<string, Mismatch>();
  for (const raw of found) {
    const where = location(raw.pointer);
    const key = `${raw.kind}\u0000${where}\u0000${raw.expected}`;
    const existing = out.get(key);
    if (existing) {
      existing.occurrences += 1;
      continue;
    }
    const mismatch: Mismatch = { kind: raw.kind, location: where, expected: raw.expected, occurrences: 1 };
    if (raw.present) mismatch.sample = redactSample(valueAt(body, raw.pointer), secret);
    out.set(key, mismatch);
  }
  return [...out.values()];
}
