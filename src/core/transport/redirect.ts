// Redirects are never followed: fetch would re-send STATSIG-API-KEY to wherever the server points
// (it strips only Authorization and cookies), and would turn a redirected POST into a GET that
// resolves with another server's body. Every fetch asks for `redirect: "manual"`; this module
// recognises the redirect that comes back and turns it into an APIRedirectError.
import { APIRedirectError } from "../errors.js";
import { createScrubber, scrubHeaders } from "../secrets.js";

/**
 * A redirect response: a 3xx other than 304 (an answer to a conditional request), or the opaque
 * response (status 0, no headers) a browser gives for a redirect it was told not to follow.
 */
export function isRedirect(response: Response): boolean {
  const { status } = response;
  return response.type === "opaqueredirect" || (status >= 300 && status < 400 && status !== 304);
}

export function redirectError(response: Response, request: { method: string; path: string; url: string }, secrets: readonly string[]): APIRedirectError {
  const origin = new URL(request.url).origin;
  const advice = `redirects are not followed, so the API key is only sent to ${origin}; check baseUrl`;
  const scrub = createScrubber(secrets);
  const header = response.headers.get("location");
  let location: string | undefined;
  if (header !== null) {
    let absolute = header;
    try {
      absolute = new URL(header, request.url).href;
    } catch {
      // not a URL: reported as sent
    }
    location = scrub(absolute);
  }
  const where = `${request.method} ${request.path}`;
  const message =
    response.type === "opaqueredirect"
      ? `${where} was redirected to a location the runtime does not reveal; ${advice}`
      : `${where} failed with ${response.status}: redirected to ${location ?? "(no Location header)"}; ${advice}`;
  return new APIRedirectError({
    status: response.status,
    body: undefined,
    method: request.method,
    path: request.path,
    headers: scrubHeaders(response.headers, scrub),
    message,
    location,
  });
}
