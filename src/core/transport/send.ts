// The request pipeline under both the facade and `sc.raw`: per attempt it waits for a rate-limit
// slot (mutations only), runs fetch under a timeout, buffers the body, logs one line, and decides
// whether to retry. The body is a string or bytes, so every attempt sends a fresh request.
import { APIConnectionError, APITimeoutError, APIUserAbortError } from "../errors.js";
import type { RateLimitGroup } from "../operation.js";
import type { LevelledLogger } from "./logger.js";
import { redactHeaders } from "./logger.js";
import type { RateLimiters } from "./rate-limiter.js";
import { backoffDelayMs, isRetryableConnectionFailure, isRetryableStatus, retryAfterMs, type ResolvedRetryOptions } from "./retry-policy.js";
import { sleep } from "./sleep.js";

export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface TransportConfig {
  /** Returns the fetch to use for this attempt; called per attempt so test doubles installed later are seen. */
  resolveFetch: () => FetchFunction;
  timeoutMs: number;
  maxRetries: number;
  retry: ResolvedRetryOptions;
  limiters: RateLimiters;
  logger: LevelledLogger;
  random?: () => number;
}

export interface TransportRequest {
  method: string;
  url: string;
  /** Path and query, for log lines and errors (never the host or headers). */
  path: string;
  headers: Record<string, string>;
  body?: string | ArrayBuffer | undefined;
  idempotent: boolean;
  rateLimitGroup: RateLimitGroup;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
}

export interface TransportResult {
  /** The final response; its body has been read into `body`. */
  response: Response;
  /** The whole body as text (the Console API only sends JSON and CSV). */
  body: string;
  attempts: number;
}

type AttemptOutcome =
  | { ok: true; response: Response; body: string }
  | { ok: false; error: APIConnectionError | APIUserAbortError; gotResponse: boolean };

/**
 * One attempt: fetch and read the whole body, within `timeoutMs`.
 *
 * The exchange races an interruption that fires on the timeout or on the caller's abort, so the
 * attempt ends on time even with a fetch that ignores signals. With a caller signal, the attempt
 * also gets its own AbortController, so an abort or a timeout cancels the request in flight.
 * Without one, no signal is passed to fetch at all: handing undici any AbortSignal costs about 7%
 * of a loopback request (bench/overhead.ts). The abandoned response is discarded when it arrives,
 * and the runtime's own socket timeouts bound a server that never answers.
 */
async function attemptOnce(config: TransportConfig, request: TransportRequest, timeoutMs: number): Promise<AttemptOutcome> {
  const userSignal = request.signal;
  const controller = userSignal ? new AbortController() : undefined;
  let interrupted: "timeout" | "abort" | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onUserAbort: (() => void) | undefined;
  const interruption = new Promise<never>((_resolve, reject) => {
    const interrupt = (reason: "timeout" | "abort"): void => {
      interrupted ??= reason;
      controller?.abort();
      reject(new Error(reason));
    };
    timer = setTimeout(() => interrupt("timeout"), timeoutMs);
    onUserAbort = () => interrupt("abort");
    userSignal?.addEventListener("abort", onUserAbort, { once: true });
  });
  let gotResponse = false;
  const init: RequestInit = { method: request.method, headers: request.headers };
  if (controller) init.signal = controller.signal;
  if (request.body !== undefined) init.body = request.body;
  const exchange = (async () => {
    const response = await config.resolveFetch()(request.url, init);
    gotResponse = true;
    if (interrupted) {
      await response.body?.cancel(); // too late: release the connection
      return undefined;
    }
    return { response, body: await response.text() };
  })();
  try {
    const result = await Promise.race([exchange, interruption]);
    if (!result) throw new Error("interrupted");
    return { ok: true, ...result };
  } catch (cause) {
    if (interrupted) exchange.catch(() => {}); // the abandoned exchange may still fail later; nobody waits for it
    if (interrupted === "abort" || userSignal?.aborted) return { ok: false, error: new APIUserAbortError(), gotResponse };
    if (interrupted === "timeout") {
      return { ok: false, error: new APITimeoutError(`${request.method} ${request.path} timed out after ${timeoutMs} ms`), gotResponse };
    }
    const what = gotResponse ? "the response body could not be read" : "the request could not be sent";
    const detail = cause instanceof Error ? `: ${cause.message}` : "";
    return { ok: false, error: new APIConnectionError(`${request.method} ${request.path}: ${what}${detail}`, { cause }), gotResponse };
  } finally {
    clearTimeout(timer);
    if (onUserAbort) userSignal?.removeEventListener("abort", onUserAbort);
    interruption.catch(() => {});
  }
}

