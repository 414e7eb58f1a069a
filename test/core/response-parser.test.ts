// How a buffered response becomes the call's result or a typed error (response-parser.ts): bodies
// that are not what the API sends (HTML, empty, cut off, not an envelope) still give typed errors.
import { describe, expect, it } from "vitest";
import { type APIError, APIResponseError, InternalServerError, NotFoundError } from "../../src/core/errors.js";
import { callFailure, json } from "../helpers/core.js";

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
