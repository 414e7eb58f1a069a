// A ClientCore over an injected fetch, with hand-written operation descriptors, so runtime tests
// do not depend on any particular spec content. Every descriptor made with op() is in the table
// the core matches requests against (as generated/operations.ts is for the real client).
import { DEFAULT_RATE_LIMITS } from "../../generated/operations.js";
import { ClientCore } from "../../src/core/client-core.js";
import { defaultRateLimitGroup, isIdempotentByDefault, type OperationDescriptor } from "../../src/core/operation.js";
import { createOperationRoutes } from "../../src/core/operation-routes.js";
import { createLevelledLogger, type Logger, type LogLevel } from "../../src/core/transport/logger.js";
import { createRateLimiters } from "../../src/core/transport/rate-limiter.js";
import type { RateLimitConfig } from "../../src/client.js";
import { DEFAULT_RETRY_OPTIONS, type RetryOptions } from "../../src/core/transport/retry-policy.js";
import type { FetchFunction } from "../../src/core/transport/send.js";
import { vi } from "vitest";

export const KEY = "console-unit-test-key-abcdef";

/** Every descriptor op() made, by method and path: the test table. */
const table = new Map<string, OperationDescriptor>();

export function op(overrides: Partial<OperationDescriptor> & Pick<OperationDescriptor, "method" | "path">): OperationDescriptor {
  const pathParams = [...overrides.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const method = overrides.method;
  const operation: OperationDescriptor = {
    id: `test.${method.toLowerCase()}`,
    pathParams,
    response: "data",
    idempotent: isIdempotentByDefault(method),
    rateLimitGroup: defaultRateLimitGroup(method),
    ...overrides,
  };
  table.set(`${method} ${overrides.path}`, operation);
  return operation;
}

/** `{ id: value }` for each path parameter of an operation. */
export function pathOf(operation: OperationDescriptor, value: string): Record<string, string> {
  return Object.fromEntries(operation.pathParams.map((name) => [name, value]));
}

export const GET_THING = op({ method: "GET", path: "/console/v1/things/{id}" });
export const CREATE_THING = op({ method: "POST", path: "/console/v1/things" });
export const UPDATE_THING = op({ method: "POST", path: "/console/v1/things/{id}", idempotent: true });
export const LIST_THINGS = op({ method: "GET", path: "/console/v1/things", response: "list" });

export interface CoreOptions {
  fetch: FetchFunction;
  maxRetries?: number;
  timeoutMs?: number;
  retry?: RetryOptions;
  rateLimit?: false | RateLimitConfig;
  apiKey?: string;
  logger?: Logger;
  logLevel?: LogLevel;
  maxPages?: number;
  random?: () => number;
}

export function makeCore(options: CoreOptions): ClientCore {
  const apiKey = options.apiKey ?? KEY;
  const silent: Logger = { error() {}, warn() {}, info() {}, debug() {} };
  return new ClientCore({
    baseUrl: "https://api.test",
    apiKey,
    apiVersion: "20240601",
    userAgent: "statsig-console-api/test",
    headers: {},
    respectReviewSettings: false,
    maxPages: options.maxPages ?? 1000,
    routes: createOperationRoutes(table.values()),
    transport: {
      resolveFetch: () => options.fetch,
      timeoutMs: options.timeoutMs ?? 60_000,
      maxRetries: options.maxRetries ?? 2,
      // Field by field: spreading the options would let an explicit `undefined` replace a default.
      retry: {
        initialDelayMs: options.retry?.initialDelayMs ?? DEFAULT_RETRY_OPTIONS.initialDelayMs,
        maxDelayMs: options.retry?.maxDelayMs ?? DEFAULT_RETRY_OPTIONS.maxDelayMs,
        maxRetryAfterMs: options.retry?.maxRetryAfterMs ?? DEFAULT_RETRY_OPTIONS.maxRetryAfterMs,
      },
      limiters: createRateLimiters(apiKey, options.rateLimit ?? false, DEFAULT_RATE_LIMITS),
      logger: createLevelledLogger(options.logLevel ?? "off", options.logger ?? silent, [apiKey]),
      ...(options.random ? { random: options.random } : {}),
    },
  });
}

/** The text of a request body the transport sent (bytes, read once from openapi-fetch's Request). */
export function bodyText(init: RequestInit | undefined): string | undefined {
  const body = init?.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return body;
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return new TextDecoder().decode(body);
  throw new Error(`unexpected request body ${Object.prototype.toString.call(body)}`);
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** A fetch that answers from a list of responders in turn (the last one repeats) and records calls. */
export function scriptedFetch(...responders: ((url: string, init: RequestInit | undefined) => Response | Promise<Response>)[]) {
  const calls: { url: string; init: RequestInit | undefined; at: number }[] = [];
  const fetch: FetchFunction = async (input, init) => {
    const url = String(input);
    calls.push({ url, init, at: Date.now() });
    const responder = responders[Math.min(calls.length - 1, responders.length - 1)]!;
    return responder(url, init);
  };
  return { fetch, calls };
}

export function connectionRefused(): never {
  throw Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }) });
}

export function connectionReset(): never {
  throw Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) });
}

/** A `data` envelope for any of the test operations above. */
export const okResponse = () => json({ message: "ok", data: { id: "t1" } });

/** An error answer with this status (and headers), as the API sends one. */
export const statusResponse =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    json({ status: code, message: `status ${code}` }, code, headers);

/** Runs a call to completion while advancing fake time (vi.useFakeTimers()); returns the outcome and the elapsed fake ms. */
export async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown; elapsedMs: number }> {
  const started = Date.now();
  let outcome: { value?: T; error?: unknown } | undefined;
  promise.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  );
  for (let i = 0; i < 1000 && outcome === undefined; i++) await vi.advanceTimersByTimeAsync(100);
  if (!outcome) throw new Error("call did not settle");
  return { ...outcome, elapsedMs: Date.now() - started };
}

/** The error a call of `operation` fails with when the server answers `response` (no retries). */
export async function callFailure(response: () => Response, operation = GET_THING): Promise<unknown> {
  const { fetch } = scriptedFetch(response);
  return rejectionOf(makeCore({ fetch, maxRetries: 0 }).call(operation, { path: pathOf(operation, "t1") }, undefined));
}

/** What a promise that must fail rejects with; the test fails if it resolves instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the promise to reject");
    },
    (error: unknown) => error,
  );
}

/** A gate as the facade tests read it back, and the `data` envelope that carries it. */
export const GATE = { id: "g1", name: "g1" };
export const okGate = () => json({ message: "ok", data: GATE });

/** An answer every operation can unwrap: a list, a `{ message }` and a `data` envelope at once. */
export const anyEnvelope = () => json({ message: "ok", data: [], pagination: { itemsPerPage: 0, pageNumber: 1, nextPage: null, previousPage: null } });
