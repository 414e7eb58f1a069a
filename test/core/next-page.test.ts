// How a list response's `nextPage` is read (next-page.ts): any form of link to the next page of the
// same list is followed by its page number alone; a link to another origin, path or list, or one
// without a usable page number, is a PaginationError and is never requested.
import { describe, expect, it } from "vitest";
import { PaginationError } from "../../src/core/errors.js";
import { readNextPage } from "../../src/core/next-page.js";
import type { FetchFunction } from "../../src/core/transport/send.js";
import { StatsigConsole } from "../../src/index.js";
import { json } from "../helpers/core.js";
import { drain, itemIds, listThings } from "../helpers/paged-list.js";

describe("pagination: when to go on", () => {
  it.each([
    ["a bare page number", (page: number) => page + 1],
    ["a page number as text", (page: number) => String(page + 1)],
    ["a query only", (page: number) => `?page=${page + 1}&limit=10`],
    ["an absolute URL on the base URL", (page: number) => `https://api.test/console/v1/things?page=${page + 1}`],
    ["a path with a trailing slash", (page: number) => `/console/v1/things/?page=${page + 1}`],
  ])("follows nextPage given as %s", async (_label, link) => {
    const { server, promise } = listThings({ total: 30, nextPage: (page, wellBehaved) => (wellBehaved === null ? null : link(page)) });
    const { ids, error } = await drain(promise);
    expect(error).toBeUndefined();
    expect(ids).toEqual(itemIds(0, 30));
    expect(server.pagesRequested()).toEqual([1, 2, 3]);
  });

  it("a nextPage without a page number means this page + 1", async () => {
    // Fails if the fallback asked for the same page again (it would be refused as a repeat) or skipped one.
    const { server, promise } = listThings({ total: 30, nextPage: (_page, wellBehaved) => (wellBehaved === null ? null : "/console/v1/things?limit=10") });
    const { ids, error } = await drain(promise);
    expect(error).toBeUndefined();
    expect(ids).toEqual(itemIds(0, 30));
    expect(server.pagesRequested()).toEqual([1, 2, 3]);
  });

  it("follows the page number a link names, even when it skips", async () => {
    const { server, promise } = listThings({ total: 100, nextPage: (page) => (page === 1 ? "/console/v1/things?page=5&limit=10" : null) });
    const { ids } = await drain(promise);
    expect(server.pagesRequested()).toEqual([1, 5]);
    expect(ids).toEqual([...itemIds(0, 10), ...itemIds(40, 50)]);
  });
});

describe("pagination: servers that cannot be followed", () => {
  it.each([
    ["another origin", "https://evil.test/console/v1/things?page=2"],
    ["the same host over another scheme", "http://api.test/console/v1/things?page=2"],
    ["the same host on another port", "https://api.test:8443/console/v1/things?page=2"],
    ["a protocol-relative URL", "//evil.test/console/v1/things?page=2"],
    ["another path", "/console/v1/other_things?page=2"],
    ["a path that climbs out", "/console/v1/things/../keys?page=2"],
    ["a page number that is not a number", "/console/v1/things?page=two"],
    ["two page numbers", "/console/v1/things?page=2&page=3"],
    ["page zero", "0"],
    ["a negative page", -2],
    ["an object", { page: 2 }],
  ])("a nextPage naming %s is a PaginationError; it is never requested", async (_label, link) => {
    const { server, promise } = listThings({ total: 1_000, nextPage: () => link });
    const { ids, error } = await drain(promise);
    expect(error).toBeInstanceOf(PaginationError);
    expect(ids).toEqual(itemIds(0, 10)); // the first page's items are fine
    expect(server.calls.map((c) => c.url.origin + c.url.pathname)).toEqual(["https://api.test/console/v1/things"]);
  });

  it("the first Page says there is a next page but refuses to fetch a bad one", async () => {
    const { server, promise } = listThings({ total: 1_000, nextPage: () => "https://evil.test/console/v1/things?page=2" });
    const page = await promise;
    expect(page.hasNextPage()).toBe(true);
    expect(() => page.nextPageNumber()).toThrow(PaginationError);
    expect(() => page.getNextPage()).toThrow(/another origin/);
    expect(server.calls).toHaveLength(1);
  });

  it("with a path-prefixed base URL, a link with or without the prefix is followed, nothing else", async () => {
    for (const [prefix, expectError] of [
      ["/proxy/statsig", false],
      ["", false],
      ["/elsewhere", true],
    ] as const) {
      const seen: string[] = [];
      const fetch = twoGatePages(seen, `${prefix}/console/v1/gates?page=2&limit=1`);
      const sc = new StatsigConsole({ apiKey: "console-prefix-test", baseUrl: "https://proxy.test/proxy/statsig", fetch, maxRetries: 0 });
      const result = sc.gates.list({ limit: 1 }).toArray();
      if (expectError) await expect(result).rejects.toBeInstanceOf(PaginationError);
      else expect((await result).map((g) => g.id)).toEqual(["g1", "g2"]);
      expect(seen[0]).toBe("/proxy/statsig/console/v1/gates?limit=1");
      expect(seen.slice(1)).toEqual(expectError ? [] : ["/proxy/statsig/console/v1/gates?limit=1&page=2"]);
    }
  });

  it("with a path-prefixed base URL and no query on the request, a link without the prefix is followed", async () => {
    const seen: string[] = [];
    const fetch = twoGatePages(seen, "/console/v1/gates?page=2");
    const sc = new StatsigConsole({ apiKey: "console-prefix-test", baseUrl: "https://proxy.test/proxy/statsig", fetch, maxRetries: 0 });
    expect((await sc.gates.list().toArray()).map((g) => g.id)).toEqual(["g1", "g2"]);
    expect(seen).toEqual(["/proxy/statsig/console/v1/gates", "/proxy/statsig/console/v1/gates?page=2"]);
  });

  it("a PaginationError message never quotes the link (it may echo the key)", async () => {
    const { promise } = listThings({ total: 1_000, nextPage: () => "https://console-unit-test-key-abcdef.evil.test/console-unit-test-key-abcdef?page=2" });
    const { error } = await drain(promise);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).not.toMatch(/console-unit-test-key|evil/i);
  });
});

