// An in-process list endpoint (`GET /console/v1/things`) for pagination tests: `total` items
// `{ id: "item-N" }` served by page number, with knobs for the ways real servers differ or break.
import type { FetchFunction } from "../../src/core/transport/send.js";
import type { PagePromise } from "../../src/core/pagination.js";
import { connectionReset, json, LIST_THINGS, makeCore } from "./core.js";

export interface PagedListOptions {
  total: number;
  /** Items per page whatever `limit` asks (a server-side cap). Default: the `limit` asked, else 100. */
  pageSizeCap?: number;
  /** `totalItems` to report: the truth (default), a number (a server that is wrong), or none. */
  totalItems?: number | "omit";
  /** The `nextPage` to send for page `page`, given the one a well-behaved server sends. */
  nextPage?: (page: number, wellBehaved: string | null) => unknown;
  /** The `pageNumber` to report when page `asked` was requested (default: `asked`). */
  reportedPage?: (asked: number) => number;
  /** Send `{ data }` without any pagination object. */
  withoutPagination?: boolean;
  /** Serve this page's items whatever page was asked (a server that ignores `page`). */
  alwaysServePage?: number;
  /** Response delay in ms for page `page` (default 0). */
  delayMs?: (page: number) => number;
}

interface PagedListCall {
  url: URL;
  page: number;
  startedAtMs: number;
  signal: AbortSignal | undefined;
  headers: Headers;
}

export function itemIds(from: number, to: number): string[] {
  return Array.from({ length: to - from }, (_, i) => `item-${from + i}`);
}

export function pagedList(options: PagedListOptions) {
  const calls: PagedListCall[] = [];
  const events: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch: FetchFunction = async (input, init) => {
    const url = new URL(String(input));
    const page = Number(url.searchParams.get("page") ?? "1");
    calls.push({ url, page, startedAtMs: performance.now(), signal: init?.signal ?? undefined, headers: new Headers(init?.headers) });
    events.push(`request ${page}`);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const delayMs = options.delayMs?.(page) ?? 0;
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    } finally {
      inFlight--;
    }
    events.push(`response ${page}`);
    const limitParam = url.searchParams.get("limit");
    const pageSize = options.pageSizeCap ?? (limitParam === null ? 100 : Number(limitParam));
    const served = options.alwaysServePage ?? page;
    const start = (served - 1) * pageSize;
    const data = itemIds(Math.min(start, options.total), Math.min(start + pageSize, options.total)).map((id) => ({ id }));
    if (options.withoutPagination) return json({ message: "ok", data });
    const isLast = start + pageSize >= options.total;
    const query = limitParam === null ? "" : `&limit=${limitParam}`;
    const wellBehaved = isLast ? null : `/console/v1/things?page=${served + 1}${query}`;
    const pagination: Record<string, unknown> = {
      itemsPerPage: pageSize,
      pageNumber: options.reportedPage ? options.reportedPage(page) : served,
      nextPage: options.nextPage ? options.nextPage(served, wellBehaved) : wellBehaved,
      previousPage: served > 1 ? `/console/v1/things?page=${served - 1}${query}` : null,
    };
    if (options.totalItems !== "omit") pagination.totalItems = options.totalItems ?? options.total;
    return json({ message: "ok", data, pagination });
  };
  return {
    fetch,
    calls,
    /** `request N` / `response N` in the order they happened, plus whatever the test adds. */
    events,
    pagesRequested: () => calls.map((c) => c.page),
    maxInFlight: () => maxInFlight,
  };
}

export type Thing = { id: string };

/** Every item `for await` yields, and the error that ended iteration, if any. */
export async function drain(promise: PagePromise<Thing>): Promise<{ ids: string[]; error: unknown }> {
  const ids: string[] = [];
  try {
    for await (const item of promise) ids.push(item.id);
    return { ids, error: undefined };
  } catch (error) {
    return { ids, error };
  }
}

/** A list of `things` served by pagedList(options), through the core, without retries. */
export function listThings(options: PagedListOptions, query: Record<string, unknown> = { limit: 10 }, maxPages?: number) {
  const server = pagedList(options);
  const promise = makeCore({ fetch: server.fetch, maxRetries: 0 }).list<Thing>(LIST_THINGS, { query }, maxPages === undefined ? undefined : { maxPages });
  return { server, promise };
}

/**
 * A list whose page 1 (two items) names page 2, and whose page 2 answers only after `delayMs`,
 * then fails as a fetch that ignores its signal would; `signals` holds each request's signal, so a
 * test can see whether the page fetched ahead was aborted.
 */
export function firstPageThenSlowFailure(delayMs: number) {
  const signals: (AbortSignal | undefined)[] = [];
  const fetch: FetchFunction = async (input, init) => {
    const page = Number(new URL(String(input)).searchParams.get("page") ?? 1);
    signals.push(init?.signal ?? undefined);
    if (page === 1)
      return json({ message: "ok", data: [{ id: "a" }, { id: "b" }], pagination: { itemsPerPage: 2, pageNumber: 1, nextPage: "/console/v1/things?page=2", previousPage: null } });
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return connectionReset();
  };
  return { fetch, signals };
}
