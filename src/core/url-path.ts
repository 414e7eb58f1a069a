// Small facts about URL paths that several modules need, written once.

/** `https://host/prefix//` → `https://host/prefix`; `/a/b/` → `/a/b`. */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 47 /* "/" */) end--;
  return end === text.length ? text : text.slice(0, end);
}

/**
 * The path and query of a request URL below the client's base URL (`/console/v1/gates?limit=1`
 * for `https://host/proxy/console/v1/gates?limit=1` under `https://host/proxy`), so that a client
 * behind a path-prefixed proxy still sees the operation's own path. `baseUrl` is normalised
 * (origin and path, no trailing slash), as checkBaseUrl returns it.
 */
export function pathAndQueryBelow(url: string, baseUrl: string): string {
  if (url.startsWith(baseUrl) && (url.charCodeAt(baseUrl.length) === 47 /* "/" */ || url.length === baseUrl.length)) return url.slice(baseUrl.length);
  // Another base URL (openapi-fetch's per-request `baseUrl`): the whole path.
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}