/** Two pages of one gate each behind a path-prefixed proxy: page 1 names `nextPage`; each request's path and query go to `seen`. */
function twoGatePages(seen: string[], nextPage: string): FetchFunction {
  return async (input) => {
    const url = new URL(String(input));
    seen.push(url.pathname + url.search);
    const page = Number(url.searchParams.get("page") ?? 1);
    return json({
      message: "ok",
      data: [{ id: `g${page}` }],
      pagination: { itemsPerPage: 1, pageNumber: page, nextPage: page < 2 ? nextPage : null, previousPage: null },
    });
  };
}

describe("readNextPage, value by value", () => {
  const requestUrl = new URL("https://api.test/console/v1/things?limit=10");
  const listPaths = ["/console/v1/things"];
  const read = (value: unknown) => readNextPage(value, requestUrl, listPaths);

  it("reads page numbers given as numbers or digits, and the end as null, absent or blank", () => {
    expect(read(1)).toEqual({ kind: "page", pageNumber: 1 });
    expect(read("1")).toEqual({ kind: "page", pageNumber: 1 });
    expect(read("12")).toEqual({ kind: "page", pageNumber: 12 });
    expect(read(" 3 ")).toEqual({ kind: "page", pageNumber: 3 });
    expect(read("?page=4")).toEqual({ kind: "page", pageNumber: 4 });
    expect(read("/console/v1/things?limit=10")).toEqual({ kind: "page", pageNumber: undefined });
    for (const end of [null, undefined, "", "  "]) expect(read(end)).toEqual({ kind: "end" });
  });

  it("refuses numbers that are not page numbers, and text that only looks like one", () => {
    for (const value of [0, -1, 1.5, 2 ** 53, Number.POSITIVE_INFINITY])
      expect(read(value)).toEqual({ kind: "refused", reason: "nextPage is a number but not a positive integer" });
    // Number() would read these as 2000, 2 and 16; none is a page number the API writes.
    for (const value of ["2e3", "+2", "0x10", "1234567890123456"]) expect(read(value).kind).toBe("refused");
    expect(read(true)).toEqual({ kind: "refused", reason: "nextPage is neither a string nor a page number (boolean)" });
    expect(read("http://[not a host")).toEqual({ kind: "refused", reason: "nextPage is not a URL or a page number" });
    expect(read("/console/v1/other?page=2")).toEqual({ kind: "refused", reason: "nextPage points to another path than this list's; it was not requested" });
    expect(read("?page=0")).toEqual({ kind: "refused", reason: "nextPage's page parameter is not one positive integer" });
  });

  it("compares a link's path with a malformed escape as sent, without throwing", () => {
    expect(read("/console/v1/things%E0%A4%A?page=2").kind).toBe("refused");
    expect(readNextPage("/console/v1/th%69ngs?page=2", requestUrl, listPaths)).toEqual({ kind: "page", pageNumber: 2 });
  });

  it("takes the request URL and list paths as values or as functions", () => {
    expect(
      readNextPage(
        "?page=2",
        () => requestUrl,
        () => listPaths,
      ),
    ).toEqual({ kind: "page", pageNumber: 2 });
  });
});
