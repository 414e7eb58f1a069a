import { describe, expect, it } from "vitest";
import { Page, PagePromise } from "../../src/core/pagination.js";
import { PaginationLimitError } from "../../src/core/errors.js";
import { LIST_THINGS, json, makeCore, scriptedFetch } from "../helpers/core.js";
import type { FetchFunction } from "../../src/core/transport/send.js";

/** A list endpoint of `total` items served `limit` per page, with a configurable last-page marker. */
function pagedServer(total: number, { lastNext = null as string | null, ignoreLimit = false } = {}) {
  const calls: URL[] = [];
  const headersSeen: (string | null)[] = [];
  const fetch: FetchFunction = async (input, init) => {
    const url = new URL(String(input));
    calls.push(url);
    headersSeen.push(new Headers(init?.headers).get("x-trace"));
    const page = Number(url.searchParams.get("page") ?? "1");
    const limit = ignoreLimit ? 100 : Number(url.searchParams.get("limit") ?? "100");
    const start = (page - 1) * limit;
    const data = Array.from({ length: Math.max(0, Math.min(limit, total - start)) }, (_, i) => ({ id: `item-${start + i}` }));
    const isLast = start + limit >= total;
    return json({
      message: "ok",
      data,
      pagination: {
        itemsPerPage: limit,
        pageNumber: page,
        totalItems: total,
        nextPage: isLast ? lastNext : `/console/v1/things?page=${page + 1}&limit=${limit}`,
        previousPage: page > 1 ? `/console/v1/things?page=${page - 1}&limit=${limit}` : null,
      },
    });
  };
  return { fetch, calls, headersSeen };
}

