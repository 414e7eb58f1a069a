// Page-number pagination (pagination.ts): which pages are requested and which items come out, with
// an injected fetch. How a `nextPage` link is read and which links are refused: next-page.test.ts;
// fetching ahead and in parallel: page-walker.test.ts; the same rules on real sockets:
// pagination.socket.test.ts.
import { describe, expect, it } from "vitest";
import { Page, PagePromise } from "../../src/core/pagination.js";
import { APIResponseError, InvalidRequestError, PaginationError, PaginationLimitError } from "../../src/core/errors.js";
import { LIST_THINGS, json, makeCore, scriptedFetch } from "../helpers/core.js";
import { drain, itemIds, listThings, pagedList, type Thing } from "../helpers/paged-list.js";
import type { FetchFunction } from "../../src/core/transport/send.js";

describe("pagination: when to go on", () => {
  it("await gives the first page; for await gives every item of every page, in order", async () => {
    const server = pagedList({ total: 2_345 });
    const core = makeCore({ fetch: server.fetch });
    const first = await core.list<Thing>(LIST_THINGS, { query: { limit: 100 } }, undefined);
    expect(first).toBeInstanceOf(Page);
    expect(first.data).toHaveLength(100);
    expect(first.hasNextPage()).toBe(true);
    expect(first.nextPageNumber()).toBe(2);

    server.calls.length = 0;
    const { ids, error } = await drain(core.list<Thing>(LIST_THINGS, { query: { limit: 100 } }, undefined));
    expect(error).toBeUndefined();
    expect(ids).toEqual(itemIds(0, 2_345));
    expect(server.calls.map((c) => c.url.searchParams.get("page"))).toEqual([null, ...Array.from({ length: 23 }, (_, i) => String(i + 2))]);
    expect(server.calls.every((c) => c.url.searchParams.get("limit") === "100")).toBe(true);
  });

  it("goes on after a short page that names a next page: a server capping pages at 10 when 50 are asked", async () => {
    const { server, promise } = listThings({ total: 50, pageSizeCap: 10 }, { limit: 50 });
    const { ids, error } = await drain(promise);
    expect(error).toBeUndefined();
    expect(ids).toEqual(itemIds(0, 50));
    expect(server.pagesRequested()).toEqual([1, 2, 3, 4, 5]);
    expect(server.calls.every((c) => c.url.searchParams.get("limit") === "50")).toBe(true);
  });

  it.each([
    ["null", null],
    ["absent", undefined],
    ["an empty string", ""],
    ["blank", "  "],
  ])("ends when the last page's nextPage is %s", async (_label, lastNext) => {
    // Were "" a link without a page number, page 4 would be requested next.
    const { server, promise } = listThings({ total: 25, nextPage: (_page, wellBehaved) => wellBehaved ?? lastNext }, { limit: 10 });
    const { ids, error } = await drain(promise);
    expect(error).toBeUndefined();
    expect(ids).toEqual(itemIds(0, 25));
    expect(server.pagesRequested()).toEqual([1, 2, 3]);
  });

  it("an empty page that names a next page does not end the list", async () => {
    // A server that filters after paginating can answer an empty page in the middle of a list.
    const data = (page: number) => (page === 2 ? [] : [{ id: `p${page}` }]);
    const fetch: FetchFunction = async (input) => {
      const page = Number(new URL(String(input)).searchParams.get("page") ?? 1);
      const nextPage = page < 3 ? `/console/v1/things?page=${page + 1}` : null;
      return json({ message: "ok", data: data(page), pagination: { itemsPerPage: 1, pageNumber: page, nextPage, previousPage: null } });
    };
    expect(
      await makeCore({ fetch })
        .list(LIST_THINGS, { query: { limit: 1 } }, undefined)
        .toArray(),
    ).toEqual([{ id: "p1" }, { id: "p3" }]);
  });

  it("starts from the page the query asks for", async () => {
    const { server, promise } = listThings({ total: 50 }, { limit: 10, page: 3 });
    const { ids } = await drain(promise);
    expect(ids).toEqual(itemIds(20, 50));
    expect(server.pagesRequested()).toEqual([3, 4, 5]);
  });
});

