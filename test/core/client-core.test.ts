// ClientCore's own checks (client-core.ts): list options, the page a caller starts from against
// the page the server says it served, and the shape of a chunked call's body.
import { describe, expect, it } from "vitest";
import { InvalidRequestError, PaginationError } from "../../src/core/errors.js";
import { CREATE_THING, json, LIST_THINGS, makeCore, okResponse, scriptedFetch } from "../helpers/core.js";
import { firstPageThenSlowFailure, pagedList } from "../helpers/paged-list.js";

describe("ClientCore.list", () => {
  it("refuses maxPages below 1 (or not a number) with a message naming it, and accepts 1", async () => {
    const core = makeCore({ fetch: pagedList({ total: 3 }).fetch });
    expect(() => core.list(LIST_THINGS, {}, { maxPages: 0 })).toThrow(new InvalidRequestError("maxPages must be at least 1, got 0"));
    expect(() => core.list(LIST_THINGS, {}, { maxPages: Number.NaN })).toThrow(InvalidRequestError);
    const page = await core.list(LIST_THINGS, {}, { maxPages: 1 });
    expect(page.data).toHaveLength(3);
  });

  it("refuses a page the server says is another than the one the caller started from", async () => {
    for (const start of [1, 2]) {
      const core = makeCore({ fetch: pagedList({ total: 10, reportedPage: () => 5 }).fetch });
      const error = await core.list(LIST_THINGS, { query: { page: start, limit: 2 } }, undefined).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(PaginationError);
      expect(error).toMatchObject({
        message: expect.stringContaining(`asked for page ${start}, the server answered with page 5`),
        status: 200,
        method: "GET",
        path: `/console/v1/things?page=${start}&limit=2`,
      });
    }
  });

  it("does not take a page that is not a positive whole number as where the caller started", async () => {
    for (const start of [0, 1.5, "2"]) {
      const core = makeCore({ fetch: pagedList({ total: 10, reportedPage: () => 5 }).fetch });
      const page = await core.list(LIST_THINGS, { query: { page: start, limit: 2 } }, undefined);
      expect(page.data, String(start)).toHaveLength(2);
    }
  });

  it("takes a page whose pagination names no page number as the one asked for", async () => {
    const { fetch } = scriptedFetch(() => json({ message: "ok", data: [{ id: "a" }], pagination: { totalItems: 3, nextPage: null } }));
    const page = await makeCore({ fetch }).list(LIST_THINGS, { query: { page: 2, limit: 1 } }, undefined);
    expect(page.data).toEqual([{ id: "a" }]);
  });

  it("breaking out aborts the page fetched ahead even when the call carries a signal of its own", async () => {
    const { fetch, signals } = firstPageThenSlowFailure(200);
    const caller = new AbortController();
    const list = makeCore({ fetch, maxRetries: 0 }).list<{ id: string }>(LIST_THINGS, { query: { limit: 2 } }, { signal: caller.signal });
    for await (const item of list) {
      expect(item.id).toBe("a");
      // Break once page 2 is on its way, whatever the machine's load.
      while (signals.length < 2) await new Promise((resolve) => setTimeout(resolve, 1));
      break;
    }
    // At once, while the page is still on its way (each attempt's own signal is aborted anyway once it fails).
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(signals).toHaveLength(2);
    expect(signals[1]?.aborted).toBe(true);
    expect(caller.signal.aborted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 250));
  });

  it("refuses call() on a list operation, which must go through list()", async () => {
    const core = makeCore({ fetch: pagedList({ total: 1 }).fetch });
    await expect(core.call(LIST_THINGS, {}, undefined)).rejects.toThrow(new InvalidRequestError(`${LIST_THINGS.id} is a list operation`));
  });
});

describe("ClientCore.callInChunks", () => {
  const chunk = { field: "ids", maxItems: 2 };

  it("refuses a body without an array in the chunked field, naming the operation and field, and sends nothing", async () => {
    const { fetch, calls } = scriptedFetch(okResponse);
    const core = makeCore({ fetch });
    const message = `${CREATE_THING.id}: body.ids must be an array`;
    for (const body of [null, "ids", { ids: "u1" }, undefined]) {
      await expect(core.callInChunks(CREATE_THING, { body }, chunk, undefined)).rejects.toThrow(new InvalidRequestError(message));
    }
    expect(calls).toHaveLength(0);
  });

  it("refuses an onProgress that is not a function before sending anything", async () => {
    const { fetch, calls } = scriptedFetch(okResponse);
    const core = makeCore({ fetch });
    const options = { onProgress: "log" } as unknown as { onProgress: () => void };
    await expect(core.callInChunks(CREATE_THING, { body: { ids: ["a", "b", "c"] } }, chunk, options)).rejects.toThrow(
      new InvalidRequestError(`${CREATE_THING.id}: onProgress must be a function`),
    );
    expect(calls).toHaveLength(0);
  });

  it("sends the items in chunks with the rest of the body, and reports progress after each", async () => {
    const { fetch, calls } = scriptedFetch(okResponse);
    const core = makeCore({ fetch });
    const progress: string[] = [];
    const results = await core.callInChunks(CREATE_THING, { body: { ids: ["a", "b", "c"], note: "n" } }, chunk, {
      onProgress: ({ done, total }) => progress.push(`${done}/${total}`),
    });
    expect(results).toHaveLength(2);
    expect(calls.map((call) => JSON.parse(String(call.init?.body)) as unknown)).toEqual([
      { ids: ["a", "b"], note: "n" },
      { ids: ["c"], note: "n" },
    ]);
    expect(progress).toEqual(["1/2", "2/2"]);
  });
});
