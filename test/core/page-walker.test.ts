// How pages are fetched: one ahead of the caller, in parallel when totalItems is known, always
// handed over in order; what happens to pages fetched ahead that nobody uses; progress reports.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChunkedRequestError, InternalServerError, InvalidRequestError, PaginationLimitError } from "../../src/core/errors.js";
import type { FetchFunction } from "../../src/core/transport/send.js";
import type { ListProgress, Page } from "../../src/core/pagination.js";
import { StatsigConsole } from "../../src/index.js";
import { LIST_THINGS, bodyText, json, makeCore, op } from "../helpers/core.js";
import { firstPageThenSlowFailure, itemIds, pagedList, type PagedListOptions } from "../helpers/paged-list.js";

type Thing = { id: string };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function list(options: PagedListOptions, query: Record<string, unknown> = { limit: 10 }, callOptions: { maxPages?: number } = {}) {
  const server = pagedList(options);
  const core = makeCore({ fetch: server.fetch, maxRetries: 0 });
  return { server, promise: core.list<Thing>(LIST_THINGS, { query }, callOptions), core };
}

// Every test here also fails on an unhandled rejection (a page fetched ahead that failed unseen).
let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled = [];
  process.on("unhandledRejection", onUnhandled);
});
afterEach(async () => {
  await pause(5);
  process.off("unhandledRejection", onUnhandled);
  expect(unhandled).toEqual([]);
});

