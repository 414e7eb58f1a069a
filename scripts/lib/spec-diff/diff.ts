// Compares two documents operation by operation and classifies each change for a client that was
// written against the old one: breaking when such a client may now fail (a response field that may
// be missing, a value it does not know, a request the API no longer accepts), safe otherwise.
import type { JsonObject } from "../../../src/core/json.js";
import { operationsOf, type DiffOperation } from "./operations.js";
import type { FieldFacts, SchemaFacts } from "./schema-facts.js";

type ChangeSide = "operation" | "parameter" | "request" | "response";

type ChangeKind =
  | "operation-added"
  | "operation-removed"
  | "operation-moved"
  | "operation-id-changed"
  | "parameter-added"
  | "parameter-removed"
  | "request-body-added"
  | "request-body-removed"
  | "success-status-changed"
  | "field-added"
  | "field-removed"
  | "required-changed"
  | "type-changed"
  | "nullable-changed"
  | "enum-values-added"
  | "enum-values-removed"
  | "enum-opened"
  | "enum-closed";

export interface SpecChange {
  /** The operation in the new document (`GET /console/v1/gates`), or in the old one when removed. */
  operation: string;
  operationId: string | null;
  side: ChangeSide;
  kind: ChangeKind;
  /** Where: `query limit`, `request body rules[].id`, `response 200 data.name`; empty for whole operations. */
  location: string;
  /** The parameter name or field path the change is about; empty for whole operations. */
  field: string;
  breaking: boolean;
  detail: string;
  /** Enum values added or removed (as JSON text). */
  values?: string[];
  /** A field added under an object the old document leaves free-form (it described none of its fields). */
  underFreeForm?: boolean;
}

interface OperationRef {
  method: string;
  path: string;
  operationId: string | null;
}

export interface SpecDiff {
  old: { title: string; version: string; operations: number };
  new: { title: string; version: string; operations: number };
  added: OperationRef[];
  removed: OperationRef[];
  /** Operations present in both (by method and path, or by operationId when the path moved) with at least one change. */
  changedOperations: number;
  changes: SpecChange[];
  summary: { breaking: number; safe: number };
}

const ref = (op: DiffOperation): OperationRef => ({ method: op.method, path: op.path, operationId: op.operationId });

function covers(types: readonly string[], type: string): boolean {
  return types.includes(type) || (type === "integer" && types.includes("number"));
}

function isUnder(path: string, ancestors: readonly string[]): boolean {
  return ancestors.some((a) => path.startsWith(`${a}.`) || path.startsWith(`${a}[]`) || path.startsWith(`${a}{}`));
}

function parentOf(path: string): string {
  const match = /^(.*?)(?:\.[^.[\]{}]+|\[\]|\{\})$/.exec(path);
  return match ? match[1]! : "";
}

type Emit = (change: Omit<SpecChange, "operation" | "operationId">) => void;

