// When to retry and how long to wait. Pure functions of the attempt, the response and the options.
// What a server asks for (Retry-After, retry-after-ms) is read in retry-after.ts.
export { requestedRetryDelayMs } from "./retry-after.js";

export interface RetryOptions {
  /** Backoff before the first retry, in milliseconds (doubles each retry), 0 to 2^31−1. Default 500. */
  initialDelayMs?: number | undefined;
  /** Largest backoff between attempts, in milliseconds, 0 to 2^31−1. Default 8000. */
  maxDelayMs?: number | undefined;
  /**
   * Largest wait a server may ask for (`retry-after-ms` or `Retry-After`) that the client will
   * sleep for, in milliseconds, 0 to 2^31−1; above it the call fails with the response's error
   * (RateLimitError on a 429). Default 60000.
   */
  maxRetryAfterMs?: number | undefined;
}

/** Every retry option with its value decided (`Required` would keep the `| undefined` under exactOptionalPropertyTypes). */
export type ResolvedRetryOptions = { [Name in keyof RetryOptions]-?: Exclude<RetryOptions[Name], undefined> };

export const DEFAULT_RETRY_OPTIONS: ResolvedRetryOptions = {
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** Statuses worth repeating an idempotent request for: 408, 429 and every 5xx except 501 (Not Implemented). */
export function isRetryableStatus(status: number, idempotent: boolean): boolean {
  if (status === 429) return true; // the server refused before doing anything, safe for every method
  if (!idempotent) return false;
  return status === 408 || (status >= 500 && status !== 501);
}

// Error codes meaning the connection was never established, so the server cannot have seen the request.
const NEVER_CONNECTED_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Whether a request that failed without a response may be sent again. */
export function isRetryableConnectionFailure(error: unknown, idempotent: boolean): boolean {
  if (idempotent) return true;
  const code = errorCode(error);
  return code !== undefined && NEVER_CONNECTED_CODES.has(code);
}

/**
 * Exponential backoff with jitter, in milliseconds, before retry number `retry` (1-based):
 * min(maxDelayMs, initialDelayMs × 2^(retry−1)) × (1 − 0.25 × random), so between 75% and 100% of the step.
 */
export function backoffDelayMs(retry: number, options: ResolvedRetryOptions, random: () => number = Math.random): number {
  const step = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step * (1 - 0.25 * random()));
}
