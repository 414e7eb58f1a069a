// The transport under both the facade and `sc.raw` (request-pipeline.ts makes it openapi-fetch's
// fetch): per attempt it waits for a rate-limit slot (mutations only), runs fetch under a timeout,
// reads the body under a size cap, logs one line, and decides whether to retry. The body is a
// string or bytes, so every attempt sends a fresh request. Redirects are never followed (redirect.ts).
import { APIConnectionError, APITimeoutError, InvalidRequestError, StatsigConsoleError } from "../errors.js";
import { createScrubber } from "../secrets.js";
import { subscribeToAbort, userAbortError } from "./abort-subscriptions.js";
import type { LevelledLogger } from "./logger.js";
import { redactHeaders } from "./logger.js";
import type { RateLimiters } from "./rate-limiter.js";
import { type BodyCancellation, DEFAULT_MAX_RESPONSE_BYTES, readBodyText } from "./read-body.js";
import { isRedirect, redirectError } from "./redirect.js";
import { assertSendable, isLocalRequestFailure } from "./request-check.js";
import { backoffDelayMs, isRetryableConnectionFailure, isRetryableStatus, requestedRetryDelayMs, type ResolvedRetryOptions } from "./retry-policy.js";
import { mentionsSecret, secretsOfHeaders } from "./secrets.js";
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
  /** Largest response body read, in bytes; a larger one fails with APIResponseTooLargeError. Default 50 MiB. */
  maxResponseBytes?: number;
}

export interface TransportRequest {
  method: string;
  url: string;
  /** Path and query, for log lines and errors (never the host or headers). */
  path: string;
  headers: Record<string, string>;
  body?: string | ArrayBuffer | undefined;
  idempotent: boolean;
  /** A group of the spec's `x-rate-limit-groups`, or `none`. */
  rateLimitGroup: string;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /**
   * True when every part of the request was checked where it entered the client (a facade call:
   * baseUrl, key, version and headers at construction, per-call options when the call was made,
   * path and query by the serializers), so the transport does not check them again on every
   * request. Otherwise (`sc.raw`, whose headers come from the caller) it checks URL and headers
   * once, before any rate-limit slot or attempt.
   */
  checked?: boolean | undefined;
}

export interface TransportResult {
  /** The final response; its body has been read into `body`. */
  response: Response;
  /** The whole body as text (the Console API only sends JSON and CSV). */
  body: string;
}

/** Errors an attempt ends with: APIConnectionError (and APITimeoutError) may be retried, the others never. */
type AttemptOutcome = { ok: true; response: Response; body: string } | { ok: false; error: StatsigConsoleError; gotResponse: boolean };

/** The error for a fetch that rejected or a body that could not be read, when neither a timeout nor the caller ended it. */
function failureError(request: TransportRequest, cause: unknown, gotResponse: boolean): StatsigConsoleError {
  if (cause instanceof StatsigConsoleError) return cause; // ours: a redirect, a body over the cap, no fetch at all
  const secrets = secretsOfHeaders(request.headers);
  const detail = cause instanceof Error ? `: ${createScrubber(secrets)(cause.message)}` : "";
  // A runtime's message may quote a header value, the key included: keep such a cause out of the error.
  const safeCause = mentionsSecret(cause, secrets) ? undefined : cause;
  if (!gotResponse && isLocalRequestFailure(cause)) {
    return new InvalidRequestError(`${request.method} ${request.path}: the request cannot be sent as built${detail}`, { cause: safeCause });
  }
  const what = gotResponse ? "the response body could not be read" : "the request could not be sent";
  return new APIConnectionError(`${request.method} ${request.path}: ${what}${detail}`, { cause: safeCause });
}

/**
 * One attempt: fetch and read the whole body, within `timeoutMs`.
 *
 * Every attempt has its own AbortController, aborted when the attempt times out, when the caller's
 * signal aborts, or when it fails (a body over the cap): fetch then closes the socket and stops
 * reading, so an abandoned request keeps neither a connection, memory nor the process alive. The
 * exchange also races an interruption that fires on the timeout or the caller's abort, so the
 * attempt ends on time even with a fetch that ignores signals. The caller's signal is never handed
 * to fetch; the attempt subscribes to it through abort-subscriptions.ts (one listener per signal).
 */