/** Field-level changes between two flattened schemas; `side` decides which direction breaks a client. */
function compareFacts(before: SchemaFacts, after: SchemaFacts, side: "parameter" | "request" | "response", location: string, emit: Emit): void {
  const receives = side === "response";
  const at = (path: string): string => (path === "" ? location : `${location}${/^[[{]/.test(path) ? "" : " "}${path}`);
  // List items and map values appearing or vanishing are type changes, reported as such on their parent.
  const isProperty = (path: string): boolean => path !== "" && !path.endsWith("[]") && !path.endsWith("{}");
  const added: string[] = [];
  const removed: string[] = [];
  for (const [path, facts] of after) {
    if (before.has(path) || isUnder(path, added)) continue;
    added.push(path);
    const parent = before.get(parentOf(path));
    const breaking = !receives && facts.required && parent !== undefined && isProperty(path);
    const change: Omit<SpecChange, "operation" | "operationId"> = {
      side,
      kind: "field-added",
      location: at(path),
      field: path,
      breaking,
      detail: `${isProperty(path) ? (facts.required ? "required " : "optional ") : ""}${describe(facts)}${breaking ? ": a new required request field" : ""}`,
    };
    if (parent?.freeForm) change.underFreeForm = true;
    emit(change);
  }
  for (const [path, facts] of before) {
    if (after.has(path) || isUnder(path, removed)) continue;
    removed.push(path);
    emit({
      side,
      kind: "field-removed",
      location: at(path),
      field: path,
      breaking: isProperty(path),
      detail: receives ? "may now be missing from the response" : `no longer accepted (${describe(facts)})`,
    });
  }
  for (const [path, old] of before) {
    const now = after.get(path);
    if (!now) continue;
    if (old.required !== now.required) {
      const breaking = receives ? old.required : now.required;
      emit({ side, kind: "required-changed", location: at(path), field: path, breaking, detail: now.required ? "now required" : "now optional" });
    }
    if (old.types.length > 0 && now.types.length > 0) {
      const gained = now.types.filter((t) => !covers(old.types, t));
      const lost = old.types.filter((t) => !covers(now.types, t));
      if (gained.length > 0 || lost.length > 0) {
        const breaking = receives ? gained.length > 0 : lost.length > 0;
        emit({ side, kind: "type-changed", location: at(path), field: path, breaking, detail: `${old.types.join(" | ")} → ${now.types.join(" | ")}` });
      }
    }
    if (old.nullable !== now.nullable) {
      const breaking = receives ? now.nullable : !now.nullable;
      emit({ side, kind: "nullable-changed", location: at(path), field: path, breaking, detail: now.nullable ? "now nullable" : "no longer nullable" });
    }
    if (old.enum && now.enum) {
      const gained = now.enum.filter((v) => !old.enum!.includes(v));
      const lost = old.enum.filter((v) => !now.enum!.includes(v));
      if (gained.length > 0) {
        emit({ side, kind: "enum-values-added", location: at(path), field: path, breaking: receives, detail: `adds ${gained.join(", ")}`, values: gained });
      }
      if (lost.length > 0) {
        emit({ side, kind: "enum-values-removed", location: at(path), field: path, breaking: !receives, detail: `removes ${lost.join(", ")}`, values: lost });
      }
    } else if (old.enum && !now.enum) {
      emit({ side, kind: "enum-opened", location: at(path), field: path, breaking: receives, detail: "no longer a closed set of values" });
    } else if (!old.enum && now.enum) {
      emit({ side, kind: "enum-closed", location: at(path), field: path, breaking: !receives, detail: `now one of ${now.enum.join(", ")}` });
    }
  }
}

function describe(facts: FieldFacts): string {
  const types = facts.types.length > 0 ? facts.types.join(" | ") : "any";
  return `${types}${facts.nullable ? " | null" : ""}${facts.enum ? ` (${facts.enum.join(", ")})` : ""}`;
}

function compareOperation(before: DiffOperation, after: DiffOperation, emit: Emit): void {
  for (const [key, param] of after.parameters) {
    const old = before.parameters.get(key);
    const location = `${param.in} ${param.name}`;
    if (!old) {
      emit({
        side: "parameter",
        kind: "parameter-added",
        location,
        field: param.name,
        breaking: param.required,
        detail: `${param.required ? "required" : "optional"} ${describe(param.facts.get("") ?? emptyFacts)}`,
      });
      continue;
    }
    if (old.required !== param.required) {
      emit({ side: "parameter", kind: "required-changed", location, field: param.name, breaking: param.required, detail: param.required ? "now required" : "now optional" });
    }
    compareFacts(old.facts, param.facts, "parameter", location, emit);
  }
  for (const [key, param] of before.parameters) {
    if (!after.parameters.has(key))
      emit({ side: "parameter", kind: "parameter-removed", location: `${param.in} ${param.name}`, field: param.name, breaking: true, detail: "no longer read" });
  }

  if (before.requestBody && after.requestBody) {
    if (before.requestBody.required !== after.requestBody.required) {
      const required = after.requestBody.required;
      emit({ side: "request", kind: "required-changed", location: "request body", field: "", breaking: required, detail: required ? "now required" : "now optional" });
    }
    compareFacts(before.requestBody.facts, after.requestBody.facts, "request", "request body", emit);
  } else if (after.requestBody) {
    emit({
      side: "request",
      kind: "request-body-added",
      location: "request body",
      field: "",
      breaking: after.requestBody.required,
      detail: after.requestBody.required ? "required" : "optional",
    });
  } else if (before.requestBody) {
    emit({ side: "request", kind: "request-body-removed", location: "request body", field: "", breaking: true, detail: "no longer accepted" });
  }

  const oldStatuses = [...before.responses.keys()].sort();
  const newStatuses = [...after.responses.keys()].sort();
  for (const status of newStatuses) {
    const old = before.responses.get(status);
    if (old) compareFacts(old, after.responses.get(status)!, "response", `response ${status}`, emit);
  }
  if (oldStatuses.join() !== newStatuses.join()) {
    emit({
      side: "response",
      kind: "success-status-changed",
      location: "responses",
      field: "",
      breaking: false,
      detail: `${oldStatuses.join(", ") || "none"} → ${newStatuses.join(", ") || "none"}`,
    });
    const [oldFirst] = oldStatuses;
    const [newFirst] = newStatuses;
    if (oldFirst && newFirst && !after.responses.has(oldFirst)) {
      compareFacts(before.responses.get(oldFirst)!, after.responses.get(newFirst)!, "response", `response ${newFirst}`, emit);
    }
  }
}