/** Send a request with the configured retries, rate limits and timeouts. */
export async function send(config: TransportConfig, request: TransportRequest): Promise<TransportResult> {
  const maxRetries = Math.max(0, request.maxRetries ?? config.maxRetries);
  const timeoutMs = request.timeoutMs ?? config.timeoutMs;
  const limiter = config.limiters.forGroup(request.rateLimitGroup);
  const { logger } = config;
  for (let attempt = 1; ; attempt++) {
    if (request.signal?.aborted) throw new APIUserAbortError();
    // The slot is held from the send until intervalMs after the response ended (rate-limiter.ts).
    const slot = limiter
      ? await limiter.acquire({
          signal: request.signal,
          onLongWait: ({ queuedRequests }) =>
            logger.log("info", `${request.method} ${request.path}: waiting over 1 s for a rate-limit slot (${request.rateLimitGroup}; ${queuedRequests} queued; not logged again until the queue empties)`),
        })
      : undefined;
    const startedMs = Date.now();
    let outcome: AttemptOutcome;
    try {
      if (request.signal?.aborted) throw new APIUserAbortError(undefined, { cause: request.signal.reason }); // aborted as the slot was granted
      outcome = await attemptOnce(config, request, timeoutMs);
    } finally {
      slot?.release();
    }
    const durationMs = Date.now() - startedMs;
    const canRetry = attempt <= maxRetries;

    if (outcome.ok) {
      const { response } = outcome;
      if (logger.enabled("debug")) {
        logger.log("debug", `${request.method} ${request.path} -> ${response.status}`, {
          method: request.method,
          path: request.path,
          status: response.status,
          attempt,
          durationMs,
          headers: redactHeaders(request.headers),
        });
      }
      if (response.status === 429 && limiter) {
        // The whole group waits, not only this request: as long as the server asks, else one (shortest) window, within maxRetryAfterMs.
        const pauseMs = retryAfterMs(response.headers.get("retry-after"), Date.now()) ?? limiter.shortestIntervalMs;
        limiter.pause(Math.min(pauseMs, config.retry.maxRetryAfterMs));
      }
      if (response.ok || !canRetry || !isRetryableStatus(response.status, request.idempotent)) {
        return { response, body: outcome.body, attempts: attempt };
      }
      const askedMs = retryAfterMs(response.headers.get("retry-after"), Date.now());
      if (askedMs !== undefined && askedMs > config.retry.maxRetryAfterMs) {
        logger.log("warn", `${request.method} ${request.path}: Retry-After of ${askedMs} ms exceeds maxRetryAfterMs (${config.retry.maxRetryAfterMs} ms); not retrying`);
        return { response, body: outcome.body, attempts: attempt };
      }
      const waitMs = askedMs ?? backoffDelayMs(attempt, config.retry, config.random);
      logger.log("info", `${request.method} ${request.path}: ${response.status}, retrying in ${waitMs} ms (attempt ${attempt + 1} of ${maxRetries + 1})`);
      await sleep(waitMs, request.signal);
      continue;
    }

    const { error } = outcome;
    if (logger.enabled("debug")) {
      logger.log("debug", `${request.method} ${request.path} -> ${error.name}`, {
        method: request.method,
        path: request.path,
        error: error.message,
        attempt,
        durationMs,
      });
    }
    if (error instanceof APIUserAbortError) throw error;
    const retryable =
      canRetry &&
      (request.idempotent || (!outcome.gotResponse && !(error instanceof APITimeoutError) && isRetryableConnectionFailure(error.cause, false)));
    if (!retryable) throw error;
    const waitMs = backoffDelayMs(attempt, config.retry, config.random);
    logger.log("info", `${request.method} ${request.path}: ${error.name}, retrying in ${waitMs} ms (attempt ${attempt + 1} of ${maxRetries + 1})`);
    await sleep(waitMs, request.signal);
  }
}
