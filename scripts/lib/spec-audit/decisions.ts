// The recorded decisions the audit honours, read from the spec (x-reference-decisions): on an
// operation they explain that operation's gaps, at the root of openapi.yaml every operation's.
import { isObject, type JsonObject } from "../../../src/core/json.js";

export interface RecordedDecision {
  /** Where it is recorded: `root` or the operation (`GET /console/v1/gates`). */
  recordedOn: string;
  about: string;
  /** Reference fields or query parameters left out, by name (the leaf of a field path). */
  omitsReferenceFields: string[];
  /** Reference fields left out, by full path (`data`, `data.key`, `rules[].id`), for gaps a name cannot pin down. */
  omitsReferencePaths: string[];
  /** Parameters left out, as `in:name` (`header:x-respect-review-settings`). */
  omitsReferenceParameters: string[];
  /** Operations left out, as `METHOD /path` (root decisions only). */
  omitsReferenceOperations: string[];
  /** Enum values left out, per field name or path (`*` for any field). */
  omitsReferenceEnumValues: Map<string, string[]>;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

function readDecision(recordedOn: string, raw: unknown): RecordedDecision | undefined {
  if (!isObject(raw)) return undefined;
  const enums = new Map<string, string[]>();
  if (isObject(raw.omitsReferenceEnumValues)) for (const [field, values] of Object.entries(raw.omitsReferenceEnumValues)) enums.set(field, strings(values));
  return {
    recordedOn,
    about: String(raw.about ?? ""),
    omitsReferenceFields: strings(raw.omitsReferenceFields),
    omitsReferencePaths: strings(raw.omitsReferencePaths),
    omitsReferenceParameters: strings(raw.omitsReferenceParameters),
    omitsReferenceOperations: strings(raw.omitsReferenceOperations),
    omitsReferenceEnumValues: enums,
  };
}

export function rootDecisions(doc: JsonObject): RecordedDecision[] {
  const list = doc["x-reference-decisions"];
  return Array.isArray(list) ? list.map((raw) => readDecision("root", raw)).filter((d) => d !== undefined) : [];
}

/** Decisions per operation key (`GET /path`). */
export function operationDecisions(doc: JsonObject): Map<string, RecordedDecision[]> {
  const out = new Map<string, RecordedDecision[]>();
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!isObject(operation) || !Array.isArray(operation["x-reference-decisions"])) continue;
      const key = `${method.toUpperCase()} ${path}`;
      out.set(
        key,
        (operation["x-reference-decisions"] as unknown[]).map((raw) => readDecision(key, raw)).filter((d) => d !== undefined),
      );
    }
  }
  return out;
}
