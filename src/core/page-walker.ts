// Walks the pages of a list in order while fetching ahead of the caller. The chain of pages is
// always the one the server's `nextPage` links make (Page.nextPageNumber); fetching ahead only
// guesses where that chain goes, and a guess is used only once the chain reaches it:
//
// - one page ahead by default: the next page is requested when the current one is handed over,
//   so at most two pages are held at once;
// - up to `concurrency` pages ahead when the first page's `totalItems` says how many pages there
//   are; a chain that does not go 1, 2, 3… drops every guess and goes on one page ahead.
//
// A page fetched ahead and never used (the caller stopped, the list ended early, a guess was
// wrong) is aborted, and its failure, if any, is swallowed: nobody is waiting for it.
import type { APIPromise } from "./api-promise.js";
import { PaginationLimitError } from "./errors.js";
import type { Page } from "./pagination.js";

export interface PageRequest {
  /** Position in the iteration (0 for the first page); `maxPages` bounds it. */
  pageIndex: number;
  pageNumber: number;
  /** Cancels this page's request (in addition to the call's own signal). */
  signal?: AbortSignal | undefined;
  /** The items of the page whose link led here, when known: lets a server that ignores `page` be recognised. */
  previousItems?: readonly unknown[] | undefined;
}

/** Fetches one page of the same list, with the same query and options. */
export type FetchPage<T> = (request: PageRequest) => APIPromise<Page<T>>;

export function pageLimitError(maxPages: number): PaginationLimitError {
  return new PaginationLimitError(`stopped after ${maxPages} pages without reaching the last one (raise maxPages to fetch more)`);
}

export interface WalkOptions<T> {
  /** Pages requested ahead of the caller: 1, or up to this many when `totalItems` is known. */
  concurrency: number;
  /** Once this many items have been handed over, nothing more is requested. */
  maxItems: number;
  maxPages: number;
  fetchPage: FetchPage<T>;
}

interface Ahead<T> {
  page: Promise<Page<T>>;
  controller: AbortController;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

/** The last page number `totalItems` implies, or undefined when the first page does not tell. */
function lastPageFromTotal<T>(first: Page<T>): number | undefined {
  const total = first.pagination.totalItems;
  const pageSize = first.data.length;
  if (typeof total !== "number" || !Number.isFinite(total) || total < 0 || pageSize === 0) return undefined;
  return Math.ceil(total / pageSize);
}

export async function* walkPages<T>(first: PromiseLike<Page<T>>, options: WalkOptions<T>): AsyncGenerator<Page<T>, void, undefined> {
  const { maxItems, maxPages, fetchPage } = options;
  const ahead = new Map<number, Ahead<T>>();
  const start = (pageIndex: number, pageNumber: number, previousItems: readonly unknown[] | undefined): void => {
    const controller = new AbortController();
    const page = new Promise<Page<T>>((resolve) => resolve(fetchPage({ pageIndex, pageNumber, signal: controller.signal, previousItems })));
    page.catch(() => {}); // seen when its turn comes; if that never comes, nobody is left to tell
    ahead.set(pageNumber, { page, controller });
  };
  const dropAll = (): void => {
    for (const { controller } of ahead.values()) controller.abort();
    ahead.clear();
  };

  let page = await first;
  let pageIndex = 0;
  // The number of the current page: as asked for, or for the first page as the server reports it.
  let pageNumber = positiveInteger(page.pagination.pageNumber);
  let itemsSeen = 0;
  const pageSize = page.data.length;
  // Pages up to this number may be fetched in parallel (set from the first page's totalItems).
  let lastPage = options.concurrency > 1 && pageNumber !== undefined ? lastPageFromTotal(page) : undefined;
  try {
    for (;;) {
      itemsSeen += page.data.length;
      let next: number | undefined;
      let failure: unknown;
      try {
        next = page.nextPageNumber();
        if (next !== undefined && pageIndex + 1 >= maxPages) failure = pageLimitError(maxPages);
      } catch (error) {
        failure = error;
      }
      if (next === undefined || failure !== undefined || itemsSeen >= maxItems) {
        dropAll();
      } else {
        if (next !== (pageNumber ?? 0) + 1) {
          // The server's pages are not numbered one after another: guesses are worthless (and
          // one of them may be asked for again, as part of the chain this time).
          dropAll();
          lastPage = undefined;
        }
        if (!ahead.has(next)) start(pageIndex + 1, next, page.data);
        if (lastPage !== undefined) {
          const pagesStillWanted = Math.ceil((maxItems - itemsSeen) / pageSize);
          const lastToFetch = Math.min(lastPage, next + options.concurrency - 1, next + (maxPages - pageIndex - 2), next + pagesStillWanted - 1);
          for (let number = next + 1; number <= lastToFetch; number++) {
            if (!ahead.has(number)) start(pageIndex + 1 + (number - next), number, undefined);
          }
        }
      }
      yield page;
      if (itemsSeen >= maxItems) return;
      if (failure !== undefined) throw failure;
      if (next === undefined) return;
      const entry = ahead.get(next)!;
      ahead.delete(next);
      page = await entry.page;
      pageIndex++;
      pageNumber = next;
    }
  } finally {
    dropAll();
  }
}
