// The transport's view of secrets: the credential values of one request (the key, a caller's
// Authorization or Cookie), scrubbed with the one scrubber in ../secrets.ts from what the
// transport puts into errors (a redirect's Location, a fetch error's message).
import { createScrubber, SECRET_HEADER_NAMES } from "../secrets.js";

/** The secret header values of a request (lower-case names, as the transport builds them). */
export function secretsOfHeaders(headers: Record<string, string>): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(headers)) if (value && SECRET_HEADER_NAMES.has(name)) secrets.push(value);
  return secrets;
}

/** Whether an error, or any error in its cause chain, mentions a secret in its message or stack. */
export function mentionsSecret(error: unknown, secrets: readonly string[]): boolean {
  const scrub = createScrubber(secrets);
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++, current = current.cause) {
    const text = `${current.message}\n${current.stack ?? ""}`;
    if (scrub(text) !== text) return true;
  }
  return false;
}
