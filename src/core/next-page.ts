// Reads a list response's `nextPage`. The client never requests the URL a server names: it only
// takes a page number from it and builds the next request itself, on its own base URL. A link to
// another origin or another path is refused outright, so a hostile or misconfigured server cannot
// steer the API key anywhere, nor make the client read a different list.
import { withoutTrailingSlashes } from "./url-path.js";

/** What a `nextPage` value says about the page after this one. */
export type NextPageLink =
  /** `null`, absent or `""`: this is the last page. */
  | { kind: "end" }
  /** A next page on this list; `pageNumber` is undefined when the link carries none. */
  | { kind: "page"; pageNumber: number | undefined }
  /** A value that cannot be followed safely; `reason` never quotes the value (it may echo secrets). */
  | { kind: "refused"; reason: string };

function positiveInteger(text: string): number | undefined {
  if (!/^\d{1,15}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 ? value : undefined;
}

/** A path compared by meaning: percent-encoding undone where valid, trailing slashes dropped. */
function comparablePath(pathname: string): string {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // a malformed escape is compared as sent
  }
  return withoutTrailingSlashes(decoded);
}

/**
 * @param value the response's `pagination.nextPage`, as parsed from JSON
 * @param requestUrl the URL of the request that got this response (relative links resolve against it)
 * @param listPaths the paths that name this list: the request's own path, and the operation path
 *   without the base URL's prefix (a server behind a path-prefixed proxy does not know the prefix)
 *
 * Both may be given as functions: only a link needs them, not the usual null or page number.
 */
export function readNextPage(value: unknown, requestUrl: URL | (() => URL), listPaths: readonly string[] | ((requestUrl: URL) => readonly string[])): NextPageLink {
  if (value === null || value === undefined) return { kind: "end" };
  if (typeof value === "number") {
    return Number.isSafeInteger(value) && value >= 1 ? { kind: "page", pageNumber: value } : { kind: "refused", reason: "nextPage is a number but not a positive integer" };
  }
  if (typeof value !== "string") return { kind: "refused", reason: `nextPage is neither a string nor a page number (${typeof value})` };
  const text = value.trim();
  if (text === "") return { kind: "end" };
  const bare = positiveInteger(text);
  if (bare !== undefined) return { kind: "page", pageNumber: bare };
  const base = typeof requestUrl === "function" ? requestUrl() : requestUrl;
  let link: URL;
  try {
    link = new URL(text, base);
  } catch {
    return { kind: "refused", reason: "nextPage is not a URL or a page number" };
  }
  if (link.origin !== base.origin) {
    return { kind: "refused", reason: "nextPage points to another origin than the client's base URL; it was not requested" };
  }
  const path = comparablePath(link.pathname);
  const paths = typeof listPaths === "function" ? listPaths(base) : listPaths;
  if (!paths.some((listPath) => comparablePath(listPath) === path)) {
    return { kind: "refused", reason: "nextPage points to another path than this list's; it was not requested" };
  }
  const pages = link.searchParams.getAll("page");
  if (pages.length === 0) return { kind: "page", pageNumber: undefined };
  const pageNumber = pages.length === 1 ? positiveInteger(pages[0]!) : undefined;
  if (pageNumber === undefined) return { kind: "refused", reason: "nextPage's page parameter is not one positive integer" };
  return { kind: "page", pageNumber };
}
