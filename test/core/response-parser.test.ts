// How a buffered response becomes the call's result or a typed error (response-parser.ts): bodies
// that are not what the API sends (HTML, empty, cut off, not an envelope) still give typed errors.
import { describe, expect, it } from "vitest";
import { type APIError, APIResponseError, InternalServerError, NotFoundError } from "../../src/core/errors.js";
import { callFailure, json, KEY, LIST_THINGS, makeCore, op, scriptedFetch } from "../helpers/core.js";

describe("error classes", () => {
  it("an HTML 502 page from a proxy becomes InternalServerError with the text", async () => {
    const error = (await callFailure(() => new Response("<html><body>502 Bad Gateway</body></html>", { status: 502, headers: { "content-type": "text/html" } }))) as APIError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.body).toContain("502 Bad Gateway");
    expect(error.message).toContain("502 Bad Gateway");
  });

  it("an empty error body still gives a typed error with a useful message", async () => {
    const error = (await callFailure(() => new Response(null, { status: 404 }))) as APIError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.body).toBeUndefined();
    expect(error.message).toContain("404");
  });

  it("a truncated JSON success body is an APIResponseError, not a SyntaxError", async () => {
    const error = await callFailure(() => new Response('{"message":"ok","data":{"id":', { status: 200 }));
    expect(error).toBeInstanceOf(APIResponseError);
    expect(error).not.toBeInstanceOf(SyntaxError);
  });

  it("an empty or non-envelope success body is an APIResponseError", async () => {
    expect(await callFailure(() => new Response("", { status: 200 }))).toBeInstanceOf(APIResponseError);
    expect(await callFailure(() => json([1, 2, 3]))).toBeInstanceOf(APIResponseError);
    expect(await callFailure(() => json({ message: "no data" }))).toBeInstanceOf(APIResponseError);
  });
});

