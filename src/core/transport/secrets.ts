// Removes secrets from text the transport puts into errors (a redirect's Location, a fetch error's
// message), in the forms a server or a runtime may echo them: raw, URL-encoded, JSON-escaped.

const SECRET_HEADERS = ["statsig-api-key", "authorization", "cookie"];

/** The secret header values of a request (lower-case names, as the transport builds them). */
export function secretsOfHeaders(headers: Record<string, string>): string[] {
  const secrets: string[] = [];
  for (const name of SECRET_HEADERS) {
    const value = headers[name];
    if (value) secrets.push(value);
  }
  return secrets;
}

function formsOf(secret: string): string[] {
  const jsonEscaped = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, encodeURIComponent(secret), jsonEscaped, jsonEscaped.replaceAll("/", "\\/")])];
}

export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of formsOf(secret)) if (out.includes(form)) out = out.split(form).join("[redacted]");
  }
  return out;
}

/** Whether an error, or any error in its cause chain, mentions a secret in its message or stack. */
export function mentionsSecret(error: unknown, secrets: readonly string[]): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++, current = current.cause) {
    const text = `${current.message}\n${current.stack ?? ""}`;
    if (scrubSecrets(text, secrets) !== text) return true;
  }
  return false;
}