describe("fetching one page ahead", () => {
  it("requests page n+1 while the caller works on page n, and never page n+2", async () => {
    const { server, promise } = list({ total: 50, delayMs: () => 20 });
    const ids: string[] = [];
    for await (const page of promise.pages()) {
      const n = page.pagination.pageNumber;
      server.events.push(`work ${n} start`);
      await pause(20);
      ids.push(...page.data.map((t) => t.id));
      server.events.push(`work ${n} end`);
    }
    expect(ids).toEqual(itemIds(0, 50));
    const at = (event: string) => server.events.indexOf(event);
    for (let n = 1; n <= 4; n++) {
      expect(at(`request ${n + 1}`), `page ${n + 1} is asked for before page ${n} is done`).toBeLessThan(at(`work ${n} end`));
      expect(at(`request ${n + 1}`)).toBeGreaterThan(at(`response ${n}`));
      if (n <= 3) expect(at(`request ${n + 2}`), `page ${n + 2} waits until page ${n} is done`).toBeGreaterThan(at(`work ${n} end`));
    }
    expect(server.maxInFlight()).toBe(1);
    expect(server.pagesRequested()).toEqual([1, 2, 3, 4, 5]);
  });

  it("the overlap shows in the time taken: 10 pages at 30 ms each way", async () => {
    const timed = async (walk: (promise: ReturnType<typeof list>["promise"]) => Promise<number>) => {
      const { promise } = list({ total: 100, delayMs: () => 30 });
      const started = performance.now();
      const count = await walk(promise);
      expect(count).toBe(100);
      return performance.now() - started;
    };
    const byHandMs = await timed(async (promise) => {
      let page = await promise;
      let count = page.data.length;
      await pause(30);
      while (page.hasNextPage()) {
        page = await page.getNextPage();
        count += page.data.length;
        await pause(30);
      }
      return count;
    });
    const aheadMs = await timed(async (promise) => {
      let count = 0;
      for await (const page of promise.pages()) {
        count += page.data.length;
        await pause(30);
      }
      return count;
    });
    // By hand: 10 × (30 + 30) ≈ 600 ms. One ahead: 30 + 10 × 30 ≈ 330 ms.
    expect(byHandMs).toBeGreaterThan(550);
    expect(aheadMs).toBeLessThan(byHandMs * 0.8);
  });

  it("breaking out aborts the page fetched ahead, swallows its failure and starts nothing more", async () => {
    const { fetch, signals } = firstPageThenSlowFailure(20);
    const seen: string[] = [];
    for await (const item of makeCore({ fetch, maxRetries: 0 }).list<Thing>(LIST_THINGS, { query: { limit: 2 } }, undefined)) {
      seen.push(item.id);
      break;
    }
    await pause(60);
    expect(seen).toEqual(["a"]);
    expect(signals).toHaveLength(2);
    expect(signals[1]?.aborted).toBe(true);
  });

  it("a page fetched ahead that fails is reported in its turn, after every item before it", async () => {
    const server = pagedList({ total: 50 });
    const fetch: FetchFunction = async (input, init) => {
      if (new URL(String(input)).searchParams.get("page") === "3") return json({ status: 500, message: "boom" }, 500);
      return server.fetch(input, init);
    };
    const ids: string[] = [];
    let error: unknown;
    try {
      for await (const item of makeCore({ fetch, maxRetries: 0 }).list<Thing>(LIST_THINGS, { query: { limit: 10 } }, undefined)) {
        ids.push(item.id);
        await pause(1); // slow enough for page 3 to fail before anyone asks for it
      }
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InternalServerError);
    expect(ids).toEqual(itemIds(0, 20));
  });

  it("the call's own signal still cancels pages fetched ahead", async () => {
    const controller = new AbortController();
    const { server } = list({ total: 50 });
    const slow: FetchFunction = async (input, init) => {
      if (new URL(String(input)).searchParams.get("page") === "2") await pause(50);
      return server.fetch(input, init);
    };
    const promise = makeCore({ fetch: slow, maxRetries: 0 }).list<Thing>(LIST_THINGS, { query: { limit: 10 } }, { signal: controller.signal });
    const ids: string[] = [];
    const run = (async () => {
      for await (const item of promise) ids.push(item.id);
    })();
    await pause(10);
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: "APIUserAbortError" });
    expect(ids).toEqual(itemIds(0, 10));
  });

  it("maxItems on a page boundary: the page after the last one needed is not requested", async () => {
    const { server, promise } = list({ total: 1_000 });
    expect((await promise.toArray({ maxItems: 20 })).map((t) => t.id)).toEqual(itemIds(0, 20));
    await pause(10);
    expect(server.pagesRequested()).toEqual([1, 2]);
  });

  it("requests nothing past the last page, nor past maxPages, even once the walk is over", async () => {
    const whole = list({ total: 30 });
    expect((await whole.promise.toArray()).map((t) => t.id)).toEqual(itemIds(0, 30));
    const capped = list({ total: 1_000 }, { limit: 10 }, { maxPages: 3 });
    await expect(capped.promise.toArray()).rejects.toBeInstanceOf(PaginationLimitError);
    await pause(20);
    expect(whole.server.pagesRequested()).toEqual([1, 2, 3]);
    expect(capped.server.pagesRequested()).toEqual([1, 2, 3]);
  });

  it("an empty first page tells no page size: one page ahead, whatever totalItems and concurrency say", async () => {
    // A server that filters after paginating can answer an empty first page.
    const server = pagedList({ total: 40, delayMs: () => 5 });
    const fetch: FetchFunction = async (input, init) => {
      const response = await server.fetch(input, init);
      if (new URL(String(input)).searchParams.get("page") !== null) return response;
      const body = (await response.json()) as { pagination: Record<string, unknown> };
      return json({ message: "ok", data: [], pagination: { ...body.pagination, totalItems: 40 } });
    };
    const items = await makeCore({ fetch, maxRetries: 0 })
      .list<Thing>(LIST_THINGS, { query: { limit: 10 } }, undefined)
      .toArray({ concurrency: 4 });
    expect(items.map((t) => t.id)).toEqual(itemIds(10, 40));
    expect(server.maxInFlight()).toBe(1);
    expect(server.pagesRequested()).toEqual([1, 2, 3, 4]);
  });

  it("breaking out aborts the page fetched ahead while it is still on its way, not once it has answered", async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const server = pagedList({ total: 50, delayMs: (page) => (page === 2 ? 100 : 0) });
    const fetch: FetchFunction = async (input, init) => {
      signals.push(init?.signal ?? undefined);
      return server.fetch(input, init);
    };
    for await (const item of makeCore({ fetch, maxRetries: 0 }).list<Thing>(LIST_THINGS, { query: { limit: 10 } }, undefined)) {
      expect(item.id).toBe("item-0");
      break;
    }
    await pause(10);
    expect(signals).toHaveLength(2);
    expect(signals[1]?.aborted).toBe(true); // page 2 would have answered fine at 100 ms
  });
});

