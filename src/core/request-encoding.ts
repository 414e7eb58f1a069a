// How the parameters and the body of a request are written, for the facade and `sc.raw` alike:
// these are openapi-fetch's path, query and body serializers. Input that cannot be sent as meant
// is refused with an InvalidRequestError before anything is sent; a value never reaches another
// endpoint.
import { defaultBodySerializer } from "openapi-fetch";
import { InvalidRequestError } from "./errors.js";
import type { OperationDescriptor } from "./operation.js";

/**
 * Percent-encodes one path parameter. Every reserved character is encoded, so an id like `a/b?c`
 * stays one segment of this operation's path. `.` and `..` cannot be sent at all: URL
 * normalisation would turn them into a different endpoint, even when percent-encoded.
 */
function encodePathParam(name: string, value: unknown, url: string, baseUrl: string): string {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  let problem = "must be a non-empty string";
  if (typeof value === "string" && value.length > 0) {
    if (value === "." || value === "..") {
      problem = `cannot be "${value}"`;
    } else {
      try {
        return encodeURIComponent(value);
      } catch {
        problem = "is not valid Unicode text"; // a lone surrogate (half of a UTF-16 pair) has no UTF-8 encoding
      }
    }
  }
  const schemaPath = url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url;
  throw new InvalidRequestError(`${schemaPath}: path parameter "${name}" ${problem}`);
}

/**
 * openapi-fetch's path serializer: fills every `{name}` of `url` (the base URL and the schema
 * path) with its encoded value; a missing value is an error, not a literal `{name}` on the wire.
 * `baseUrl` only shortens the messages to the schema path. (A loop rather than a regular
 * expression with a callback: this runs on every request.)
 */
export function createPathSerializer(baseUrl: string): (url: string, values: Record<string, unknown>) => string {
  return (url, values) => {
    let filled = "";
    let from = 0;
    for (let open = url.indexOf("{"); open !== -1; open = url.indexOf("{", from)) {
      const close = url.indexOf("}", open);
      if (close === -1) break;
      const name = url.slice(open + 1, close);
      filled += url.slice(from, open) + encodePathParam(name, values[name], url, baseUrl);
      from = close + 1;
    }
    return from === 0 ? url : filled + url.slice(from);
  };
}

function encodeQueryValue(name: string, value: unknown): string {
  switch (typeof value) {
    case "string":
      try {
        return encodeURIComponent(value);
      } catch {
        throw new InvalidRequestError(`query parameter "${name}" is not valid Unicode text`);
      }
    case "number":
      if (!Number.isFinite(value)) throw new InvalidRequestError(`query parameter "${name}" must be a finite number`);
      return String(value);
    case "boolean":
      return String(value);
    default:
      throw new InvalidRequestError(`query parameter "${name}" has an unsupported value (${value === null ? "null" : typeof value})`);
  }
}

/**
 * openapi-fetch's query serializer: `a=1&tags=x&tags=y`. Arrays repeat the name (form style,
 * exploded), undefined values are left out; null, objects and non-finite numbers are refused.
 */
export function serializeQuery(query: unknown): string {
  if (query === undefined || query === null) return "";
  if (typeof query !== "object" || Array.isArray(query)) throw new InvalidRequestError("the query must be an object");
  let search = "";
  for (const name in query) {
    if (!Object.hasOwn(query, name)) continue;
    const value = (query as Record<string, unknown>)[name];
    if (value === undefined) continue;
    const key = encodeURIComponent(name);
    if (Array.isArray(value)) {
      for (const item of value) search += `${search ? "&" : ""}${key}=${encodeQueryValue(name, item)}`;
    } else {
      search += `${search ? "&" : ""}${key}=${encodeQueryValue(name, value)}`;
    }
  }
  return search;
}

/** openapi-fetch's body serializer, with a typed error for a body JSON cannot write (a BigInt, a cycle). */
export function serializeBody(body: unknown, headers?: Headers | Record<string, string>): string {
  try {
    return (defaultBodySerializer as (body: unknown, headers?: Headers | Record<string, string>) => string)(body, headers);
  } catch (cause) {
    throw new InvalidRequestError("the request body cannot be serialised to JSON", { cause });
  }
}

/**
 * The path of a request as it may appear in logs and errors: the values of the operation's
 * secret path parameters (`x-secret` in the spec) replaced by `[redacted]`. Also returns those
 * values, decoded, so they can be scrubbed from response bodies too.
 */
export function redactPath(operation: OperationDescriptor | undefined, pathAndQuery: string): { display: string; secrets: string[] } {
  const secretNames = operation?.secretPathParams;
  if (!operation || !secretNames || secretNames.length === 0) return { display: pathAndQuery, secrets: [] };
  const queryStart = pathAndQuery.indexOf("?");
  const path = queryStart === -1 ? pathAndQuery : pathAndQuery.slice(0, queryStart);
  const template = operation.path.split("/");
  const secrets: string[] = [];
  const segments = path.split("/").map((segment, index) => {
    const name = /^\{([^}]+)\}$/.exec(template[index] ?? "")?.[1];
    if (name === undefined || !secretNames.includes(name)) return segment;
    try {
      secrets.push(decodeURIComponent(segment));
    } catch {
      secrets.push(segment);
    }
    secrets.push(segment);
    return "[redacted]";
  });
  return { display: segments.join("/") + (queryStart === -1 ? "" : pathAndQuery.slice(queryStart)), secrets };
}