describe("pagination: answers without pagination data", () => {
  it("a page without pagination and without a limit is the whole list", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ message: "ok", data: [{ id: "a" }, { id: "b" }] }));
    const core = makeCore({ fetch });
    const page = await core.list(LIST_THINGS, {}, undefined);
    expect(page.hasNextPage()).toBe(false);
    expect(page.pagination.nextPage).toBeNull();
    expect(await core.list(LIST_THINGS, {}, undefined).toArray()).toEqual([{ id: "a" }, { id: "b" }]);
    expect(calls).toHaveLength(2);
  });

  it("a full page asks for the next one, a short page is the last", async () => {
    const { server, promise } = listThings({ total: 25, withoutPagination: true }, { limit: 10 });
    const { ids, error } = await drain(promise);
    expect(error).toBeUndefined();
    expect(ids).toEqual(itemIds(0, 25));
    expect(server.pagesRequested()).toEqual([1, 2, 3]);
  });

  it("a page larger than the limit is the whole list (the server ignored limit)", async () => {
    const { server, promise } = listThings({ total: 25, withoutPagination: true, pageSizeCap: 25 }, { limit: 10 });
    expect((await drain(promise)).ids).toEqual(itemIds(0, 25));
    expect(server.pagesRequested()).toEqual([1]);
  });

  it("a server that ignores page: the repeated page ends the list, its items are not yielded again", async () => {
    const { server, promise } = listThings({ total: 10, withoutPagination: true, alwaysServePage: 1 }, { limit: 10 });
    const { ids, error } = await drain(promise);
    expect(error).toBeUndefined();
    expect(ids).toEqual(itemIds(0, 10));
    expect(server.pagesRequested()).toEqual([1, 2]);
  });
});

describe("pagination: servers that cannot be followed", () => {
  it("a nextPage that does not advance: PaginationError, nothing yielded twice, the page not requested again", async () => {
    const { server, promise } = listThings({ total: 1_000, nextPage: (page) => `/console/v1/things?page=${Math.min(page + 1, 2)}&limit=10` });
    const { ids, error } = await drain(promise);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toBeInstanceOf(APIResponseError);
    expect((error as Error).message).toMatch(/page 2 names page 2 as the next one/);
    expect(ids).toEqual(itemIds(0, 20));
    expect(server.pagesRequested()).toEqual([1, 2]);
  });

  it("a cycle 1 → 2 → 3 → 1: PaginationError after page 3, every item once", async () => {
    const { server, promise } = listThings({ total: 1_000, nextPage: (page) => `/console/v1/things?page=${(page % 3) + 1}` });
    const { ids, error } = await drain(promise);
    expect(error).toBeInstanceOf(PaginationError);
    expect(ids).toEqual(itemIds(0, 30));
    expect(server.pagesRequested()).toEqual([1, 2, 3]);
  });

  it("a server that answers page 1 whatever is asked: PaginationError before the repeat is yielded", async () => {
    const { server, promise } = listThings({ total: 1_000, alwaysServePage: 1 });
    const { ids, error } = await drain(promise);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toMatch(/asked for page 2, the server answered with page 1/);
    expect(ids).toEqual(itemIds(0, 10));
    expect(server.pagesRequested()).toEqual([1, 2]);
  });
});

