// StatsigConsole: resolves options, builds the transport, and exposes every generated resource
// group plus `raw`, the path-typed openapi-fetch client over the same transport.
import createClient, { type Client } from "openapi-fetch";
import { operations } from "../generated/operations.js";
import { ConsoleResources } from "../generated/resources/index.js";
import type { paths } from "../generated/schema.js";
import { ClientCore } from "./core/client-core.js";
import { InvalidRequestError } from "./core/errors.js";
import { redactPath } from "./core/request-builder.js";
import { createOperationLookup, createRouteGuard } from "./core/operation-matcher.js";
import { consoleLogger, createLevelledLogger, resolveLogLevel, type Logger, type LogLevel } from "./core/transport/logger.js";
import { createRateLimiters, type RateLimitOptions } from "./core/transport/rate-limiter.js";
import { DEFAULT_RETRY_OPTIONS, type RetryOptions } from "./core/transport/retry-policy.js";
import { send, type FetchFunction, type TransportConfig } from "./core/transport/send.js";

export interface ClientOptions {
  /** Console API key (`console-…`). Default: the `STATSIG_CONSOLE_API_KEY` environment variable. */
  apiKey?: string | undefined;
  /** Default `https://statsigapi.net`. */
  baseUrl?: string | undefined;
  /** Sent as `STATSIG-API-VERSION`. Default `20240601`. */
  apiVersion?: string | undefined;
  /** The fetch to use. Default: `globalThis.fetch`, looked up on every request (so msw and test doubles work). */
  fetch?: FetchFunction | undefined;
  /** Per-attempt timeout in milliseconds. Default 60000. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number | undefined;
  /** Backoff and Retry-After limits. */
  retry?: RetryOptions | undefined;
  /** Client-side sliding-window limits for mutations, shared by all clients with the same key; `false` turns them off. */
  rateLimit?: false | RateLimitOptions | undefined;
  /** Where log lines go. Default: the console. */
  logger?: Logger | undefined;
  /** Default: `STATSIG_CONSOLE_LOG`, else `off`. */
  logLevel?: LogLevel | undefined;
  /** Extra headers on every request. */
  headers?: Record<string, string> | undefined;
  /** Send `x-respect-review-settings: true` on every mutation. Default false. */
  respectReviewSettings?: boolean | undefined;
  /** Iteration over a list stops with an error after this many pages. Default 1000. */
  maxPages?: number | undefined;
}

export const DEFAULTS = {
  baseUrl: "https://statsigapi.net",
  apiVersion: "20240601",
  timeoutMs: 60_000,
  maxRetries: 2,
  maxPages: 1000,
} as const;

const lookupOperation = createOperationLookup(Object.values(operations));
const routeGuard = createRouteGuard(Object.values(operations));

function environment(name: string): string | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
}

function resolveApiKey(option: string | undefined): string {
  const apiKey = (option ?? environment("STATSIG_CONSOLE_API_KEY"))?.trim();
  if (!apiKey) {
    throw new InvalidRequestError(
      "No Console API key: pass { apiKey } to new StatsigConsole() or set STATSIG_CONSOLE_API_KEY. Create one in the Statsig console under Project Settings → Keys & Environments.",
    );
  }
  if (apiKey.startsWith("secret-")) {
    throw new InvalidRequestError("The API key is a Server Secret key (secret-…); the Console API needs a Console API key (console-…).");
  }
  if (apiKey.startsWith("client-")) {
    throw new InvalidRequestError("The API key is a Client SDK key (client-…); the Console API needs a Console API key (console-…).");
  }
  return apiKey;
}

function positive(name: string, value: number | undefined, fallback: number, { integer = false, min = 0 } = {}): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new InvalidRequestError(`${name} must be ${integer ? "an integer" : "a number"} ≥ ${min}, got ${String(value)}`);
  }
  return value;
}

function resolveFetchFrom(option: FetchFunction | undefined): () => FetchFunction {
  return () => {
    const fetchFunction = option ?? (globalThis.fetch as FetchFunction | undefined);
    if (typeof fetchFunction !== "function") throw new InvalidRequestError("No fetch available: pass { fetch } or run on a runtime with a global fetch.");
    return fetchFunction;
  };
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export class StatsigConsole extends ConsoleResources {
  /** The path-typed openapi-fetch client, over the same auth, retries, rate limits and timeouts. */
  readonly raw: Client<paths>;

  constructor(options: ClientOptions = {}) {
    const apiKey = resolveApiKey(options.apiKey);
    const transport: TransportConfig = {
      resolveFetch: resolveFetchFrom(options.fetch),
      timeoutMs: positive("timeoutMs", options.timeoutMs, DEFAULTS.timeoutMs, { min: 1 }),
      maxRetries: positive("maxRetries", options.maxRetries, DEFAULTS.maxRetries, { integer: true }),
      retry: {
        initialDelayMs: positive("retry.initialDelayMs", options.retry?.initialDelayMs, DEFAULT_RETRY_OPTIONS.initialDelayMs),
        maxDelayMs: positive("retry.maxDelayMs", options.retry?.maxDelayMs, DEFAULT_RETRY_OPTIONS.maxDelayMs),
        maxRetryAfterMs: positive("retry.maxRetryAfterMs", options.retry?.maxRetryAfterMs, DEFAULT_RETRY_OPTIONS.maxRetryAfterMs),
      },
      limiters: createRateLimiters(apiKey, options.rateLimit),
      logger: createLevelledLogger(resolveLogLevel(options.logLevel), options.logger ?? consoleLogger, [apiKey]),
    };
    const baseUrl = (options.baseUrl ?? DEFAULTS.baseUrl).replace(/\/+$/, "");
    const core = new ClientCore({
      baseUrl,
      apiKey,
      apiVersion: options.apiVersion ?? DEFAULTS.apiVersion,
      headers: { ...options.headers },
      respectReviewSettings: options.respectReviewSettings ?? false,
      maxPages: positive("maxPages", options.maxPages, DEFAULTS.maxPages, { integer: true, min: 1 }),
      transport,
      routeGuard,
    });
    super(core);

    // openapi-fetch hands us a Request; it goes through the same transport as facade calls.
    const rawFetch = async (request: Request): Promise<Response> => {
      const url = new URL(request.url);
      const operation = lookupOperation(request.method, url.pathname);
      const body = request.body === null ? undefined : await request.arrayBuffer();
      const requestHeaders: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        requestHeaders[name] = value;
      });
      const headers = core.headersFor(request.method, false, { headers: requestHeaders }, requestHeaders.accept ?? "application/json");
      const result = await send(transport, {
        method: request.method,
        url: request.url,
        path: redactPath(operation, url.pathname + url.search).display,
        headers,
        body,
        idempotent: operation?.idempotent ?? ["GET", "HEAD", "PUT", "DELETE"].includes(request.method),
        rateLimitGroup: operation?.rateLimitGroup ?? (request.method === "GET" ? "none" : "mutations"),
        signal: request.signal,
      });
      const { response } = result;
      return new Response(NULL_BODY_STATUSES.has(response.status) ? null : result.body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    };
    this.raw = createClient<paths>({ baseUrl, fetch: rawFetch });
  }
}
