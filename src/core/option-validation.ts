// Checks on what the caller configures or passes per call, so input that can never work is
// refused with an InvalidRequestError before any request, instead of failing later in fetch or a
// timer. No message here ever quotes the API key or a header value.
import { InvalidRequestError } from "./errors.js";
import { withoutTrailingSlashes } from "./url-path.js";

/** Largest delay a timer can take: setTimeout turns anything above 2^31−1 ms into 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Most retries a call may ask for (each may wait up to `retry.maxDelayMs` or a Retry-After). */
const MAX_RETRIES_LIMIT = 10;

/** A timeout in milliseconds: a finite number from 1 to 2^31−1 (about 24.8 days). */
export function checkTimeoutMs(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 1 || value > MAX_TIMER_MS) {
    throw new InvalidRequestError(`${name} must be a number of milliseconds from 1 to ${MAX_TIMER_MS}, got ${describe(value)}`);
  }
  return value;
}

/** A delay in milliseconds: a finite number from 0 to 2^31−1. */
export function checkDelayMs(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > MAX_TIMER_MS) {
    throw new InvalidRequestError(`${name} must be a number of milliseconds from 0 to ${MAX_TIMER_MS}, got ${describe(value)}`);
  }
  return value;
}

/** A retry count: an integer from 0 to MAX_RETRIES_LIMIT. */
export function checkMaxRetries(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_RETRIES_LIMIT) {
    throw new InvalidRequestError(`${name} must be an integer from 0 to ${MAX_RETRIES_LIMIT}, got ${describe(value)}`);
  }
  return value;
}

/** Numbers and short kinds are safe to show; strings are not quoted (they could be anything). */
function describe(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return "a string";
  return value === null ? "null" : typeof value;
}

/** An RFC 9110 token: what fetch accepts as a header name. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/**
 * Characters a header value cannot carry: fetch throws on CR, LF, NUL and anything above U+00FF
 * (quoting the whole value in its message); RFC 9110 also rules out the other control characters
 * except horizontal tab.
 */
const UNSENDABLE_IN_HEADER_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f\u0100-\uffff]/;

/**
 * Headers the caller gave (`where` says which: "headers", "per-call headers"). The error names a
 * bad header but never shows its value, which may be a credential.
 */
export function checkHeaders(where: string, headers: unknown): void {
  if (headers === undefined) return;
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) {
    throw new InvalidRequestError(`${where} must be an object of header names to string values`);
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) throw new InvalidRequestError(`${where}: ${JSON.stringify(name)} is not a valid header name`);
    if (typeof value !== "string") throw new InvalidRequestError(`${where}: header "${name}" must be a string, got ${describe(value)}`);
    if (UNSENDABLE_IN_HEADER_VALUE.test(value)) {
      throw new InvalidRequestError(`${where}: header "${name}" has a value that cannot be sent (a line break, NUL or other control character, or a character above U+00FF)`);
    }
  }
}

/** The `userAgent` option: a non-empty string that can be sent as a header value. */
export function checkUserAgent(value: unknown): string {
  checkHeaders("userAgent", { "user-agent": value });
  if (value === "") throw new InvalidRequestError("userAgent must not be empty (leave it out for the default)");
  return value as string;
}

/** The options a single call may override, checked when the call is made. */
export interface PerCallOptions {
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  headers?: Record<string, string> | undefined;
}

/** Refuses per-call options that are out of range; called once per call, before any attempt. */
export function checkPerCallOptions(options: PerCallOptions): void {
  if (options.timeoutMs !== undefined) checkTimeoutMs("timeoutMs", options.timeoutMs);
  if (options.maxRetries !== undefined) checkMaxRetries("maxRetries", options.maxRetries);
  checkHeaders("headers", options.headers);
}

const CONSOLE_KEY_PREFIX = "console-";
/** Printable ASCII without spaces: anything else in a key is a copy-paste accident or a header injection. */
const KEY_CHARACTERS = /^[\u0021-\u007e]+$/;

/** The API key: a Console API key, `console-` then printable ASCII. The message never quotes it. */
export function checkApiKey(apiKey: string): string {
  if (apiKey.startsWith("secret-")) {
    throw new InvalidRequestError("The API key is a Server Secret key (secret-…); the Console API needs a Console API key (console-…).");
  }
  if (apiKey.startsWith("client-")) {
    throw new InvalidRequestError("The API key is a Client SDK key (client-…); the Console API needs a Console API key (console-…).");
  }
  if (/^bearer\s/i.test(apiKey)) {
    throw new InvalidRequestError('The API key starts with "Bearer"; pass the Console API key alone (console-…), it is sent in the STATSIG-API-KEY header.');
  }
  if (!apiKey.startsWith(CONSOLE_KEY_PREFIX) || apiKey.length === CONSOLE_KEY_PREFIX.length) {
    throw new InvalidRequestError(
      "The API key is not a Console API key: it must start with console-. Create one in the Statsig console under Project Settings → Keys & Environments.",
    );
  }
  if (!KEY_CHARACTERS.test(apiKey)) {
    throw new InvalidRequestError("The API key contains whitespace, a control character (such as a line break or NUL) or a non-ASCII character; check how it was copied.");
  }
  return apiKey;
}

/**
 * The base URL, normalised to origin plus path without trailing slashes. Refused: anything that
 * does not parse as an absolute URL, schemes other than http and https, credentials (they would
 * go to fetch and into error messages), a query or a fragment (paths are appended to it). The
 * message does not quote the URL, which could hold a password.
 */
export function checkBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== "string") throw new InvalidRequestError(`baseUrl must be a string, got ${describe(baseUrl)}`);
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InvalidRequestError("baseUrl is not an absolute URL: give the scheme and host, e.g. https://statsigapi.net");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InvalidRequestError("baseUrl must be an http or https URL with a host, e.g. https://statsigapi.net");
  }
  if (url.username !== "" || url.password !== "") throw new InvalidRequestError("baseUrl must not contain credentials (user:password@); the client sends the API key itself");
  if (url.search !== "" || baseUrl.includes("?")) throw new InvalidRequestError("baseUrl must not contain a query (?…): request paths are appended to it");
  if (url.hash !== "" || baseUrl.includes("#")) throw new InvalidRequestError("baseUrl must not contain a fragment (#…): request paths are appended to it");
  return withoutTrailingSlashes(url.origin + url.pathname);
}
