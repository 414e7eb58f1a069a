// StatsigConsole: resolves options, builds the transport, and exposes every generated resource
// group plus `raw`, the path-typed openapi-fetch client that every facade call goes through too.
// createConsoleClient: the same client without resources or `raw`, for the standalone operation
// functions (`gatesGet(client, id)`), so that a bundle carries only the operations it calls.
import type { Client } from "openapi-fetch";
import { DEFAULT_RATE_LIMITS, operations, type RateLimitOptions } from "../generated/operations.js";
import { ConsoleResources } from "../generated/resources/index.js";
import type { paths } from "../generated/schema.js";
import { PACKAGE_VERSION } from "../generated/version.js";
import { ClientCore } from "./core/client-core.js";
import { InvalidRequestError } from "./core/errors.js";
import { environmentVariable } from "./core/environment.js";
import { createOperationRoutes, type OperationRoutes } from "./core/operation-routes.js";
import type { ResourceClient } from "./core/resource.js";
import { checkApiKey, checkBaseUrl, checkDelayMs, checkHeaders, checkMaxRetries, checkTimeoutMs, checkUserAgent } from "./core/option-validation.js";
import { consoleLogger, createLevelledLogger, isLogLevel, resolveLogLevel, type Logger, type LogLevel } from "./core/transport/logger.js";
import { createRateLimiters } from "./core/transport/rate-limiter.js";
import type { WindowStore } from "./core/transport/window-store.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./core/transport/read-body.js";
import { DEFAULT_RETRY_OPTIONS, type RetryOptions } from "./core/transport/retry-policy.js";
import type { FetchFunction, TransportConfig } from "./core/transport/send.js";

/** The `rateLimit` option: windows per rate-limit group (each replaces that group's defaults), and where slots are kept. */
export type RateLimitConfig = RateLimitOptions & {
  /**
   * Where slots are kept. Default: this process (every client with the same key in the process
   * shares them). A shared store, such as `redisWindowStore` from `statsig-console-api/redis`,
   * shares them with every process and machine using the same store and key.
   */
  store?: WindowStore | undefined;
};

export interface ClientOptions {
  /** Console API key (`console-…`). Default: the `STATSIG_CONSOLE_API_KEY` environment variable. */
  apiKey?: string | undefined;
  /** Default `https://statsigapi.net`. An http(s) URL, optionally with a path (a proxy prefix); no credentials, query or fragment. */
  baseUrl?: string | undefined;
  /** Sent as `STATSIG-API-VERSION`. Default `20240601`. */
  apiVersion?: string | undefined;
  /** The fetch to use. Default: `globalThis.fetch`, looked up on every request (so msw and test doubles work). */
  fetch?: FetchFunction | undefined;
  /** Per-attempt timeout in milliseconds, 1 to 2^31−1 (the largest timer). Default 60000. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt, an integer from 0 to 10. Default 2. */
  maxRetries?: number | undefined;
  /** Backoff and Retry-After limits. */
  retry?: RetryOptions | undefined;
  /** Client-side sliding-window limits for mutations, shared by all clients with the same key (and store); `false` turns them off. */
  rateLimit?: false | RateLimitConfig | undefined;
  /** Where log lines go. Default: the console. */
  logger?: Logger | undefined;
  /** Default: `STATSIG_CONSOLE_LOG`, else `off`. */
  logLevel?: LogLevel | undefined;
  /** Extra headers on every request (names must be HTTP tokens; values without line breaks or other control characters). */
  headers?: Record<string, string> | undefined;
  /**
   * Sent as `User-Agent` on every request (a `User-Agent` in `headers` or a call's headers replaces it).
   * Default `statsig-console-api/<version>`; to name your tool too: `` `my-tool/1.2 ${DEFAULTS.userAgent}` ``.
   */
  userAgent?: string | undefined;
  /** Send `x-respect-review-settings: true` on every mutation. Default false. */
  respectReviewSettings?: boolean | undefined;
  /** Iteration over a list stops with an error after this many pages. Default 1000. */
  maxPages?: number | undefined;
  /** Largest response body the client reads, in bytes; a larger one is cut off with APIResponseTooLargeError. Default 50 MiB. */
  maxResponseBytes?: number | undefined;
}

export const DEFAULTS = {
  baseUrl: "https://statsigapi.net",
  apiVersion: "20240601",
  timeoutMs: 60_000,
  maxRetries: 2,
  maxPages: 1000,
  maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
  userAgent: `statsig-console-api/${PACKAGE_VERSION}`,
} as const;

let operationRoutes: OperationRoutes | undefined;

/** The generated operation table by method and schema path, built on the first `sc.raw` request (facade calls carry their descriptor). */
const tableRoutes: Pick<OperationRoutes, "find"> = {
  find(method, schemaPath) {
    operationRoutes ??= createOperationRoutes(Object.values(operations));
    return operationRoutes.find(method, schemaPath);
  },
};

