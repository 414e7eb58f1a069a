// Redirects a runtime hides (redirect.ts): an opaque redirect is still an APIRedirectError, and a
// 304 is not a redirect. Real redirects on real sockets: redirect.socket.test.ts.
import { describe, expect, it } from "vitest";
import { APIRedirectError } from "../../src/core/errors.js";
import { GET_THING, makeCore, scriptedFetch } from "../helpers/core.js";

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

describe("redirects a runtime hides", () => {
  it("an opaque redirect (status 0, as browsers give for redirect: 'manual') is an APIRedirectError with no location", async () => {
    const opaque = (): Response => {
      const response = new Response(null, { status: 200 });
      Object.defineProperty(response, "type", { value: "opaqueredirect" });
      Object.defineProperty(response, "status", { value: 0 });
      Object.defineProperty(response, "ok", { value: false });
      return response;
    };
    const { fetch, calls } = scriptedFetch(opaque);
    const error = await failure(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(error).toBeInstanceOf(APIRedirectError);
    expect(error).toMatchObject({ status: 0, location: undefined });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.init?.redirect).toBe("manual");
  });

  it("a 304 is not a redirect: it stays an APIError for its status", async () => {
    const { fetch } = scriptedFetch(() => new Response(null, { status: 304 }));
    const error = await failure(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(error).not.toBeInstanceOf(APIRedirectError);
    expect(error).toMatchObject({ status: 304 });
  });
});
