// The published reference's success examples, validated against OUR response schemas. An example
// must validate unless the operation records a decision rejecting it (x-reference-decisions);
// a recorded rejection must still be needed. Wrong-typed variants of accepted examples must fail.
import { describe, expect, it } from "vitest";
import { isObject } from "../../src/core/json.js";
import { errorsText, validatorAt } from "../helpers/ajv.js";
import { hasReference, referenceNotice, referenceOperation, type Json, type JsonObject } from "../helpers/reference.js";
import { manifest, operationObject, type ManifestOperation } from "../helpers/spec.js";

referenceNotice("reference example contract tests");

interface ReferenceExample {
  op: ManifestOperation;
  status: string;
  name: string;
  example: Json;
}

function rejectedStatuses(op: ManifestOperation): Set<string> {
  const decisions = operationObject(op)["x-reference-decisions"];
  const statuses = new Set<string>();
  if (Array.isArray(decisions)) {
    for (const decision of decisions) {
      const rejects = isObject(decision) ? decision.rejectsReferenceExamples : undefined;
      if (Array.isArray(rejects)) for (const status of rejects) statuses.add(String(status));
    }
  }
  return statuses;
}

function collect(): ReferenceExample[] {
  if (!hasReference) return [];
  const out: ReferenceExample[] = [];
  for (const op of manifest.operations) {
    if (op.response.contentType !== "application/json") continue;
    const reference = referenceOperation(op.method, op.path);
    if (!reference) continue;
    for (const [status, response] of Object.entries((reference.operation.responses as JsonObject) ?? {})) {
      if (!status.startsWith("2") || !isObject(response) || !isObject(response.content)) continue;
      const media = response.content["application/json"];
      if (!isObject(media)) continue;
      if ("example" in media) out.push({ op, status, name: "example", example: media.example as Json });
      if (isObject(media.examples)) {
        for (const [name, entry] of Object.entries(media.examples)) {
          if (isObject(entry) && "value" in entry) out.push({ op, status, name, example: entry.value as Json });
        }
      }
    }
  }
  return out;
}

const schemaPath = (op: ManifestOperation): string[] => [
  "paths",
  op.path,
  op.method.toLowerCase(),
  "responses",
  String(op.response.status),
  "content",
  "application/json",
  "schema",
];

/** Wrong-typed variants: each scalar field of the (first) data item replaced by an object. */
function wrongTypedVariants(example: Json): { field: string; payload: Json }[] {
  if (!isObject(example)) return [];
  const data = example.data;
  const item = Array.isArray(data) ? data[0] : data;
  if (!isObject(item)) return [];
  const variants: { field: string; payload: Json }[] = [];
  for (const [field, value] of Object.entries(item)) {
    if (value === null || typeof value === "object") continue;
    const mutated: JsonObject = { ...item, [field]: { unexpected: true } };
    const payload: JsonObject = { ...example, data: Array.isArray(data) ? [mutated, ...data.slice(1)] : mutated };
    variants.push({ field, payload });
  }
  return variants;
}

const examples = collect();

describe.skipIf(!hasReference)("reference success examples against our schemas", () => {
  it("found reference examples for our operations", () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map((e) => [`${e.op.operationId} ${e.status} ${e.name}`, e] as const))("%s", (_label, e) => {
    const validate = validatorAt(schemaPath(e.op));
    const valid = validate(e.example);
    const rejected = rejectedStatuses(e.op).has(e.status);
    if (rejected) {
      expect(valid, `${e.op.operationId}: the recorded rejection of the ${e.status} example is stale (it now validates)`).toBe(false);
      return;
    }
    expect(valid, `${e.op.operationId}: reference example does not validate and no decision rejects it:\n${errorsText(validate)}`).toBe(true);
    const accepted = wrongTypedVariants(e.example).filter((variant) => validate(variant.payload));
    expect(
      accepted.map((v) => v.field),
      "fields that accepted an object where the example had a scalar",
    ).toEqual([]);
  });
});
