// Turns an operation and the caller's arguments into a URL, validating what cannot be sent.
import { InvalidRequestError } from "./errors.js";
import type { OperationDescriptor } from "./operation.js";

/**
 * Percent-encodes one path parameter. Every reserved character is encoded, so an id like `a/b?c`
 * stays one segment of this operation's path. `.` and `..` cannot be sent at all: URL
 * normalisation would turn them into a different endpoint, even when percent-encoded.
 */
export function encodePathParam(operation: OperationDescriptor, name: string, value: unknown): string {
  if (typeof value === "number" && Number.isFinite(value)) value = String(value);
  if (typeof value !== "string" || value.length === 0) {
    throw new InvalidRequestError(`${operation.id}: path parameter "${name}" must be a non-empty string`);
  }
  if (value === "." || value === "..") {
    throw new InvalidRequestError(`${operation.id}: path parameter "${name}" cannot be "${value}"`);
  }
  return encodeURIComponent(value);
}

function encodeQueryValue(operation: OperationDescriptor, name: string, value: unknown): string {
  switch (typeof value) {
    case "string":
      return encodeURIComponent(value);
    case "number":
      if (!Number.isFinite(value)) throw new InvalidRequestError(`${operation.id}: query parameter "${name}" must be a finite number`);
      return String(value);
    case "boolean":
      return String(value);
    default:
      throw new InvalidRequestError(`${operation.id}: query parameter "${name}" has an unsupported value (${value === null ? "null" : typeof value})`);
  }
}

/** `a=1&tags=x&tags=y`: arrays repeat the name (form style, exploded); undefined values are left out. */
export function serializeQuery(operation: OperationDescriptor, query: unknown): string {
  if (query === undefined || query === null) return "";
  if (typeof query !== "object" || Array.isArray(query)) {
    throw new InvalidRequestError(`${operation.id}: the query must be an object`);
  }
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const key = encodeURIComponent(name);
    if (Array.isArray(value)) {
      for (const item of value) parts.push(`${key}=${encodeQueryValue(operation, name, item)}`);
    } else {
      parts.push(`${key}=${encodeQueryValue(operation, name, value)}`);
    }
  }
  return parts.join("&");
}

/** Path (with encoded parameters) and query of a call, e.g. `/console/v1/gates/a%2Fb?limit=10`. */
export function buildPathAndQuery(operation: OperationDescriptor, pathValues: readonly unknown[], query: unknown): string {
  if (pathValues.length !== operation.pathParams.length) {
    throw new InvalidRequestError(
      `${operation.id}: expected ${operation.pathParams.length} path parameter(s) (${operation.pathParams.join(", ")}), got ${pathValues.length}`,
    );
  }
  let index = 0;
  const path = operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => encodePathParam(operation, name, pathValues[index++]));
  const search = serializeQuery(operation, query);
  return search ? `${path}?${search}` : path;
}