describe("fetching in parallel (concurrency)", () => {
  it("concurrency 4: four pages in flight, handed over in order though later pages answer first", async () => {
    const { server, promise } = list({ total: 200, delayMs: (page) => (21 - page) * 2 });
    const pageNumbers: number[] = [];
    const ids: string[] = [];
    for await (const page of promise.pages({ concurrency: 4 })) {
      pageNumbers.push(page.pagination.pageNumber);
      ids.push(...page.data.map((t) => t.id));
    }
    expect(pageNumbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(ids).toEqual(itemIds(0, 200));
    expect(server.maxInFlight()).toBe(4);
    expect([...server.pagesRequested()].sort((a, b) => a - b)).toEqual(pageNumbers); // each page once
  });

  it("concurrency 8 through toArray, and it is faster than one page ahead", async () => {
    const one = list({ total: 400, delayMs: () => 15 });
    let started = performance.now();
    expect((await one.promise.toArray()).map((t) => t.id)).toEqual(itemIds(0, 400));
    const oneAheadMs = performance.now() - started;

    const eight = list({ total: 400, delayMs: () => 15 });
    started = performance.now();
    expect((await eight.promise.toArray({ concurrency: 8 })).map((t) => t.id)).toEqual(itemIds(0, 400));
    const eightMs = performance.now() - started;
    expect(eight.server.maxInFlight()).toBe(8);
    expect(one.server.maxInFlight()).toBe(1);
    expect(eightMs).toBeLessThan(oneAheadMs / 2); // ≈ 600 ms against ≈ 90 ms
  });

  it("without totalItems it goes one page ahead, whatever the concurrency", async () => {
    const { server, promise } = list({ total: 100, totalItems: "omit", delayMs: () => 2 });
    expect((await promise.toArray({ concurrency: 8 })).map((t) => t.id)).toEqual(itemIds(0, 100));
    expect(server.maxInFlight()).toBe(1);
  });

  it("works out the page count from the first page's size: a server capping pages at 10 when 50 are asked", async () => {
    const { server, promise } = list({ total: 50, pageSizeCap: 10, delayMs: () => 5 }, { limit: 50 });
    expect((await promise.toArray({ concurrency: 4 })).map((t) => t.id)).toEqual(itemIds(0, 50));
    expect([...server.pagesRequested()].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(server.maxInFlight()).toBe(4);
  });

  it("a totalItems that overstates the list: pages fetched past the end are dropped, even failed ones", async () => {
    const server = pagedList({ total: 30, totalItems: 1_000, delayMs: (page) => (page > 3 ? 20 : 2) });
    const fetch: FetchFunction = async (input, init) => {
      if (Number(new URL(String(input)).searchParams.get("page")) > 3) {
        await server.fetch(input, init); // record it
        return json({ status: 500, message: "no such page" }, 500);
      }
      return server.fetch(input, init);
    };
    const items = await makeCore({ fetch, maxRetries: 0 })
      .list<Thing>(LIST_THINGS, { query: { limit: 10 } }, undefined)
      .toArray({ concurrency: 4 });
    expect(items.map((t) => t.id)).toEqual(itemIds(0, 30));
    const beyond = server.calls.filter((c) => c.page > 3);
    expect(beyond.length).toBeGreaterThan(0);
    expect(beyond.length).toBeLessThanOrEqual(3);
    expect(beyond.every((c) => c.signal?.aborted)).toBe(true);
  });

  it("a totalItems that understates the list: the rest is still fetched, one page ahead", async () => {
    const { server, promise } = list({ total: 100, totalItems: 20 });
    expect((await promise.toArray({ concurrency: 4 })).map((t) => t.id)).toEqual(itemIds(0, 100));
    expect(server.pagesRequested()).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
  });

  it("pages that are not numbered one after another: no guessing, the chain is followed", async () => {
    const { server, promise } = list({ total: 200, nextPage: (page) => (page + 2 <= 20 ? `/console/v1/things?page=${page + 2}` : null) });
    const ids = (await promise.toArray({ concurrency: 4 })).map((t) => t.id);
    const chain = [1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
    expect(ids).toEqual(chain.flatMap((page) => itemIds((page - 1) * 10, page * 10)));
    expect(server.pagesRequested()).toEqual(chain);
  });

  it("a chain that skips a page midway: the guesses are dropped, every item of the chain comes once, in order", async () => {
    const { server, promise } = list({ total: 200, delayMs: () => 2, nextPage: (page, wellBehaved) => (page === 4 ? "/console/v1/things?page=7" : wellBehaved) });
    const ids = (await promise.toArray({ concurrency: 4 })).map((t) => t.id);
    const chain = [1, 2, 3, 4, ...Array.from({ length: 14 }, (_, i) => i + 7)];
    expect(ids).toEqual(chain.flatMap((page) => itemIds((page - 1) * 10, page * 10)));
    expect(server.pagesRequested().filter((page) => page === 5 || page === 6).length).toBeLessThanOrEqual(2); // guessed, then dropped
  });

  it("respects maxPages and maxItems", async () => {
    const capped = list({ total: 1_000 }, { limit: 10 }, { maxPages: 3 });
    await expect(capped.promise.toArray({ concurrency: 8 })).rejects.toBeInstanceOf(PaginationLimitError);
    expect([...capped.server.pagesRequested()].sort()).toEqual([1, 2, 3]);

    const enough = list({ total: 1_000 });
    expect((await enough.promise.toArray({ concurrency: 8, maxItems: 25 })).map((t) => t.id)).toEqual(itemIds(0, 25));
    expect([...enough.server.pagesRequested()].sort()).toEqual([1, 2, 3]);
  });

  it("a failed page in the middle: the pages before it, then its error", async () => {
    const server = pagedList({ total: 200 });
    const fetch: FetchFunction = async (input, init) =>
      new URL(String(input)).searchParams.get("page") === "3" ? json({ status: 500, message: "boom" }, 500) : server.fetch(input, init);
    const pageNumbers: number[] = [];
    const walk = async () => {
      for await (const page of makeCore({ fetch, maxRetries: 0 })
        .list<Thing>(LIST_THINGS, { query: { limit: 10 } }, undefined)
        .pages({ concurrency: 4 })) {
        pageNumbers.push(page.pagination.pageNumber);
      }
    };
    await expect(walk()).rejects.toBeInstanceOf(InternalServerError);
    expect(pageNumbers).toEqual([1, 2]);
  });

  it.each([[0], [9], [2.5], [Number.NaN], ["4"], [null]])("concurrency %s is an InvalidRequestError", async (concurrency) => {
    const { server, promise } = list({ total: 100 });
    await promise;
    await expect(promise.toArray({ concurrency: concurrency as number })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(() => promise.pages({ concurrency: concurrency as number })).toThrow(/concurrency must be an integer from 1 to 8/);
    expect(server.calls).toHaveLength(1);
  });

  it("maxItems and maxPages bound the pages in flight at once: exactly the pages still needed go out together", async () => {
    const enough = list({ total: 1_000, delayMs: () => 10 });
    expect((await enough.promise.toArray({ concurrency: 8, maxItems: 35 })).map((t) => t.id)).toEqual(itemIds(0, 35));
    expect([...enough.server.pagesRequested()].sort()).toEqual([1, 2, 3, 4]);
    expect(enough.server.maxInFlight()).toBe(3); // pages 2, 3 and 4 together, after page 1

    const capped = list({ total: 1_000, delayMs: () => 10 }, { limit: 10 }, { maxPages: 4 });
    await expect(capped.promise.toArray({ concurrency: 8 })).rejects.toBeInstanceOf(PaginationLimitError);
    expect([...capped.server.pagesRequested()].sort()).toEqual([1, 2, 3, 4]);
    expect(capped.server.maxInFlight()).toBe(3);
  });

  it("a page fetched ahead knows its place in the walk: its getNextPage() stops at maxPages like any other", async () => {
    const { promise } = list({ total: 1_000, delayMs: () => 2 }, { limit: 10 }, { maxPages: 4 });
    const pages: Page<Thing>[] = [];
    await expect(
      (async () => {
        for await (const page of promise.pages({ concurrency: 4 })) pages.push(page);
      })(),
    ).rejects.toBeInstanceOf(PaginationLimitError);
    expect(pages.map((page) => page.pagination.pageNumber)).toEqual([1, 2, 3, 4]); // 3 and 4 were fetched ahead, with 2
    expect((await pages[2]!.getNextPage()).pagination.pageNumber).toBe(4);
    expect(() => pages[3]!.getNextPage()).toThrow(PaginationLimitError);
    // The same for pages fetched one ahead along the chain.
    const oneAhead: Page<Thing>[] = [];
    await expect(
      (async () => {
        for await (const page of list({ total: 1_000 }, { limit: 10 }, { maxPages: 3 }).promise.pages()) oneAhead.push(page);
      })(),
    ).rejects.toBeInstanceOf(PaginationLimitError);
    expect(oneAhead).toHaveLength(3);
    expect(() => oneAhead[2]!.getNextPage()).toThrow(PaginationLimitError);
  });

  it("a chain that jumps: the guesses it skipped are aborted at once, and from there it goes one page ahead", async () => {
    const { server, promise } = list({
      total: 200,
      delayMs: (page) => (page === 5 || page === 6 ? 200 : 2), // the skipped guesses are still on their way at the jump
      nextPage: (page, wellBehaved) => (page === 4 ? "/console/v1/things?page=7" : wellBehaved),
    });
    const seen: number[] = [];
    let atJump: { skippedAborted: boolean[]; beyondNext: number[] } | undefined;
    for await (const page of promise.pages({ concurrency: 4 })) {
      seen.push(page.pagination.pageNumber);
      if (page.pagination.pageNumber === 7) {
        atJump = {
          skippedAborted: server.calls.filter((c) => c.page === 5 || c.page === 6).map((c) => c.signal?.aborted ?? false),
          beyondNext: server.pagesRequested().filter((n) => n > 8),
        };
      }
    }
    expect(seen).toEqual([1, 2, 3, 4, ...Array.from({ length: 14 }, (_, i) => i + 7)]);
    expect(atJump).toEqual({ skippedAborted: [true, true], beyondNext: [] });
  });

  it("a list of exactly maxPages pages ends normally: the limit is only for a next page past it", async () => {
    for (const concurrency of [1, 4]) {
      const { server, promise } = list({ total: 30 }, { limit: 10 }, { maxPages: 3 });
      expect((await promise.toArray({ concurrency })).map((t) => t.id)).toEqual(itemIds(0, 30));
      expect(server.pagesRequested()).toHaveLength(3);
    }
  });

  it("on the last page, pages guessed past it are aborted before the caller is handed it", async () => {
    const { server, promise } = list({ total: 30, totalItems: 1_000, delayMs: (page) => (page > 3 ? 200 : 2) });
    let abortedAtLast: boolean[] | undefined;
    for await (const page of promise.pages({ concurrency: 4 })) {
      if (!page.hasNextPage()) abortedAtLast = server.calls.filter((c) => c.page > 3).map((c) => c.signal?.aborted ?? false);
    }
    expect(abortedAtLast?.length).toBeGreaterThan(0);
    expect(abortedAtLast?.every((aborted) => aborted)).toBe(true);
  });

  it("a totalItems too large to be a number (1e999 parses as Infinity) tells no page count: one page ahead", async () => {
    const server = pagedList({ total: 40, delayMs: () => 5 });
    const fetch: FetchFunction = async (input, init) => {
      const text = await (await server.fetch(input, init)).text();
      return new Response(text.replace('"totalItems":40', '"totalItems":1e999'), { status: 200, headers: { "content-type": "application/json" } });
    };
    const items = await makeCore({ fetch, maxRetries: 0 })
      .list<Thing>(LIST_THINGS, { query: { limit: 10 } }, undefined)
      .toArray({ concurrency: 4 });
    expect(items.map((t) => t.id)).toEqual(itemIds(0, 40));
    expect(server.maxInFlight()).toBe(1);
  });

  it("a first page whose pageNumber is not a page number (here `true`) tells no place to guess from: one page ahead", async () => {
    const server = pagedList({ total: 40, delayMs: () => 5 });
    const fetch: FetchFunction = async (input, init) => {
      const text = await (await server.fetch(input, init)).text();
      const first = new URL(String(input)).searchParams.get("page") === null;
      return new Response(first ? text.replace('"pageNumber":1,', '"pageNumber":true,') : text, { status: 200, headers: { "content-type": "application/json" } });
    };
    const items = await makeCore({ fetch, maxRetries: 0 })
      .list<Thing>(LIST_THINGS, { query: { limit: 10 } }, undefined)
      .toArray({ concurrency: 4 });
    expect(items.map((t) => t.id)).toEqual(itemIds(0, 40));
    expect(server.maxInFlight()).toBe(1);
  });
});

describe("progress", () => {
  it("toArray reports items so far out of totalItems, after each page, in order even in parallel", async () => {
    for (const concurrency of [1, 4]) {
      const progress: ListProgress[] = [];
      await list({ total: 250, delayMs: (page) => (4 - page) * 5 }, { limit: 100 }).promise.toArray({ concurrency, onProgress: (p) => progress.push(p) });
      expect(progress).toEqual([
        { done: 100, total: 250 },
        { done: 200, total: 250 },
        { done: 250, total: 250 },
      ]);
    }
  });

  it("total is undefined without totalItems, and at most maxItems", async () => {
    const unknown: ListProgress[] = [];
    await list({ total: 25, totalItems: "omit" }).promise.toArray({ onProgress: (p) => unknown.push(p) });
    expect(unknown).toEqual([
      { done: 10, total: undefined },
      { done: 20, total: undefined },
      { done: 25, total: undefined },
    ]);
    const capped: ListProgress[] = [];
    await list({ total: 1_000 }).promise.toArray({ maxItems: 15, onProgress: (p) => capped.push(p) });
    expect(capped).toEqual([
      { done: 10, total: 15 },
      { done: 15, total: 15 },
    ]);
  });

  it("an onProgress that throws stops the collection; one that is not a function is refused", async () => {
    const { server, promise } = list({ total: 1_000 });
    const stop = new Error("stop");
    await expect(
      promise.toArray({
        onProgress: () => {
          throw stop;
        },
      }),
    ).rejects.toBe(stop);
    await pause(10);
    expect(server.calls.length).toBeLessThanOrEqual(2);
    await expect(promise.toArray({ onProgress: 5 as unknown as () => void })).rejects.toBeInstanceOf(InvalidRequestError);
  });

  const ADD_IDS = op({ method: "PATCH", path: "/console/v1/things/{id}/ids", response: "message", idempotent: false, rateLimitGroup: "mutations" });

  it("…InChunks reports chunks done out of all chunks", async () => {
    const bodies: string[] = [];
    const fetch: FetchFunction = async (_input, init) => {
      bodies.push(String(bodyText(init)));
      return json({ message: "added" });
    };
    const progress: unknown[] = [];
    await makeCore({ fetch }).callInChunks(
      ADD_IDS,
      { path: { id: "t" }, body: { ids: ["a", "b", "c", "d", "e"] } },
      { field: "ids", maxItems: 2 },
      { onProgress: (p) => progress.push(p) },
    );
    expect(progress).toEqual([
      { done: 1, total: 3 },
      { done: 2, total: 3 },
      { done: 3, total: 3 },
    ]);
    expect(bodies).toHaveLength(3);
  });

  it("…InChunks reports only the chunks the API accepted when one fails", async () => {
    let calls = 0;
    const fetch: FetchFunction = async () => (++calls === 2 ? json({ status: 400, message: "bad ids" }, 400) : json({ message: "added" }));
    const progress: unknown[] = [];
    const error = await makeCore({ fetch, maxRetries: 0 })
      .callInChunks(ADD_IDS, { path: { id: "t" }, body: { ids: ["a", "b", "c", "d", "e"] } }, { field: "ids", maxItems: 2 }, { onProgress: (p) => progress.push(p) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChunkedRequestError);
    expect(progress).toEqual([{ done: 1, total: 3 }]);
  });

  it("…InChunks refuses an onProgress that is not a function before sending anything", async () => {
    let calls = 0;
    const fetch: FetchFunction = async () => {
      calls++;
      return json({ message: "added" });
    };
    await expect(
      makeCore({ fetch }).callInChunks(ADD_IDS, { path: { id: "t" }, body: { ids: ["a"] } }, { field: "ids", maxItems: 2 }, { onProgress: "yes" as unknown as () => void }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toBe(0);
  });

  it("the generated …InChunks methods take onProgress", async () => {
    const fetch: FetchFunction = async () => json({ message: "IDs added to the segment." });
    const sc = new StatsigConsole({ apiKey: "console-progress-test", fetch, rateLimit: false });
    const progress: { done: number; total: number }[] = [];
    const ids = Array.from({ length: 2_500 }, (_, i) => `user_${i}`);
    await sc.segments.idList.addInChunks("beta", { ids }, { onProgress: (p) => progress.push(p) });
    expect(progress).toEqual([
      { done: 1, total: 3 },
      { done: 2, total: 3 },
      { done: 3, total: 3 },
    ]);
  });
});