describe("pagination: limits", () => {
  function endlessFetch(counter: { pages: number }): FetchFunction {
    return async () => {
      const page = ++counter.pages;
      return json({
        message: "ok",
        data: [{ id: String(page) }],
        pagination: { itemsPerPage: 1, pageNumber: page, nextPage: `/console/v1/things?page=${page + 1}`, previousPage: null },
      });
    };
  }

  it("fails with PaginationLimitError at maxPages instead of looping forever", async () => {
    const counter = { pages: 0 };
    const promise = makeCore({ fetch: endlessFetch(counter) })
      .list(LIST_THINGS, { query: { limit: 1 } }, { maxPages: 5 })
      .toArray();
    await expect(promise).rejects.toBeInstanceOf(PaginationLimitError);
    expect(counter.pages).toBe(5);
  });

  it("uses the client's maxPages by default", async () => {
    const counter = { pages: 0 };
    await expect(
      makeCore({ fetch: endlessFetch(counter), maxPages: 3 })
        .list(LIST_THINGS, { query: { limit: 1 } }, undefined)
        .toArray(),
    ).rejects.toThrow(/3 pages/);
    expect(counter.pages).toBe(3);
  });

  it("toArray({ maxItems }) stops fetching once it has enough", async () => {
    const { server, promise } = listThings({ total: 1000 });
    expect((await promise.toArray({ maxItems: 25 })).map((t) => t.id)).toEqual(itemIds(0, 25));
    expect(server.calls).toHaveLength(3);
  });

  it.each([[-1], [1.5], [Number.NaN], ["10"]])("toArray({ maxItems: %s }) is an InvalidRequestError", async (maxItems) => {
    const { promise } = listThings({ total: 100 });
    await expect(promise.toArray({ maxItems: maxItems as number })).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it("toArray({ maxItems: 0 }) reports no progress: nothing was collected from any page", async () => {
    const progress: unknown[] = [];
    expect(await listThings({ total: 100 }).promise.toArray({ maxItems: 0, onProgress: (p) => progress.push(p) })).toEqual([]);
    expect(progress).toEqual([]);
  });

  it("toArray({ maxItems: 0 }) is empty, yet reports the first page's failure", async () => {
    expect(await listThings({ total: 100 }).promise.toArray({ maxItems: 0 })).toEqual([]);
    const { fetch } = scriptedFetch(() => json({ message: "ok", data: "nope" }));
    await expect(makeCore({ fetch }).list(LIST_THINGS, {}, undefined).toArray({ maxItems: 0 })).rejects.toBeInstanceOf(APIResponseError);
  });
});

describe("pagination: options and pages", () => {
  it("carries the call's options (headers) and query to every page", async () => {
    const server = pagedList({ total: 30 });
    await makeCore({ fetch: server.fetch })
      .list(LIST_THINGS, { query: { limit: 10, tags: ["a", "b"] } }, { headers: { "x-trace": "abc" } })
      .toArray();
    expect(server.calls.map((c) => c.url.searchParams.getAll("tags"))).toEqual([
      ["a", "b"],
      ["a", "b"],
      ["a", "b"],
    ]);
    expect(server.calls.map((c) => c.headers.get("x-trace"))).toEqual(["abc", "abc", "abc"]);
  });

  it(".pages() yields Page objects and getNextPage walks by hand", async () => {
    const server = pagedList({ total: 25 });
    const core = makeCore({ fetch: server.fetch });
    const sizes: number[] = [];
    for await (const page of core.list(LIST_THINGS, { query: { limit: 10 } }, undefined).pages()) sizes.push(page.data.length);
    expect(sizes).toEqual([10, 10, 5]);

    let page = await core.list(LIST_THINGS, { query: { limit: 10 } }, undefined);
    const numbers = [page.pagination.pageNumber];
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      numbers.push(page.pagination.pageNumber);
    }
    expect(numbers).toEqual([1, 2, 3]);
    expect(() => page.getNextPage()).toThrow(PaginationLimitError);
  });

  it("rejects a list answer whose data is not an array", async () => {
    const { fetch } = scriptedFetch(() => json({ message: "ok", data: { id: "a" } }));
    await expect(makeCore({ fetch }).list(LIST_THINGS, {}, undefined)).rejects.toMatchObject({ name: "APIResponseError" });
  });

  it("PagePromise works with withResponse()", async () => {
    const server = pagedList({ total: 5 });
    const promise = makeCore({ fetch: server.fetch }).list(LIST_THINGS, {}, undefined);
    expect(promise).toBeInstanceOf(PagePromise);
    const { data, response } = await promise.withResponse();
    expect(data.data).toHaveLength(5);
    expect(response.status).toBe(200);
  });
});

describe("pagination: walking by hand, and what a refusal says", () => {
  /** A list that never ends: every page names the next one. */
  const endlessFetch =
    (counter: { pages: number }): FetchFunction =>
    async () => {
      const page = ++counter.pages;
      return json({ message: "ok", data: [{ id: String(page) }], pagination: { itemsPerPage: 1, pageNumber: page, nextPage: `?page=${page + 1}`, previousPage: null } });
    };

  it("getNextPage stops at maxPages, and on the last page says there is none", async () => {
    const counter = { pages: 0 };
    const first = await makeCore({ fetch: endlessFetch(counter) }).list(LIST_THINGS, { query: { limit: 1 } }, { maxPages: 2 });
    const second = await first.getNextPage();
    expect(second.pagination.pageNumber).toBe(2);
    expect(() => second.getNextPage()).toThrow(PaginationLimitError);
    expect(counter.pages).toBe(2);
    const last = await listThings({ total: 5 }).promise;
    expect(last.hasNextPage()).toBe(false);
    expect(() => last.getNextPage()).toThrow(/there is no next page/);
  });

  it("a list without pagination asked with limit 0 is one empty page, not an endless walk", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ message: "ok", data: [] }));
    expect(
      await makeCore({ fetch })
        .list(LIST_THINGS, { query: { limit: 0 } }, { maxPages: 5 })
        .toArray(),
    ).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it("accepts maxItems: Infinity, and names the bad value in a refusal", async () => {
    expect(await listThings({ total: 25 }).promise.toArray({ maxItems: Number.POSITIVE_INFINITY })).toHaveLength(25);
    await expect(listThings({ total: 5 }).promise.toArray({ maxItems: 1.5 })).rejects.toThrow("maxItems must be a whole number of at least 0, got 1.5");
    await expect(listThings({ total: 5 }).promise.toArray({ concurrency: "4" as unknown as number })).rejects.toThrow("concurrency must be an integer from 1 to 8, got string");
    await expect(listThings({ total: 5 }).promise.toArray({ onProgress: 5 as unknown as () => void })).rejects.toThrow("onProgress must be a function");
  });
});
