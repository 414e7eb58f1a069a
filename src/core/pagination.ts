// Page-number pagination: a Page is one response of a list operation; a PagePromise awaits to the
// first Page and iterates every item of every page, in order, fetching ahead (page-walker.ts).
//
// Which page comes next is decided here, once per response, and only ever moves forward: the
// next page number must be greater than this page's, so a server that repeats a page or loops
// back gets a PaginationError before anything is yielded twice or requested again.
import { APIPromise, type WithResponse } from "./api-promise.js";
import { InvalidRequestError, PaginationError, PaginationLimitError } from "./errors.js";
import type { NextPageLink } from "./next-page.js";
import { pageLimitError, walkPages, type FetchPage } from "./page-walker.js";

/** The `pagination` object of a list response. */
export interface PaginationInfo {
  itemsPerPage: number;
  pageNumber: number;
  totalItems?: number;
  nextPage: string | null;
  previousPage: string | null;
  all?: string;
}

export interface PageInit<T> {
  data: T[];
  pagination: PaginationInfo;
  /** False when the response had no `pagination` object at all (`pagination` is then made up). */
  hasPaginationData: boolean;
  /** The `limit` that was asked for, if any. */
  requestedLimit: number | undefined;
  /** This page's number: the one asked for, else the one the server reports, else 1. */
  pageNumber: number;
  /** Position of this page in its iteration (0 for the first); bounded by `maxPages`. */
  pageIndex: number;
  maxPages: number;
  /** The response's `nextPage`, read by next-page.ts. */
  nextLink: NextPageLink;
  /** The response this page came from (status, method, path), named in a PaginationError. */
  where: { status: number; method: string; path: string };
  fetchPage: FetchPage<T>;
}

type NextStep = { kind: "end" } | { kind: "next"; pageNumber: number } | { kind: "invalid"; reason: string };

/**
 * The page after this one. With pagination data, the server decides: a `nextPage` means go on
 * (to its page number, or to this page + 1 when it names none), none means stop; a short page
 * changes nothing, since servers cap page sizes below the `limit` asked for. Without pagination
 * data the only signal is the page size: a page of exactly `limit` items may have a successor.
 */
function planNextPage<T>(init: PageInit<T>): NextStep {
  const current = init.pageNumber;
  if (!init.hasPaginationData) {
    const full = init.requestedLimit !== undefined && init.data.length > 0 && init.data.length === init.requestedLimit;
    return full ? { kind: "next", pageNumber: current + 1 } : { kind: "end" };
  }
  const link = init.nextLink;
  if (link.kind === "end") return { kind: "end" };
  if (link.kind === "refused") return { kind: "invalid", reason: link.reason };
  const next = link.pageNumber ?? current + 1;
  if (next <= current) {
    return { kind: "invalid", reason: `page ${current} names page ${next} as the next one: pagination does not advance (a repeat or a cycle); stopped before requesting it again` };
  }
  return { kind: "next", pageNumber: next };
}

export class Page<T> {
  readonly data: T[];
  readonly pagination: PaginationInfo;
  readonly #init: PageInit<T>;
  readonly #next: NextStep;

  constructor(init: PageInit<T>) {
    this.data = init.data;
    this.pagination = init.pagination;
    this.#init = init;
    this.#next = planNextPage(init);
  }

