// The typed error hierarchy. Every failure the client reports is a StatsigConsoleError;
// none of them ever carries the API key (the transport scrubs it from response bodies).

/** Base class of every error this package throws. */
export class StatsigConsoleError extends Error {
  override name = "StatsigConsoleError";
}

/** The client was configured or called with input it cannot send (thrown before any request). */
export class InvalidRequestError extends StatsigConsoleError {
  override name = "InvalidRequestError";
}

/** One validation failure reported by the API on a 400 response. */
export interface APIFieldError {
  property: string;
  errorMessage: string;
}

export interface APIErrorInit {
  status: number;
  /** Parsed JSON body, or the raw text when the body is not JSON, or undefined when empty. */
  body: unknown;
  method: string;
  path: string;
  headers: Headers;
  /** Replaces the message derived from the status and body (for errors whose body says nothing, such as redirects). */
  message?: string;
}

function messageFromBody(status: number, body: unknown): string {
  if (typeof body === "object" && body !== null && "message" in body) {
    const message = (body as { message: unknown }).message;
    if (typeof message === "string" && message.length > 0) return message;
  }
  if (typeof body === "string" && body.trim().length > 0) {
    const text = body.trim().replace(/\s+/g, " ");
    return `non-JSON response body: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
  }
  return `HTTP ${status} with an empty body`;
}

/** The API answered with a non-success status. Subclasses exist for the common statuses. */
export class APIError extends StatsigConsoleError {
  override name = "APIError";
  readonly status: number;
  readonly body: unknown;
  readonly method: string;
  readonly path: string;
  readonly headers: Headers;
  /** Per-field validation failures, when the API sent them. */
  readonly errors: readonly APIFieldError[];

  constructor(init: APIErrorInit) {
    super(init.message ?? `${init.method} ${init.path} failed with ${init.status}: ${messageFromBody(init.status, init.body)}`);
    this.status = init.status;
    this.body = init.body;
    this.method = init.method;
    this.path = init.path;
    this.headers = init.headers;
    const errors = typeof init.body === "object" && init.body !== null ? (init.body as { errors?: unknown }).errors : undefined;
    this.errors = Array.isArray(errors) ? (errors as APIFieldError[]) : [];
  }

  /** Builds the subclass that matches the status. */
  static fromResponse(init: APIErrorInit): APIError {
    const ErrorClass = errorClassForStatus(init.status);
    return new ErrorClass(init);
  }
}

export class BadRequestError extends APIError {
  override name = "BadRequestError";
}
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError";
}
export class NotFoundError extends APIError {
  override name = "NotFoundError";
}
export class ConflictError extends APIError {
  override name = "ConflictError";
}
export class UnprocessableEntityError extends APIError {
  override name = "UnprocessableEntityError";
}
export class RateLimitError extends APIError {
  override name = "RateLimitError";
}
export class InternalServerError extends APIError {
  override name = "InternalServerError";
}

/**
 * The server answered with a redirect (3xx other than 304). Redirects are never followed, so the
 * API key is only ever sent to the configured base URL; fix `baseUrl` instead. Never retried.
 */
export class APIRedirectError extends APIError {
  override name = "APIRedirectError";
  /**
   * Where the server pointed, resolved against the request URL, with any secret removed; undefined
   * when unknown (a browser hides the status and location of a redirect it did not follow).
   */
  readonly location: string | undefined;
  constructor(init: APIErrorInit & { location: string | undefined }) {
    super(init);
    this.location = init.location;
  }
}

function errorClassForStatus(status: number): typeof APIError {
  switch (status) {
    case 400:
      return BadRequestError;
    case 401:
      return AuthenticationError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 409:
      return ConflictError;
    case 422:
      return UnprocessableEntityError;
    case 429:
      return RateLimitError;
    default:
      return status >= 500 ? InternalServerError : APIError;
  }
}

/** The request never got a complete response: DNS, refused or reset connection, truncated body. */
export class APIConnectionError extends StatsigConsoleError {
  override name = "APIConnectionError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An attempt took longer than `timeoutMs` (after any retries). */
export class APITimeoutError extends APIConnectionError {
  override name = "APITimeoutError";
}

/**
 * The shared rate-limit store (`rateLimit.store`, e.g. Redis) could not be asked for a slot: the
 * mutation was not sent, since sending without a slot could break the project's limit.
 */
export class RateLimitStoreError extends StatsigConsoleError {
  override name = "RateLimitStoreError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The caller's AbortSignal fired. */
export class APIUserAbortError extends StatsigConsoleError {
  override name = "APIUserAbortError";
  constructor(message = "The request was aborted by the caller", options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A successful response whose body is not what the operation promises (not JSON, truncated, no envelope). */
export class APIResponseError extends StatsigConsoleError {
  override name = "APIResponseError";
  readonly status: number;
  readonly method: string;
  readonly path: string;
  constructor(message: string, init: { status: number; method: string; path: string; cause?: unknown }) {
    super(`${init.method} ${init.path} (${init.status}): ${message}`, { cause: init.cause });
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
  }
}

/**
 * The response body was larger than `maxResponseBytes`: the attempt was aborted while reading it
 * (or before, from its Content-Length) and the connection closed. Never retried.
 */
export class APIResponseTooLargeError extends APIResponseError {
  override name = "APIResponseTooLargeError";
  readonly maxResponseBytes: number;
  constructor(init: { status: number; method: string; path: string; maxResponseBytes: number; declaredBytes?: number | undefined }) {
    const what = init.declaredBytes === undefined ? "the body grew past" : `the body declares ${init.declaredBytes} bytes, over`;
    super(`${what} maxResponseBytes (${init.maxResponseBytes} bytes); reading stopped and the connection was closed`, init);
    this.maxResponseBytes = init.maxResponseBytes;
  }
}

/**
 * A list response whose pagination cannot be followed safely: a next page that does not advance
 * (a repeat or a cycle), a page other than the one asked for, or a `nextPage` outside the
 * client's base URL. Raised before anything that could be a duplicate is yielded, and before any
 * request is sent anywhere but the client's own list endpoint.
 */
export class PaginationError extends APIResponseError {
  override name = "PaginationError";
}

/** Pagination went past `maxPages` without reaching the last page. */
export class PaginationLimitError extends StatsigConsoleError {
  override name = "PaginationLimitError";
}

/** Thrown by chunked calls when a chunk fails after earlier chunks were applied. */
export class ChunkedRequestError extends StatsigConsoleError {
  override name = "ChunkedRequestError";
  /** How many chunks the API accepted before the failure. */
  readonly completedChunks: number;
  readonly totalChunks: number;
  /** The results of the accepted chunks. */
  readonly results: readonly unknown[];
  constructor(init: { completedChunks: number; totalChunks: number; results: unknown[]; cause: unknown }) {
    const reason = init.cause instanceof Error ? init.cause.message : String(init.cause);
    super(`chunk ${init.completedChunks + 1} of ${init.totalChunks} failed after ${init.completedChunks} succeeded: ${reason}`, { cause: init.cause });
    this.completedChunks = init.completedChunks;
    this.totalChunks = init.totalChunks;
    this.results = init.results;
  }
}
