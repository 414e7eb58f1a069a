// Complete types: every field and query parameter the published reference declares for one of
// our operations is declared by our spec too, unless a recorded decision (x-reference-decisions,
// `omitsReferenceFields`) leaves it out. Checked for the response's `data` item, the request
// body and the query parameters, one level deep.
import { describe, expect, it } from "vitest";
import { deref as derefIn } from "../helpers/spec.js";
import { hasReference, referenceNotice, referenceOperation, type Json, type JsonObject } from "../helpers/reference.js";
import { bundledSpec, manifest, operationObject, parametersOf, type ManifestOperation } from "../helpers/spec.js";

referenceNotice("field completeness against the reference");

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Property names a schema declares, through references and allOf/oneOf/anyOf. */
function properties(doc: JsonObject, schema: Json | undefined, seen = new Set<unknown>()): Set<string> {
  const resolved = derefIn<Json>(schema, doc);
  const names = new Set<string>();
  if (!isObject(resolved) || seen.has(resolved)) return names;
  seen.add(resolved);
  if (isObject(resolved.properties)) for (const name of Object.keys(resolved.properties)) names.add(name);
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    const parts = resolved[key];
    if (Array.isArray(parts)) for (const part of parts) for (const name of properties(doc, part, seen)) names.add(name);
  }
  return names;
}

/** The schema of `data` in an envelope (the item schema when `data` is a list). */
function dataSchema(doc: JsonObject, schema: Json | undefined): Json | undefined {
  const resolved = derefIn<Json>(schema, doc);
  if (!isObject(resolved)) return undefined;
  if (isObject(resolved.properties) && "data" in resolved.properties) {
    const data = derefIn<Json>(resolved.properties.data, doc);
    return isObject(data) && data.type === "array" ? (data.items as Json) : data;
  }
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    const parts = resolved[key];
    if (Array.isArray(parts)) {
      for (const part of parts) {
        const found = dataSchema(doc, part);
        if (found !== undefined) return found;
      }
    }
  }
  return undefined;
}

function jsonSchema(container: Json | undefined, doc: JsonObject): Json | undefined {
  const resolved = derefIn<Json>(container, doc);
  const content = isObject(resolved) ? resolved.content : undefined;
  const media = isObject(content) ? content["application/json"] : undefined;
  return isObject(media) ? media.schema : undefined;
}

function omitted(op: ManifestOperation): Set<string> {
  const decisions = operationObject(op)["x-reference-decisions"];
  const names = new Set<string>();
  if (Array.isArray(decisions)) {
    for (const decision of decisions) {
      const fields = isObject(decision) ? decision.omitsReferenceFields : undefined;
      if (Array.isArray(fields)) for (const field of fields) names.add(String(field));
    }
  }
  return names;
}

interface Gap {
  operationId: string;
  part: string;
  fields: string[];
}

function gaps(): { missing: Gap[]; staleOmissions: Gap[] } {
  const missing: Gap[] = [];
  const staleOmissions: Gap[] = [];
  for (const op of manifest.operations) {
    const reference = referenceOperation(op.method, op.path);
    if (!reference) continue;
    const { doc, operation } = reference;
    const ours = operationObject(op);
    const skip = omitted(op);
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

    const ourStatus = Object.keys(ours.responses as JsonObject).filter((s) => s.startsWith("2")).sort()[0]!;
    const ourData = properties(bundledSpec, dataSchema(bundledSpec, jsonSchema((ours.responses as JsonObject)[ourStatus], bundledSpec)));
    for (const [status, response] of Object.entries((operation.responses as JsonObject) ?? {})) {
      if (!status.startsWith("2")) continue;
      check(`response ${status} data`, properties(doc, dataSchema(doc, jsonSchema(response, doc))), ourData);
    }
    if (operation.requestBody !== undefined && ours.requestBody !== undefined) {
      check("request body", properties(doc, jsonSchema(operation.requestBody, doc)), properties(bundledSpec, jsonSchema(ours.requestBody, bundledSpec)));
    }
    const theirQuery = new Set(
      ((operation.parameters as Json[] | undefined) ?? []).map((p) => derefIn<JsonObject>(p, doc)).filter((p) => p.in === "query").map((p) => String(p.name)),
    );
    const ourQuery = new Set(parametersOf(op).filter((p) => p.in === "query").map((p) => String(p.name)));
    const lackingQuery = lackingIn(theirQuery, ourQuery);
    if (lackingQuery.length > 0) missing.push({ operationId: op.operationId, part: "query", fields: lackingQuery });

    const stale = [...skip].filter((name) => !used.has(name));
    if (stale.length > 0) staleOmissions.push({ operationId: op.operationId, part: "omitsReferenceFields", fields: stale });
  }
  return { missing, staleOmissions };
}

describe.skipIf(!hasReference)("completeness against the reference", () => {
  const result = hasReference ? gaps() : { missing: [], staleOmissions: [] };

  it("declares every field and query parameter the reference declares, or records why not", () => {
    expect(result.missing).toEqual([]);
  });

  it("records no omission of a field the spec does declare", () => {
    expect(result.staleOmissions).toEqual([]);
  });
});
