// Page-number pagination: a Page is one response of a list operation; a PagePromise awaits to the
// first Page and iterates every item of every page, fetching one page at a time.
import { APIPromise } from "./api-promise.js";
import { PaginationLimitError } from "./errors.js";

/** The `pagination` object of a list response. */
export interface PaginationInfo {
  itemsPerPage: number;
  pageNumber: number;
  totalItems?: number;
  nextPage: string | null;
  previousPage: string | null;
  all?: string;
}

/** Fetches page `page` of the same list with the same query and options. */
export type PageFetcher<T> = (page: number) => APIPromise<Page<T>>;

export interface PageInit<T> {
  data: T[];
  pagination: PaginationInfo;
  /** The `limit` that was asked for, if any: a page shorter than it is the last one. */
  requestedLimit: number | undefined;
  pageIndex: number;
  maxPages: number;
  fetchPage: PageFetcher<T>;
}

function pageFromNextUrl(nextPage: string): number | undefined {
  const match = /[?&]page=(\d+)/.exec(nextPage);
  return match ? Number(match[1]) : undefined;
}

export class Page<T> {
  readonly data: T[];
  readonly pagination: PaginationInfo;
  readonly #init: PageInit<T>;

  constructor(init: PageInit<T>) {
    this.data = init.data;
    this.pagination = init.pagination;
    this.#init = init;
  }

  /** The page number to fetch next, or undefined on the last page. */
  nextPageNumber(): number | undefined {
    const { nextPage, pageNumber, itemsPerPage } = this.pagination;
    if (nextPage === null || nextPage === undefined || nextPage === "") return undefined;
    if (this.data.length === 0) return undefined;
    const pageSize = this.#init.requestedLimit ?? itemsPerPage;
    if (pageSize > 0 && this.data.length < pageSize) return undefined; // a short page is the last one
    return pageFromNextUrl(nextPage) ?? pageNumber + 1;
  }

  hasNextPage(): boolean {
    return this.nextPageNumber() !== undefined;
  }

  /** Fetches the next page. Throws PaginationLimitError past `maxPages`, and an Error on the last page. */
  getNextPage(): APIPromise<Page<T>> {
    const next = this.nextPageNumber();
    if (next === undefined) throw new PaginationLimitError("there is no next page (check hasNextPage() first)");
    if (this.#init.pageIndex + 1 >= this.#init.maxPages) {
      throw new PaginationLimitError(
        `stopped after ${this.#init.maxPages} pages without reaching the last one (raise maxPages to fetch more)`,
      );
    }
    return this.#init.fetchPage(next);
  }
}

export interface ToArrayOptions {
  /** Stop collecting after this many items. */
  maxItems?: number | undefined;
}

/** Await it for the first Page; `for await` it for every item; `.pages()` for every Page. */
export class PagePromise<T> extends APIPromise<Page<T>> implements AsyncIterable<T> {
  /** Every page, starting with this one, fetched one at a time. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let page: Page<T> = await this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }

  /** Collects items across pages into one array. */
  async toArray(options: ToArrayOptions = {}): Promise<T[]> {
    const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
    const items: T[] = [];
    if (maxItems <= 0) return items;
    for await (const item of this) {
      items.push(item);
      if (items.length >= maxItems) break;
    }
    return items;
  }
}