  /**
   * The page number to fetch next, or undefined on the last page. Throws a PaginationError when the
   * response names a next page that cannot be followed (another origin or path, or no advance).
   */
  nextPageNumber(): number | undefined {
    const next = this.#next;
    if (next.kind === "end") return undefined;
    if (next.kind === "invalid") throw new PaginationError(next.reason, this.#init.where);
    return next.pageNumber;
  }

  /** True when the response names a next page (getNextPage() may still refuse to follow it). */
  hasNextPage(): boolean {
    return this.#next.kind !== "end";
  }

  /**
   * Fetches the next page. Throws PaginationLimitError on the last page or past `maxPages`, and
   * PaginationError when the next page cannot be followed safely. `signal` cancels this one request.
   */
  getNextPage(options: { signal?: AbortSignal | undefined } = {}): APIPromise<Page<T>> {
    const next = this.nextPageNumber();
    if (next === undefined) throw new PaginationLimitError("there is no next page (check hasNextPage() first)");
    if (this.#init.pageIndex + 1 >= this.#init.maxPages) throw pageLimitError(this.#init.maxPages);
    return this.#init.fetchPage({ pageIndex: this.#init.pageIndex + 1, pageNumber: next, signal: options.signal, previousItems: this.data });
  }
}

/** Progress of `toArray()`: items collected so far, out of the list's `totalItems` when the API reports it. */
export interface ListProgress {
  done: number;
  /** `totalItems` of the latest page (at most `maxItems`), or undefined when the API does not say. */
  total: number | undefined;
}

export interface PagesOptions {
  /**
   * Pages requested at once, 1 to 8 (default 1). Above 1, pages are fetched in parallel when the
   * first page reports `totalItems`, and still yielded in order; otherwise one page is fetched
   * ahead while the current one is being used.
   */
  concurrency?: number | undefined;
}

export interface ToArrayOptions extends PagesOptions {
  /** Stop collecting after this many items; no page beyond them is requested. */
  maxItems?: number | undefined;
  /** Called after each page is added. An exception thrown here stops the collection and is rethrown. */
  onProgress?: ((progress: ListProgress) => void) | undefined;
}

/** Where a PagePromise fetches the pages after the first, and how many it may fetch. */
export interface PageSource<T> {
  fetchPage: FetchPage<T>;
  maxPages: number;
}

const MAX_CONCURRENCY = 8;

function describe(value: unknown): string {
  return typeof value === "number" ? String(value) : typeof value;
}

function validConcurrency(value: unknown): number {
  if (value === undefined) return 1;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_CONCURRENCY) {
    throw new InvalidRequestError(`concurrency must be an integer from 1 to ${MAX_CONCURRENCY}, got ${describe(value)}`);
  }
  return value;
}

function validMaxItems(value: unknown): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (typeof value !== "number" || value < 0 || !(Number.isInteger(value) || value === Number.POSITIVE_INFINITY)) {
    throw new InvalidRequestError(`maxItems must be a whole number of at least 0, got ${describe(value)}`);
  }
  return value;
}

/** Await it for the first Page; `for await` it for every item; `.pages()` for every Page. */
export class PagePromise<T> extends APIPromise<Page<T>> implements AsyncIterable<T> {
  readonly #source: PageSource<T>;

  constructor(firstPage: Promise<WithResponse<Page<T>>>, source: PageSource<T>) {
    super(firstPage);
    this.#source = source;
  }

  #walk(concurrency: number, maxItems: number): AsyncGenerator<Page<T>, void, undefined> {
    return walkPages<T>(this, { concurrency, maxItems, maxPages: this.#source.maxPages, fetchPage: this.#source.fetchPage });
  }

  /** Every page, starting with this one, in order; the next one is fetched while you use the current one. */
  pages(options: PagesOptions = {}): AsyncGenerator<Page<T>, void, undefined> {
    return this.#walk(validConcurrency(options.concurrency), Number.POSITIVE_INFINITY);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.#walk(1, Number.POSITIVE_INFINITY)) yield* page.data;
  }

  /** Collects items across pages into one array. */
  async toArray(options: ToArrayOptions = {}): Promise<T[]> {
    const concurrency = validConcurrency(options.concurrency);
    const maxItems = validMaxItems(options.maxItems);
    const { onProgress } = options;
    if (onProgress !== undefined && typeof onProgress !== "function") throw new InvalidRequestError("onProgress must be a function");
    const items: T[] = [];
    if (maxItems === 0) {
      await this; // the first page was requested with the call: report its failure rather than drop it
      return items;
    }
    for await (const page of this.#walk(concurrency, maxItems)) {
      for (const item of page.data) {
        if (items.length >= maxItems) break;
        items.push(item);
      }
      const totalItems = page.pagination.totalItems;
      onProgress?.({ done: items.length, total: typeof totalItems === "number" ? Math.min(totalItems, maxItems) : undefined });
      if (items.length >= maxItems) break;
    }
    return items;
  }
}
