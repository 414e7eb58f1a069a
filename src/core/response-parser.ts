// Turns a buffered response into the call's result or a typed error. Nothing here throws a raw
// SyntaxError or TypeError: malformed bodies become APIResponseError, error statuses APIError.
import { APIError, APIResponseError } from "./errors.js";
import { isObject } from "./json.js";
import type { ResponseKind } from "./operation.js";
import { createScrubber, scrubHeaders, scrubValue, type Scrub } from "./secrets.js";

export interface ParsedResponseContext {
  method: string;
  path: string;
  /** Secrets to remove from any body text before it is kept in an error or result. */
  secrets: readonly string[];
  /** Whether an unparseable body may be quoted in the error (not for operations that carry secrets). */
  previewBodies: boolean;
}

/**
 * Body of an error response, scrubbed: parsed JSON when it is JSON (every string in it scrubbed,
 * after JSON has decoded its escapes), else the scrubbed text (also for JSON nested too deep to
 * walk), else undefined.
 */
function errorBody(text: string, scrub: Scrub): unknown {
  if (text.trim() === "") return undefined;
  try {
    return scrubValue(JSON.parse(text) as unknown, scrub);
  } catch {
    return scrub(text);
  }
}

/**
 * Throws the APIError subclass for a non-2xx response. Secrets are scrubbed from the body and
 * the headers first (an error may echo the key, and errors get printed); successful results are
 * the caller's data and are left as sent.
 */
export function throwIfError(response: Response, text: string, context: ParsedResponseContext): void {
  if (response.ok) return;
  const scrub = createScrubber(context.secrets);
  throw APIError.fromResponse({
    status: response.status,
    body: errorBody(text, scrub),
    method: context.method,
    path: context.path,
    headers: scrubHeaders(response.headers, scrub),
  });
}

/** Parses a successful JSON body; an empty, truncated or non-JSON body is an APIResponseError. */
function parseJsonBody(response: Response, text: string, context: ParsedResponseContext): unknown {
  const where = { status: response.status, method: context.method, path: context.path };
  if (text.trim() === "") throw new APIResponseError("expected a JSON body, got an empty one", where);
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const safe = createScrubber(context.secrets)(text);
    const preview = !context.previewBodies ? "(body not shown: this operation carries secrets)" : safe.length > 120 ? `${safe.slice(0, 120)}…` : safe;
    throw new APIResponseError(`expected JSON, got a body that does not parse (truncated or not JSON): ${preview}`, { ...where, cause: context.previewBodies ? cause : undefined });
  }
}

/** Unwraps the envelope according to the operation's response kind (all but `list`, which pagination handles). */
export function unwrap(kind: Exclude<ResponseKind, "list">, response: Response, text: string, context: ParsedResponseContext, acceptsBareData = false): unknown {
  if (kind === "none") return undefined;
  if (kind === "text") return text;
  const json = parseJsonBody(response, text, context);
  if (kind === "body") return json;
  const where = { status: response.status, method: context.method, path: context.path };
  // An operation whose data is a list may come back as the bare list (x-bare-data in the spec).
  if (kind === "data" && acceptsBareData && Array.isArray(json)) return json;
  if (!isObject(json)) throw new APIResponseError("expected a JSON object envelope", where);
  if (kind === "message") {
    if (typeof json.message !== "string") throw new APIResponseError("expected an envelope with a message", where);
    return { message: json.message };
  }
  if (!("data" in json)) throw new APIResponseError("expected an envelope with a data field", where);
  return json.data;
}

/**
 * The `data` and `pagination` of a list envelope. Some list endpoints have been seen answering
 * without `pagination`: `pagination` is then made up (no next page) and `hasPaginationData` is
 * false, so that pagination falls back on the page size.
 */
export function unwrapList(response: Response, text: string, context: ParsedResponseContext): { data: unknown[]; pagination: Record<string, unknown>; hasPaginationData: boolean } {
  const json = parseJsonBody(response, text, context);
  const where = { status: response.status, method: context.method, path: context.path };
  if (!isObject(json) || !Array.isArray(json.data)) throw new APIResponseError("expected a list envelope with a data array", where);
  if (json.pagination === undefined || json.pagination === null) {
    const pagination = { itemsPerPage: json.data.length, pageNumber: 1, nextPage: null, previousPage: null };
    return { data: json.data, pagination, hasPaginationData: false };
  }
  if (!isObject(json.pagination)) throw new APIResponseError("expected the list envelope's pagination to be an object", where);
  return { data: json.data, pagination: json.pagination, hasPaginationData: true };
}
