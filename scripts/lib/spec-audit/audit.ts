// Our spec against a newer upstream document: every upstream operation, parameter, field and enum
// value we lack, each either explained by a recorded decision (decisions.ts) or reported.
import type { JsonObject } from "../../../src/core/json.js";
import { diffDocuments, type SpecChange } from "../spec-diff/diff.js";
import { operationDecisions, rootDecisions, type RecordedDecision } from "./decisions.js";

export interface AuditGap {
  operation: string;
  operationId: string | null;
  kind: "operation" | "parameter" | "field" | "enum-values";
  /** `query limit`, `response 200 data.url`, `request body rules[].id`. */
  location: string;
  detail: string;
  /** For enum gaps: the values we lack (JSON text). */
  values?: string[];
  /** The decision that explains it (`about`, and where it is recorded); absent when unexplained. */
  explainedBy?: string;
}

export interface AuditResult {
  upstream: { title: string; version: string; operations: number };
  ours: { operations: number };
  gaps: AuditGap[];
  unexplained: AuditGap[];
  /** Recorded audit decisions (paths, parameters, operations, enum values) that no gap needs any more. */
  staleDecisions: string[];
}

// Trailing `[]`/`{}` markers split into empty segments, which the filter drops.
const leafName = (path: string): string =>
  path
    .split(/\.|\[\]|\{\}/)
    .filter(Boolean)
    .at(-1) ?? path;
const isPropertyPath = (path: string): boolean => path !== "" && !path.endsWith("[]") && !path.endsWith("{}");

function gapOf(change: SpecChange): AuditGap | undefined {
  const base = { operation: change.operation, operationId: change.operationId, location: change.location, detail: change.detail };
  switch (change.kind) {
    case "operation-added":
      return { ...base, kind: "operation", location: "operation" };
    case "parameter-added":
      return { ...base, kind: "parameter" };
    case "field-added":
      // Items or map values appearing are shape differences (retypes), not fields; an object we keep free-form has no fields to lack.
      return isPropertyPath(change.field) && !change.underFreeForm ? { ...base, kind: "field" } : undefined;
    case "enum-values-added":
      return { ...base, kind: "enum-values", values: change.values ?? [] };
    default:
      return undefined;
  }
}

export function auditSpec(ours: JsonObject, upstream: JsonObject): AuditResult {
  const diff = diffDocuments(ours, upstream);
  const globals = rootDecisions(ours);
  const perOperation = operationDecisions(ours);
  const used = new Set<string>();
  const gaps: AuditGap[] = [];
  for (const change of diff.changes) {
    const gap = gapOf(change);
    if (!gap) continue;
    const decisions = [...globals, ...(perOperation.get(change.operation) ?? [])];
    const explaining = decisions.find((decision) => explains(decision, change, used));
    if (explaining) gap.explainedBy = `${explaining.about} (${explaining.recordedOn})`;
    gaps.push(gap);
  }
  const staleDecisions: string[] = [];
  for (const decision of [...globals, ...[...perOperation.values()].flat()]) {
    for (const entry of auditEntries(decision)) if (!used.has(`${decision.recordedOn}\u0000${entry}`)) staleDecisions.push(`${decision.recordedOn}: ${decision.about}: ${entry}`);
  }
  return {
    upstream: diff.new,
    ours: { operations: diff.old.operations },
    gaps,
    unexplained: gaps.filter((gap) => gap.explainedBy === undefined),
    staleDecisions,
  };
}

/** The entries only this audit reads (omitsReferenceFields is checked by the contract tests as well, by name). */
function auditEntries(decision: RecordedDecision): string[] {
  return [
    ...decision.omitsReferencePaths.map((p) => `path ${p}`),
    ...decision.omitsReferenceParameters.map((p) => `parameter ${p}`),
    ...decision.omitsReferenceOperations.map((o) => `operation ${o}`),
    ...[...decision.omitsReferenceEnumValues].flatMap(([field, values]) => values.map((v) => `enum ${field} ${v}`)),
  ];
}

function explains(decision: RecordedDecision, change: SpecChange, used: Set<string>): boolean {
  const mark = (entry: string): true => {
    used.add(`${decision.recordedOn}\u0000${entry}`);
    return true;
  };
  switch (change.kind) {
    case "operation-added":
      return decision.omitsReferenceOperations.includes(change.operation) && mark(`operation ${change.operation}`);
    case "parameter-added": {
      const key = `${change.location.split(" ")[0]}:${change.field}`;
      if (decision.omitsReferenceParameters.includes(key)) return mark(`parameter ${key}`);
      return change.location.startsWith("query ") && decision.omitsReferenceFields.includes(change.field);
    }
    case "field-added":
      if (decision.omitsReferencePaths.includes(change.field)) return mark(`path ${change.field}`);
      return decision.omitsReferenceFields.includes(leafName(change.field));
    case "enum-values-added": {
      const values = change.values ?? [];
      for (const field of [change.field, leafName(change.field), "*"]) {
        const omitted = decision.omitsReferenceEnumValues.get(field);
        if (omitted && values.every((v) => omitted.includes(JSON.parse(v) as string) || omitted.includes(v))) {
          for (const v of values) mark(`enum ${field} ${omitted.includes(v) ? v : (JSON.parse(v) as string)}`);
          return true;
        }
      }
      return false;
    }
    default:
      return false;
  }
}
