// Which operations the live check may call, and how: every GET of the operation table (never a
// mutation), lists first, then the operations whose path parameters can be filled from what a list
// returned. Decided from the operation table and the spec alone, no names of operations here.
import { readBundledSpec } from "../bundled-spec.js";
import { operations } from "../../generated/operations.js";
import { isObject, type JsonObject } from "../core/json.js";
import type { OperationDescriptor } from "../core/operation.js";

export interface PlannedRead {
  operation: OperationDescriptor;
  /** JSON pointer to the success response schema in the spec, or a reason it cannot be checked. */
  schemaPointer: string | null;
  /** Required query parameters we have no value for: the operation is skipped. */
  missingQuery: string[];
  /** Whether the operation declares a `limit` query parameter (some lists have a server-fixed page size). */
  takesLimit: boolean;
}

/** The bundled spec (read on first use). */
export const bundledSpec = readBundledSpec;

const escapePointerSegment = (segment: string): string => segment.replace(/~/g, "~0").replace(/\//g, "~1");

function operationObject(op: OperationDescriptor): JsonObject {
  const item = (bundledSpec().paths as JsonObject)[op.path];
  const operation = isObject(item) ? item[op.method.toLowerCase()] : undefined;
  return isObject(operation) ? operation : {};
}

function schemaPointer(op: OperationDescriptor): string | null {
  const responses = operationObject(op).responses;
  if (!isObject(responses)) return null;
  const status = Object.keys(responses)
    .filter((code) => /^2\d\d$/.test(code))
    .sort()[0];
  const response = status === undefined ? undefined : responses[status];
  const content = isObject(response) ? response.content : undefined;
  if (!isObject(content) || !isObject(content["application/json"])) return null;
  return `/paths/${escapePointerSegment(op.path)}/get/responses/${status}/content/application~1json/schema`;
}

function queryParameters(op: OperationDescriptor): { name: string; required: boolean }[] {
  const item = (bundledSpec().paths as JsonObject)[op.path];
  const shared = isObject(item) && Array.isArray(item.parameters) ? item.parameters : [];
  const own = operationObject(op).parameters;
  const found: { name: string; required: boolean }[] = [];
  for (const raw of [...shared, ...(Array.isArray(own) ? own : [])]) {
    let param: unknown = raw;
    if (isObject(param) && typeof param.$ref === "string") {
      const name = param.$ref.split("/").at(-1)!;
      param = ((bundledSpec().components as JsonObject).parameters as JsonObject)[name];
    }
    if (isObject(param) && param.in === "query") found.push({ name: String(param.name), required: param.required === true });
  }
  return found;
}

/** Every read-only operation: fewer path parameters first, so a list runs before the reads that need its first item. */
export function planReads(only?: readonly string[]): PlannedRead[] {
  const wanted = only === undefined ? undefined : new Set(only);
  return (Object.values(operations) as OperationDescriptor[])
    .filter((op) => op.method === "GET" && (wanted === undefined || wanted.has(op.id)))
    .sort((a, b) => a.pathParams.length - b.pathParams.length || a.path.localeCompare(b.path))
    .map((operation) => {
      const query = queryParameters(operation);
      return {
        operation,
        schemaPointer: schemaPointer(operation),
        missingQuery: query.filter((p) => p.required).map((p) => p.name),
        takesLimit: query.some((p) => p.name === "limit"),
      };
    });
}

/** A value for path parameter `name` from a list response: its first item's field of that name, else its `id`, else its `name`. */
export function firstItemValue(body: unknown, name: string): string | undefined {
  const data = isObject(body) ? body.data : undefined;
  const list = Array.isArray(data) ? data : isObject(data) ? Object.values(data).find(Array.isArray) : undefined;
  const item = list?.[0];
  if (!isObject(item)) return undefined;
  for (const key of [name, "id", "name"]) {
    const value = item[key];
    if (typeof value === "string" && value !== "") return value;
    if (typeof value === "number") return String(value);
  }
  return undefined;
}
