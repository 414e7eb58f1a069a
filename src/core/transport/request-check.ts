// Requests that can never be sent. Fetch refuses an invalid URL or header (a newline inside a
// value, a character outside Latin-1) with a TypeError that looks like a network failure and
// quotes the offending value, the API key included. Such a request is refused here, before any
// rate-limit slot or attempt, with an InvalidRequestError that names the header but not its value;
// and a fetch failure that still turns out to be local is told apart from a network one, so it is
// not retried as if the network might heal it.
import { InvalidRequestError } from "../errors.js";

// RFC 9110 field-name (token) and field-value (visible ASCII, obs-text, space, tab).
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const INVALID_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

export interface SendableRequest {
  method: string;
  url: string;
  path: string;
  headers: Record<string, string>;
}

/** Throws InvalidRequestError when fetch could never send this request. */
export function assertSendable(request: SendableRequest): void {
  const where = `${request.method} ${request.path}`;
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new InvalidRequestError(`${where}: the request URL cannot be parsed; check baseUrl`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidRequestError(`${where}: the request URL must be http or https, got ${url.protocol}; check baseUrl`);
  }
  for (const [name, value] of Object.entries(request.headers)) {
    if (!HEADER_NAME.test(name)) throw new InvalidRequestError(`${where}: ${JSON.stringify(name.slice(0, 40))} is not a valid header name`);
    // Fetch strips leading and trailing whitespace (a pasted key's newline) before it checks a value.
    if (INVALID_HEADER_VALUE.test(value) && INVALID_HEADER_VALUE.test(value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, ""))) {
      throw new InvalidRequestError(
        `${where}: the value of header ${name} contains a control character (CR, LF, NUL…) or a character outside Latin-1; the value is not shown as it may be secret`,
      );
    }
  }
}

// Codes of failures decided before any byte is sent: Node's argument checks, undici's own.
const LOCAL_ERROR_CODE = /^(ERR_INVALID_|ERR_UNESCAPED_CHARACTERS$|UND_ERR_INVALID_ARG$|UND_ERR_NOT_SUPPORTED$)/;
// What runtimes say, without any error code, when the network failed: undici, Chromium and msw,
// Firefox, Safari, React Native and whatwg-fetch, undici for a body cut off mid-stream.
const NETWORK_FAILURE_MESSAGE = /^(fetch failed|Failed to fetch|NetworkError\b.*|Load failed|Network request failed|terminated)$/;

function firstErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Object && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Whether a fetch rejection is about the request itself rather than the network: retrying it can
 * never succeed. Network failures carry an error code (ECONNRESET, UND_ERR_SOCKET…) or, in
 * browsers, one of a few fixed messages; a TypeError with neither comes from building the request
 * (an invalid header or URL, a blocked port, an unknown scheme). Any other error is left to the
 * connection-error rules, as before.
 */
export function isLocalRequestFailure(error: unknown): boolean {
  const code = firstErrorCode(error);
  if (code !== undefined) return LOCAL_ERROR_CODE.test(code);
  if (!(error instanceof TypeError)) return false;
  if (error.cause !== undefined) return true; // undici's "fetch failed" around a code-less cause: "bad port", "unknown scheme"
  return !NETWORK_FAILURE_MESSAGE.test(error.message);
}