function resolveApiKey(option: unknown, caller: string): string {
  if (option !== undefined && typeof option !== "string") throw new InvalidRequestError(`apiKey must be a string, got ${option === null ? "null" : typeof option}`);
  // Surrounding whitespace (a newline from a file or a .env) is dropped; whitespace inside is refused.
  const apiKey = (option ?? environmentVariable("STATSIG_CONSOLE_API_KEY"))?.trim();
  if (!apiKey) {
    throw new InvalidRequestError(
      `No Console API key: pass { apiKey } to ${caller} or set STATSIG_CONSOLE_API_KEY. Create one in the Statsig console under Project Settings → Keys & Environments.`,
    );
  }
  return checkApiKey(apiKey);
}

function positiveInteger(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new InvalidRequestError(`${name} must be an integer ≥ 1, got ${typeof value === "number" ? value : typeof value}`);
  }
  return value;
}

function checkLogging(options: ClientOptions): void {
  if (options.logLevel !== undefined && !isLogLevel(options.logLevel)) {
    throw new InvalidRequestError('logLevel must be one of "off", "error", "warn", "info", "debug"');
  }
  const { logger } = options;
  if (logger !== undefined && (["error", "warn", "info", "debug"] as const).some((level) => typeof (logger as Partial<Logger> | null)?.[level] !== "function")) {
    throw new InvalidRequestError("logger must have error, warn, info and debug methods");
  }
}

function resolveFetchFrom(option: FetchFunction | undefined): () => FetchFunction {
  return () => {
    const fetchFunction = option ?? (globalThis.fetch as FetchFunction | undefined);
    if (typeof fetchFunction !== "function") throw new InvalidRequestError("No fetch available: pass { fetch } or run on a runtime with a global fetch.");
    return fetchFunction;
  };
}

/** Checks the options and builds the core every call goes through; `routes` (the table `sc.raw` needs) only for StatsigConsole. */
function createClientCore(options: ClientOptions, routes: Pick<OperationRoutes, "find"> | undefined, caller: string): ClientCore<paths> {
  if (typeof options !== "object" || options === null) throw new InvalidRequestError(`${caller} takes an options object`);
  const apiKey = resolveApiKey(options.apiKey, caller);
  if (options.fetch !== undefined && typeof options.fetch !== "function") throw new InvalidRequestError("fetch must be a function");
  checkLogging(options);
  checkHeaders("headers", options.headers);
  const apiVersion = options.apiVersion ?? DEFAULTS.apiVersion;
  checkHeaders("apiVersion", { "statsig-api-version": apiVersion });
  const userAgent = options.userAgent === undefined ? DEFAULTS.userAgent : checkUserAgent(options.userAgent);
  const retry = options.retry ?? {};
  const transport: TransportConfig = {
    resolveFetch: resolveFetchFrom(options.fetch),
    timeoutMs: options.timeoutMs === undefined ? DEFAULTS.timeoutMs : checkTimeoutMs("timeoutMs", options.timeoutMs),
    maxRetries: options.maxRetries === undefined ? DEFAULTS.maxRetries : checkMaxRetries("maxRetries", options.maxRetries),
    retry: {
      initialDelayMs: checkDelayMs("retry.initialDelayMs", retry.initialDelayMs ?? DEFAULT_RETRY_OPTIONS.initialDelayMs),
      maxDelayMs: checkDelayMs("retry.maxDelayMs", retry.maxDelayMs ?? DEFAULT_RETRY_OPTIONS.maxDelayMs),
      maxRetryAfterMs: checkDelayMs("retry.maxRetryAfterMs", retry.maxRetryAfterMs ?? DEFAULT_RETRY_OPTIONS.maxRetryAfterMs),
    },
    limiters: createRateLimiters(apiKey, options.rateLimit, DEFAULT_RATE_LIMITS),
    logger: createLevelledLogger(resolveLogLevel(options.logLevel), options.logger ?? consoleLogger, [apiKey]),
    maxResponseBytes: positiveInteger("maxResponseBytes", options.maxResponseBytes, DEFAULTS.maxResponseBytes),
  };
  return new ClientCore<paths>({
    baseUrl: checkBaseUrl(options.baseUrl ?? DEFAULTS.baseUrl),
    apiKey,
    apiVersion,
    userAgent,
    headers: { ...options.headers },
    respectReviewSettings: options.respectReviewSettings ?? false,
    maxPages: positiveInteger("maxPages", options.maxPages, DEFAULTS.maxPages),
    routes,
    transport,
  });
}

/**
 * A client for the standalone operation functions (`gatesGet(client, id)`, `gatesList(client)`, …),
 * with the same options, checks, retries, rate limits and errors as StatsigConsole. It holds no
 * resources and no operation table, so a bundle carries only the operations the program calls.
 */
export function createConsoleClient(options: ClientOptions = {}): ResourceClient {
  return createClientCore(options, undefined, "createConsoleClient()");
}

export class StatsigConsole extends ConsoleResources {
  /**
   * The path-typed openapi-fetch client every facade call goes through too: the same auth, path
   * guards, retries, rate limits and timeouts. A middleware added with `sc.raw.use()` sees facade
   * calls as well; their request object is a FacadeRequest (method, url, headers, body text).
   */
  readonly raw: Client<paths>;

  constructor(options: ClientOptions = {}) {
    const core = createClientCore(options, tableRoutes, "new StatsigConsole()");
    super(core);
    this.raw = core.client;
  }
}
