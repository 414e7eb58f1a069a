// Complete types: every field and query parameter the published reference declares for one of
// our operations is declared by our spec too, unless a recorded decision (x-reference-decisions,
// `omitsReferenceFields`) leaves it out. Checked for the response's `data` and the request body
// (three levels into nested objects and list items) and for the query parameters.
import { describe, expect, it } from "vitest";
import { isObject } from "../../src/core/json.js";
import { deref as derefIn } from "../helpers/spec.js";
import { hasReference, referenceNotice, referenceOperation, type Json, type JsonObject } from "../helpers/reference.js";
import { bundledSpec, manifest, operationObject, parametersOf, type ManifestOperation } from "../helpers/spec.js";

referenceNotice("field completeness against the reference");

const INFORMATIVE = ["$ref", "properties", "items", "allOf", "oneOf", "anyOf"];

/** Properties a schema declares, through references and allOf/oneOf/anyOf; the most specific definition of each wins. */
function propertyMap(doc: JsonObject, schema: Json | undefined, seen = new Set<unknown>()): Map<string, Json> {
  const resolved = derefIn<Json>(schema, doc);
  const out = new Map<string, Json>();
  if (!isObject(resolved) || seen.has(resolved)) return out;
  seen.add(resolved);
  const put = (name: string, value: Json): void => {
    const current = derefIn<Json>(out.get(name), doc);
    if (current === undefined || !isObject(current) || !INFORMATIVE.some((key) => key in current)) out.set(name, value);
  };
  if (isObject(resolved.properties)) for (const [name, value] of Object.entries(resolved.properties)) put(name, value);
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    const parts = resolved[key];
    if (Array.isArray(parts)) for (const part of parts) for (const [name, value] of propertyMap(doc, part, seen)) put(name, value);
  }
  return out;
}

/** The object a schema describes: itself, or its items when it is a list. */
function objectOf(doc: JsonObject, schema: Json | undefined): Json | undefined {
  const resolved = derefIn<Json>(schema, doc);
  return isObject(resolved) && resolved.type === "array" ? derefIn<Json>(resolved.items, doc) : resolved;
}

/** The schema of `data` in an envelope. */
function dataSchema(doc: JsonObject, schema: Json | undefined): Json | undefined {
  return propertyMap(doc, schema).get("data");
}

function jsonSchema(container: Json | undefined, doc: JsonObject): Json | undefined {
  const resolved = derefIn<Json>(container, doc);
  const content = isObject(resolved) ? resolved.content : undefined;
  const media = isObject(content) ? content["application/json"] : undefined;
  return isObject(media) ? media.schema : undefined;
}

/** Field names a recorded decision lists under `key` (omitsReferenceFields or retypesReferenceFields). */
function decided(op: ManifestOperation, key: string): Set<string> {
  const decisions = operationObject(op)["x-reference-decisions"];
  const names = new Set<string>();
  if (Array.isArray(decisions)) {
    for (const decision of decisions) {
      const fields = isObject(decision) ? decision[key] : undefined;
      if (Array.isArray(fields)) for (const field of fields) names.add(String(field));
    }
  }
  return names;
}

/** JSON types a schema allows (integer counts as number; null is ignored: nullability is decided separately). */
function jsonTypes(doc: JsonObject, schema: Json | undefined, seen = new Set<unknown>()): Set<string> {
  const resolved = derefIn<Json>(schema, doc);
  const types = new Set<string>();
  if (!isObject(resolved) || seen.has(resolved)) return types;
  seen.add(resolved);
  const add = (type: unknown): void => {
    if (type === "integer") types.add("number");
    else if (typeof type === "string" && type !== "null") types.add(type);
  };
  if (Array.isArray(resolved.type)) resolved.type.forEach(add);
  else add(resolved.type);
  if (resolved.type === undefined && Array.isArray(resolved.enum)) {
    for (const value of resolved.enum) if (value !== null) add(typeof value);
  }
  if (isObject(resolved.properties)) types.add("object");
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    const parts = resolved[key];
    if (Array.isArray(parts)) for (const part of parts) for (const type of jsonTypes(doc, part, seen)) types.add(type);
  }
  return types;
}

interface Gap {
  operationId: string;
  part: string;
  fields: string[];
}

