// Redirects a runtime hides (redirect.ts): an opaque redirect is still an APIRedirectError, and a
// 304 is not a redirect; which statuses are redirects, and what the error tells the user. Real
// redirects on real sockets: redirect.socket.test.ts.
import { describe, expect, it } from "vitest";
import { APIRedirectError } from "../../src/core/errors.js";
import { GET_THING, json, makeCore, scriptedFetch, rejectionOf } from "../helpers/core.js";

const opaque = (): Response => {
  const response = new Response(null, { status: 200 });
  Object.defineProperty(response, "type", { value: "opaqueredirect" });
  Object.defineProperty(response, "status", { value: 0 });
  Object.defineProperty(response, "ok", { value: false });
  return response;
};

const ADVICE = "redirects are not followed, so the API key is only sent to https://api.test; check baseUrl";

describe("redirects a runtime hides", () => {
  it("an opaque redirect (status 0, as browsers give for redirect: 'manual') is an APIRedirectError with no location", async () => {
    const { fetch, calls } = scriptedFetch(opaque);
    const error = await rejectionOf(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(error).toBeInstanceOf(APIRedirectError);
    expect(error).toMatchObject({ status: 0, location: undefined });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.init?.redirect).toBe("manual");
  });

  it("a 304 is not a redirect: it stays an APIError for its status", async () => {
    const { fetch } = scriptedFetch(() => new Response(null, { status: 304 }));
    const error = await rejectionOf(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(error).not.toBeInstanceOf(APIRedirectError);
    expect(error).toMatchObject({ status: 304 });
  });
});

describe("which statuses are redirects", () => {
  it.each([300, 399])("a %i with a Location is a redirect, not followed", async (status) => {
    const { fetch, calls } = scriptedFetch(() => new Response(null, { status, headers: { location: "https://elsewhere.test/x" } }));
    const error = await rejectionOf(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(error).toBeInstanceOf(APIRedirectError);
    expect(error).toMatchObject({ status, location: "https://elsewhere.test/x" });
    expect(calls).toHaveLength(1);
  });

  it("a 400 with a Location is the API's 400, not a redirect", async () => {
    const { fetch } = scriptedFetch(() => json({ status: 400, message: "bad" }, 400, { location: "https://elsewhere.test/x" }));
    const error = await rejectionOf(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(error).not.toBeInstanceOf(APIRedirectError);
    expect(error).toMatchObject({ status: 400 });
  });
});

describe("what the error says", () => {
  it("a redirect names the request, the status and the location, and says where the key goes", async () => {
    const { fetch } = scriptedFetch(() => new Response(null, { status: 302, headers: { location: "/v2/things/t1" } }));
    const error = await rejectionOf(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect((error as Error).message).toBe(`GET /console/v1/things/t1 failed with 302: redirected to https://api.test/v2/things/t1; ${ADVICE}`);
  });

  it("a redirect without a Location says so", async () => {
    const { fetch } = scriptedFetch(() => new Response(null, { status: 307 }));
    const error = await rejectionOf(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect((error as Error).message).toBe(`GET /console/v1/things/t1 failed with 307: redirected to (no Location header); ${ADVICE}`);
    expect(error).toMatchObject({ location: undefined });
  });

  it("an opaque redirect says the runtime hides where it went", async () => {
    const { fetch } = scriptedFetch(opaque);
    const error = await rejectionOf(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect((error as Error).message).toBe(`GET /console/v1/things/t1 was redirected to a location the runtime does not reveal; ${ADVICE}`);
  });
});