describe("pagination", () => {
  it("await gives the first page; for await gives every item of every page, one page at a time", async () => {
    const server = pagedServer(2_345);
    const core = makeCore({ fetch: server.fetch });
    const first = await core.list<{ id: string }>(LIST_THINGS, [], { limit: 100 }, undefined);
    expect(first).toBeInstanceOf(Page);
    expect(first.data).toHaveLength(100);
    expect(first.hasNextPage()).toBe(true);

    server.calls.length = 0;
    const ids: string[] = [];
    for await (const item of core.list<{ id: string }>(LIST_THINGS, [], { limit: 100 }, undefined)) ids.push(item.id);
    expect(ids).toHaveLength(2_345);
    expect(new Set(ids).size).toBe(2_345);
    expect(ids.at(-1)).toBe("item-2344");
    expect(server.calls.map((u) => u.searchParams.get("page"))).toEqual([null, ...Array.from({ length: 23 }, (_, i) => String(i + 2))]);
    expect(server.calls.every((u) => u.searchParams.get("limit") === "100")).toBe(true);
  });

  it.each([
    ["null", null],
    ["an empty string", ""],
  ])("stops when nextPage is %s", async (_label, lastNext) => {
    const server = pagedServer(250, { lastNext });
    const items = await makeCore({ fetch: server.fetch }).list(LIST_THINGS, [], { limit: 100 }, undefined).toArray();
    expect(items).toHaveLength(250);
    expect(server.calls).toHaveLength(3);
  });

  it("stops on a short page even when nextPage is set", async () => {
    const server = pagedServer(250, { lastNext: "/console/v1/things?page=4&limit=100" });
    const items = await makeCore({ fetch: server.fetch }).list(LIST_THINGS, [], { limit: 100 }, undefined).toArray();
    expect(items).toHaveLength(250);
    expect(server.calls).toHaveLength(3);
  });

  it("fails with PaginationLimitError at maxPages instead of looping forever", async () => {
    let page = 0;
    const endless: FetchFunction = async () =>
      json({ message: "ok", data: [{ id: String(page) }], pagination: { itemsPerPage: 1, pageNumber: ++page, nextPage: `/x?page=${page + 1}`, previousPage: null } });
    const promise = makeCore({ fetch: endless }).list(LIST_THINGS, [], { limit: 1 }, { maxPages: 5 }).toArray();
    await expect(promise).rejects.toBeInstanceOf(PaginationLimitError);
    expect(page).toBe(5);
  });

  it("uses the client's maxPages by default", async () => {
    let page = 0;
    const endless: FetchFunction = async () =>
      json({ message: "ok", data: [{ id: String(page) }], pagination: { itemsPerPage: 1, pageNumber: ++page, nextPage: `/x?page=${page + 1}`, previousPage: null } });
    await expect(makeCore({ fetch: endless, maxPages: 3 }).list(LIST_THINGS, [], { limit: 1 }, undefined).toArray()).rejects.toThrow(/3 pages/);
    expect(page).toBe(3);
  });

  it("carries the call's options (headers) to every page", async () => {
    const server = pagedServer(30);
    await makeCore({ fetch: server.fetch }).list(LIST_THINGS, [], { limit: 10 }, { headers: { "x-trace": "abc" } }).toArray();
    expect(server.headersSeen).toEqual(["abc", "abc", "abc"]);
  });

  it("keeps the query on every page", async () => {
    const server = pagedServer(30);
    await makeCore({ fetch: server.fetch }).list(LIST_THINGS, [], { limit: 10, tags: ["a", "b"] }, undefined).toArray();
    expect(server.calls.map((u) => u.searchParams.getAll("tags"))).toEqual([["a", "b"], ["a", "b"], ["a", "b"]]);
  });

  it("toArray({ maxItems }) stops fetching once it has enough", async () => {
    const server = pagedServer(1000);
    const items = await makeCore({ fetch: server.fetch }).list(LIST_THINGS, [], { limit: 10 }, undefined).toArray({ maxItems: 25 });
    expect(items).toHaveLength(25);
    expect(server.calls).toHaveLength(3);
  });

  it(".pages() yields Page objects and getNextPage walks by hand", async () => {
    const server = pagedServer(25);
    const core = makeCore({ fetch: server.fetch });
    const sizes: number[] = [];
    for await (const page of core.list(LIST_THINGS, [], { limit: 10 }, undefined).pages()) sizes.push(page.data.length);
    expect(sizes).toEqual([10, 10, 5]);

    let page = await core.list(LIST_THINGS, [], { limit: 10 }, undefined);
    const numbers = [page.pagination.pageNumber];
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      numbers.push(page.pagination.pageNumber);
    }
    expect(numbers).toEqual([1, 2, 3]);
    expect(() => page.getNextPage()).toThrow(PaginationLimitError);
  });

  it("an empty first page ends iteration", async () => {
    const { fetch, calls } = scriptedFetch(() =>
      json({ message: "ok", data: [], pagination: { itemsPerPage: 100, pageNumber: 1, nextPage: "/x?page=2", previousPage: null } }),
    );
    expect(await makeCore({ fetch }).list(LIST_THINGS, [], undefined, undefined).toArray()).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it("treats a list answer without pagination as the whole list", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ message: "ok", data: [{ id: "a" }, { id: "b" }] }));
    const core = makeCore({ fetch });
    const page = await core.list(LIST_THINGS, [], undefined, undefined);
    expect(page.hasNextPage()).toBe(false);
    expect(page.pagination.nextPage).toBeNull();
    expect(await core.list(LIST_THINGS, [], undefined, undefined).toArray()).toEqual([{ id: "a" }, { id: "b" }]);
    expect(calls).toHaveLength(2);
  });

  it("rejects a list answer whose data is not an array", async () => {
    const { fetch } = scriptedFetch(() => json({ message: "ok", data: { id: "a" } }));
    await expect(makeCore({ fetch }).list(LIST_THINGS, [], undefined, undefined)).rejects.toMatchObject({ name: "APIResponseError" });
  });

  it("PagePromise works with withResponse()", async () => {
    const server = pagedServer(5);
    const promise = makeCore({ fetch: server.fetch }).list(LIST_THINGS, [], undefined, undefined);
    expect(promise).toBeInstanceOf(PagePromise);
    const { data, response } = await promise.withResponse();
    expect(data.data).toHaveLength(5);
    expect(response.status).toBe(200);
  });
});