async function attemptOnce(config: TransportConfig, request: TransportRequest, timeoutMs: number): Promise<AttemptOutcome> {
  const userSignal = request.signal;
  const controller = new AbortController();
  let interrupted: "timeout" | "abort" | undefined;
  let rejectInterruption: ((reason: Error) => void) | undefined;
  const cancellation: BodyCancellation = {};
  const interruption = new Promise<never>((_resolve, reject) => {
    rejectInterruption = reject;
  });
  const interrupt = (reason: "timeout" | "abort"): void => {
    if (interrupted) return;
    interrupted = reason;
    controller.abort(reason === "abort" ? userSignal?.reason : new DOMException(`the attempt timed out after ${timeoutMs} ms`, "TimeoutError"));
    cancellation.cancel?.(controller.signal.reason);
    rejectInterruption?.(new Error(reason));
  };
  const timer = setTimeout(() => interrupt("timeout"), timeoutMs);
  const unsubscribe = userSignal ? subscribeToAbort(userSignal, () => interrupt("abort")) : undefined;
  if (userSignal?.aborted) interrupt("abort"); // aborted while the rate limiter let us through
  let gotResponse = false;
  const init: RequestInit = { method: request.method, headers: request.headers, redirect: "manual", signal: controller.signal };
  if (request.body !== undefined) init.body = request.body;
  const exchange = (async () => {
    const response = await config.resolveFetch()(request.url, init);
    gotResponse = true;
    if (interrupted) {
      await response.body?.cancel(); // too late: release the connection
      return undefined;
    }
    if (isRedirect(response)) {
      void response.body?.cancel().catch(() => {}); // never read a body meant for elsewhere
      throw redirectError(response, request, secretsOfHeaders(request.headers));
    }
    const maxResponseBytes = config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    return { response, body: await readBodyText(response, { method: request.method, path: request.path, maxResponseBytes, cancellation }) };
  })();
  try {
    const result = await Promise.race([exchange, interruption]);
    if (!result) throw new Error("interrupted");
    return { ok: true, response: result.response, body: result.body };
  } catch (cause) {
    if (!interrupted) controller.abort(); // a failed attempt leaves no request running (a body over the cap stops here)
    exchange.catch(() => {}); // the abandoned exchange may still fail later; nobody waits for it
    if (userSignal && (interrupted === "abort" || userSignal.aborted)) return { ok: false, error: userAbortError(userSignal), gotResponse };
    if (interrupted === "timeout") {
      return { ok: false, error: new APITimeoutError(`${request.method} ${request.path} timed out after ${timeoutMs} ms`), gotResponse };
    }
    return { ok: false, error: failureError(request, cause, gotResponse), gotResponse };
  } finally {
    clearTimeout(timer);
    unsubscribe?.();
    interruption.catch(() => {});
  }
}

/** Send a request with the configured retries, rate limits and timeouts. */
export async function send(config: TransportConfig, request: TransportRequest): Promise<TransportResult> {
  const maxRetries = Math.max(0, request.maxRetries ?? config.maxRetries);
  const timeoutMs = request.timeoutMs ?? config.timeoutMs;
  const limiter = config.limiters.forGroup(request.rateLimitGroup);
  const { logger } = config;
  if (!request.checked) assertSendable(request);
  for (let attempt = 1; ; attempt++) {
    if (request.signal?.aborted) throw userAbortError(request.signal);
    // The slot is held from the send until intervalMs after the response ended (rate-limiter.ts).
    const slot = limiter
      ? await limiter.acquire({
          signal: request.signal,
          attemptTimeoutMs: timeoutMs,
          onLongWait: ({ queuedRequests }) =>
            logger.log(
              "info",
              `${request.method} ${request.path}: waiting over 1 s for a rate-limit slot (${request.rateLimitGroup}; ${queuedRequests} queued; not logged again until the queue empties)`,
            ),
        })
      : undefined;
    const startedMs = Date.now();
    let outcome: AttemptOutcome;
    try {
      if (request.signal?.aborted) throw userAbortError(request.signal); // aborted as the slot was granted
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
      const askedMs = response.ok ? undefined : requestedRetryDelayMs(response.headers, Date.now());
      if (response.status === 429 && limiter) {
        // The whole group waits, not only this request: as long as the server asks, else one (shortest) window, within maxRetryAfterMs.
        limiter.pause(Math.min(askedMs ?? limiter.shortestIntervalMs, config.retry.maxRetryAfterMs));
      }
      if (response.ok || !canRetry || !isRetryableStatus(response.status, request.idempotent)) {
        return { response, body: outcome.body };
      }
      if (askedMs !== undefined && askedMs > config.retry.maxRetryAfterMs) {
        logger.log("warn", `${request.method} ${request.path}: Retry-After of ${askedMs} ms exceeds maxRetryAfterMs (${config.retry.maxRetryAfterMs} ms); not retrying`);
        return { response, body: outcome.body };
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
    // Only connection failures and timeouts may be retried: an abort, a redirect, a body over the cap
    // or a request that cannot be built would end the same way again.
    if (!(error instanceof APIConnectionError)) throw error;
    const retryable = canRetry && (request.idempotent || (!outcome.gotResponse && !(error instanceof APITimeoutError) && isRetryableConnectionFailure(error.cause, false)));
    if (!retryable) throw error;
    const waitMs = backoffDelayMs(attempt, config.retry, config.random);
    logger.log("info", `${request.method} ${request.path}: ${error.name}, retrying in ${waitMs} ms (attempt ${attempt + 1} of ${maxRetries + 1})`);
    await sleep(waitMs, request.signal);
  }
}