function gaps(): { missing: Gap[]; staleOmissions: Gap[]; retyped: Gap[]; staleRetypes: Gap[] } {
  const missing: Gap[] = [];
  const staleOmissions: Gap[] = [];
  const retypedFields: Gap[] = [];
  const staleRetypes: Gap[] = [];
  for (const op of manifest.operations) {
    const reference = referenceOperation(op.method, op.path);
    if (!reference) continue;
    const { doc, operation } = reference;
    const ours = operationObject(op);
    const skip = decided(op, "omitsReferenceFields");
    const retypes = decided(op, "retypesReferenceFields");
    const retyped = new Set(retypes); // recorded retypes not yet seen to be needed
    const used = new Set<string>(); // omissions that some part really needs
    const lackingIn = (theirs: Set<string>, mine: Set<string>): string[] => {
      const lacking = [...theirs].filter((name) => !mine.has(name));
      for (const name of lacking) if (skip.has(name)) used.add(name);
      return lacking.filter((name) => !skip.has(name));
    };
    const check = (part: string, theirs: Set<string>, mine: Set<string>): void => {
      if (mine.size === 0) return; // free-form or scalar on our side: nothing to compare
      const lacking = lackingIn(theirs, mine);
      if (lacking.length > 0) missing.push({ operationId: op.operationId, part, fields: lacking });
    };

    const ourStatus = Object.keys(ours.responses as JsonObject)
      .filter((s) => s.startsWith("2"))
      .sort()[0]!;
    const ourData = dataSchema(bundledSpec, jsonSchema((ours.responses as JsonObject)[ourStatus], bundledSpec));
    const compareNested = (part: string, mine: Json | undefined, theirs: Json | undefined, depth: number): void => {
      const myFields = propertyMap(bundledSpec, objectOf(bundledSpec, mine));
      const theirFields = propertyMap(doc, objectOf(doc, theirs));
      if (theirFields.size === 0) return;
      check(part, new Set(theirFields.keys()), new Set(myFields.keys()));
      for (const [name, schema] of myFields) {
        const theirs = theirFields.get(name);
        if (theirs === undefined) continue;
        const mineTypes = jsonTypes(bundledSpec, schema);
        const theirTypes = jsonTypes(doc, theirs);
        if (mineTypes.size > 0 && theirTypes.size > 0 && ![...mineTypes].some((t) => theirTypes.has(t))) {
          if (retypes.has(name)) retyped.delete(name);
          else
            retypedFields.push({ operationId: op.operationId, part: `${part}.${name}: ours ${[...mineTypes].join("|")}, reference ${[...theirTypes].join("|")}`, fields: [name] });
        }
        if (depth < 3) compareNested(`${part}.${name}`, schema, theirs, depth + 1);
      }
    };
    for (const [status, response] of Object.entries((operation.responses as JsonObject) ?? {})) {
      if (!status.startsWith("2")) continue;
      compareNested(`response ${status} data`, ourData, dataSchema(doc, jsonSchema(response, doc)), 1);
    }
    if (operation.requestBody !== undefined && ours.requestBody !== undefined) {
      compareNested("request body", jsonSchema(ours.requestBody, bundledSpec), jsonSchema(operation.requestBody, doc), 1);
    }
    const theirParams = ((operation.parameters as Json[] | undefined) ?? []).map((p) => derefIn<JsonObject>(p, doc)).filter((p) => p.in === "query");
    const ourParams = parametersOf(op).filter((p) => p.in === "query");
    const theirQuery = new Set(theirParams.map((p) => String(p.name)));
    const ourQuery = new Set(ourParams.map((p) => String(p.name)));
    for (const param of ourParams) {
      const theirs = theirParams.find((p) => p.name === param.name);
      if (!theirs) continue;
      const mineTypes = jsonTypes(bundledSpec, param.schema);
      const theirTypes = jsonTypes(doc, theirs.schema);
      const name = String(param.name);
      if (mineTypes.size > 0 && theirTypes.size > 0 && ![...mineTypes].some((t) => theirTypes.has(t))) {
        if (retypes.has(name)) retyped.delete(name);
        else retypedFields.push({ operationId: op.operationId, part: `query ${name}: ours ${[...mineTypes].join("|")}, reference ${[...theirTypes].join("|")}`, fields: [name] });
      }
    }
    const lackingQuery = lackingIn(theirQuery, ourQuery);
    if (lackingQuery.length > 0) missing.push({ operationId: op.operationId, part: "query", fields: lackingQuery });

    if (retyped.size > 0) staleRetypes.push({ operationId: op.operationId, part: "retypesReferenceFields", fields: [...retyped] });
    const stale = [...skip].filter((name) => !used.has(name));
    if (stale.length > 0) staleOmissions.push({ operationId: op.operationId, part: "omitsReferenceFields", fields: stale });
  }
  return { missing, staleOmissions, retyped: retypedFields, staleRetypes };
}

describe.skipIf(!hasReference)("completeness against the reference", () => {
  const result = hasReference ? gaps() : { missing: [], staleOmissions: [], retyped: [], staleRetypes: [] };

  it("declares every field and query parameter the reference declares, or records why not", () => {
    expect(result.missing).toEqual([]);
  });

  it("gives every shared field and query parameter a type the reference allows, or records why not (retypesReferenceFields)", () => {
    expect(result.retyped).toEqual([]);
  });

  it("records no retype that is not needed", () => {
    expect(result.staleRetypes).toEqual([]);
  });

  it("records no omission of a field the spec does declare", () => {
    expect(result.staleOmissions).toEqual([]);
  });
});