describe("what an unparseable success body shows", () => {
  it("quotes at most 120 characters of it, with the key scrubbed", async () => {
    const body = `<html>${KEY} ${"x".repeat(300)}</html>`;
    const error = (await callFailure(() => new Response(body, { status: 200 }))) as APIResponseError;
    expect(error).toBeInstanceOf(APIResponseError);
    expect(error.message).toContain("<html>[redacted] xxx");
    expect(error.message).not.toContain(KEY);
    expect(error.message.endsWith("…")).toBe(true);
    expect(error.message).not.toContain("x".repeat(121));
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it("a short body is quoted whole, without an ellipsis", async () => {
    const error = (await callFailure(() => new Response("Service Unavailable", { status: 200 }))) as APIResponseError;
    expect(error.message.endsWith(": Service Unavailable")).toBe(true);
  });

  it("quotes nothing, and keeps no cause, for an operation that carries secrets", async () => {
    const secretOp = op({ method: "GET", path: "/console/v1/secret_things/{id}", carriesSecrets: true });
    const error = (await callFailure(() => new Response("plain text with a secret value in it", { status: 200 }), secretOp)) as APIResponseError;
    expect(error).toBeInstanceOf(APIResponseError);
    expect(error.message).toContain("body not shown");
    expect(error.message).not.toContain("secret value");
    expect(error.cause).toBeUndefined();
  });
});

describe("envelopes", () => {
  it("an error body of only whitespace is no body", async () => {
    const error = (await callFailure(() => new Response("  \n ", { status: 500 }))) as APIError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.body).toBeUndefined();
  });

  it("a message operation resolves to the message alone, and refuses an envelope without one", async () => {
    const messageOp = op({ method: "DELETE", path: "/console/v1/message_things/{id}", response: "message" });
    const { fetch } = scriptedFetch(
      () => json({ message: "deleted", data: { secret: true } }),
      () => json({ message: 42 }),
    );
    const core = makeCore({ fetch, maxRetries: 0 });
    expect(await core.call(messageOp, { path: { id: "t1" } }, undefined)).toEqual({ message: "deleted" });
    await expect(core.call(messageOp, { path: { id: "t1" } }, undefined)).rejects.toThrow(/envelope with a message/);
  });

  it("a text operation resolves to the body as sent, a body operation to the whole JSON", async () => {
    const textOp = op({ method: "GET", path: "/console/v1/text_things/{id}", response: "text" });
    const bodyOp = op({ method: "GET", path: "/console/v1/body_things/{id}", response: "body" });
    const { fetch } = scriptedFetch(
      () => new Response("not json at all", { status: 200 }),
      () => json({ message: "ok", data: [1], extra: true }),
    );
    const core = makeCore({ fetch, maxRetries: 0 });
    expect(await core.call(textOp, { path: { id: "t1" } }, undefined)).toBe("not json at all");
    expect(await core.call(bodyOp, { path: { id: "t1" } }, undefined)).toEqual({ message: "ok", data: [1], extra: true });
  });

  it("a data operation refuses an envelope that is not an object", async () => {
    expect(await callFailure(() => json("ok"))).toBeInstanceOf(APIResponseError);
    expect(await callFailure(() => json(null))).toBeInstanceOf(APIResponseError);
  });

  it("a list whose pagination is not an object is an APIResponseError; a missing or null one falls back on the page size", async () => {
    const { fetch } = scriptedFetch(
      () => json({ message: "ok", data: [{ id: "a" }], pagination: "page 1" }),
      () => json({ message: "ok", data: [{ id: "a" }], pagination: null }),
    );
    const core = makeCore({ fetch, maxRetries: 0 });
    await expect(core.list(LIST_THINGS, { query: { limit: 10 } }, {})).rejects.toThrow(/pagination to be an object/);
    const page = await core.list(LIST_THINGS, { query: { limit: 10 } }, {});
    expect(page.data).toEqual([{ id: "a" }]);
    expect(page.hasNextPage()).toBe(false);
    expect(page.pagination).toEqual({ itemsPerPage: 1, pageNumber: 1, nextPage: null, previousPage: null });
  });

  it("a list without a data array is an APIResponseError", async () => {
    const { fetch } = scriptedFetch(() => json({ message: "ok", data: { id: "a" } }));
    await expect(makeCore({ fetch, maxRetries: 0 }).list(LIST_THINGS, { query: {} }, {})).rejects.toThrow(/list envelope with a data array/);
  });
});

describe("what a malformed success body's error names", () => {
  it("the status, method and path, and what was wrong, for each kind of malformed body", async () => {
    const cases: [() => Response, RegExp][] = [
      [() => new Response("  \n", { status: 200 }), /expected a JSON body, got an empty one/],
      [() => json("ok"), /expected a JSON object envelope/],
      [() => json({ message: "ok" }), /expected an envelope with a data field/],
    ];
    for (const [response, message] of cases) {
      const error = (await callFailure(response)) as APIResponseError;
      expect(error).toBeInstanceOf(APIResponseError);
      expect(error.message).toMatch(message);
      expect(error).toMatchObject({ status: 200, method: "GET", path: "/console/v1/things/t1" });
    }
    const { fetch } = scriptedFetch(() => json({ message: "ok", data: "not a list" }));
    const listError = await makeCore({ fetch, maxRetries: 0 })
      .list(LIST_THINGS, { query: {} }, {})
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(listError).toMatchObject({ status: 200, method: "GET", path: "/console/v1/things" });
  });

  it("a body of exactly 120 characters is quoted whole", async () => {
    const body = `<${"y".repeat(118)}>`;
    const error = (await callFailure(() => new Response(body, { status: 200 }))) as APIResponseError;
    expect(error.message.endsWith(`: ${body}`)).toBe(true);
  });

  it("a none operation resolves to undefined whatever the body", async () => {
    const noneOp = op({ method: "DELETE", path: "/console/v1/none_things/{id}", response: "none" });
    const { fetch } = scriptedFetch(() => json({ message: "ok", data: { id: "t1" } }));
    expect(await makeCore({ fetch, maxRetries: 0 }).call(noneOp, { path: { id: "t1" } }, undefined)).toBeUndefined();
  });

  it("pagination absent: the page size decides; present: only nextPage does", async () => {
    const { fetch } = scriptedFetch(
      () => json({ message: "ok", data: [{ id: "a" }] }),
      () => json({ message: "ok", data: [{ id: "a" }], pagination: { itemsPerPage: 1, pageNumber: 1, nextPage: null, previousPage: null } }),
    );
    const core = makeCore({ fetch, maxRetries: 0 });
    expect((await core.list(LIST_THINGS, { query: { limit: 1 } }, {})).hasNextPage()).toBe(true); // a full page may have a successor
    expect((await core.list(LIST_THINGS, { query: { limit: 1 } }, {})).hasNextPage()).toBe(false); // the server said it is the last
  });
});

describe("unwrap with x-bare-data", () => {
  const context = { method: "GET", path: "/console/v1/things/t1/ids", secrets: [], previewBodies: true };
  const bare = () => new Response("[1,2]", { status: 200, headers: { "content-type": "application/json" } });

  it("takes a bare list as the data only for a data operation that accepts it", async () => {
    const { unwrap } = await import("../../src/core/response-parser.js");
    expect(unwrap("data", bare(), "[1,2]", context, true)).toEqual([1, 2]);
    expect(() => unwrap("data", bare(), "[1,2]", context, false)).toThrow(
      new APIResponseError("expected a JSON object envelope", { status: 200, method: "GET", path: context.path }),
    );
    expect(() => unwrap("message", bare(), "[1,2]", context, true)).toThrow(APIResponseError);
    expect(() => unwrap("data", bare(), "[1,2]", context)).toThrow(APIResponseError);
  });
});