const emptyFacts: FieldFacts = { types: [], nullable: false, enum: null, required: true, freeForm: true };

function describeDocument(doc: JsonObject, operations: number): SpecDiff["old"] {
  const info = (doc.info ?? {}) as JsonObject;
  return { title: String(info.title ?? ""), version: String(info.version ?? ""), operations };
}

export function diffDocuments(oldDoc: JsonObject, newDoc: JsonObject): SpecDiff {
  const before = operationsOf(oldDoc);
  const after = operationsOf(newDoc);
  const changes: SpecChange[] = [];
  const pairs: [DiffOperation, DiffOperation][] = [];
  const unmatchedOld = new Map([...before].filter(([key]) => !after.has(key)));
  const unmatchedNew = new Map([...after].filter(([key]) => !before.has(key)));
  for (const [key, op] of after) {
    const old = before.get(key);
    if (old) pairs.push([old, op]);
  }
  // An operation whose method or path changed but whose operationId did not is the same operation, moved.
  for (const [newKey, op] of unmatchedNew) {
    if (op.operationId === null) continue;
    const match = [...unmatchedOld].find(([, old]) => old.operationId === op.operationId);
    if (!match) continue;
    unmatchedOld.delete(match[0]);
    unmatchedNew.delete(newKey);
    changes.push({
      operation: op.key,
      operationId: op.operationId,
      side: "operation",
      kind: "operation-moved",
      location: "",
      field: "",
      breaking: true,
      detail: `was ${match[0]}`,
    });
    pairs.push([match[1], op]);
  }
  let changedOperations = 0;
  for (const [old, op] of pairs) {
    const before = changes.length;
    if (old.operationId !== null && op.operationId !== null && old.operationId !== op.operationId) {
      changes.push({
        operation: op.key,
        operationId: op.operationId,
        side: "operation",
        kind: "operation-id-changed",
        location: "",
        field: "",
        breaking: false,
        detail: `${old.operationId} → ${op.operationId}`,
      });
    }
    compareOperation(old, op, (change) => changes.push({ operation: op.key, operationId: op.operationId ?? old.operationId, ...change }));
    if (changes.length > before || changes.some((c) => c.kind === "operation-moved" && c.operation === op.key)) changedOperations++;
  }
  const added = [...unmatchedNew.values()].map(ref);
  const removed = [...unmatchedOld.values()].map(ref);
  for (const op of added)
    changes.push({
      operation: `${op.method} ${op.path}`,
      operationId: op.operationId,
      side: "operation",
      kind: "operation-added",
      location: "",
      field: "",
      breaking: false,
      detail: "new operation",
    });
  for (const op of removed)
    changes.push({
      operation: `${op.method} ${op.path}`,
      operationId: op.operationId,
      side: "operation",
      kind: "operation-removed",
      location: "",
      field: "",
      breaking: true,
      detail: "no longer offered",
    });
  const breaking = changes.filter((c) => c.breaking).length;
  return {
    old: describeDocument(oldDoc, before.size),
    new: describeDocument(newDoc, after.size),
    added,
    removed,
    changedOperations,
    changes,
    summary: { breaking, safe: changes.length - breaking },
  };
}
