// The request object a facade call is built as (facade-request.ts): what openapi-fetch, a
// middleware added with sc.raw.use() and the transport read from it must match a standard Request.
import { describe, expect, it } from "vitest";
import { FacadeRequest } from "../../src/core/facade-request.js";

const URL_ = "https://api.example.test/console/v1/gates";

describe("FacadeRequest", () => {
  it("defaults to GET with no body, like a Request", async () => {
    const request = new FacadeRequest(URL_);
    expect(request.method).toBe("GET");
    expect(request.url).toBe(URL_);
    expect(request.bodyText).toBeNull();
    expect(request.body).toBeNull();
    expect(await request.text()).toBe("");
    expect((await request.arrayBuffer()).byteLength).toBe(0);
  });

  it("keeps the JSON text it was given and reads it back as a stream, text, JSON and bytes", async () => {
    const request = new FacadeRequest(URL_, { method: "POST", headers: { "content-type": "application/json" }, body: '{"name":"g1"}' });
    expect(request.method).toBe("POST");
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(request.bodyText).toBe('{"name":"g1"}');
    expect(await new Response(request.body).text()).toBe('{"name":"g1"}');
    expect(await request.text()).toBe('{"name":"g1"}');
    expect(await request.json()).toEqual({ name: "g1" });
    expect(new TextDecoder().decode(await request.arrayBuffer())).toBe('{"name":"g1"}');
  });

  it("takes a Headers object as it is, so a middleware's changes are what the transport sends", () => {
    const headers = new Headers({ accept: "application/json" });
    expect(new FacadeRequest(URL_, { headers }).headers).toBe(headers);
  });

  it("treats a null body as none, and refuses a body that is not JSON text", () => {
    expect(new FacadeRequest(URL_, { method: "POST", body: null }).bodyText).toBeNull();
    expect(() => new FacadeRequest(URL_, { method: "POST", body: new Uint8Array([1]) })).toThrow(new TypeError("a facade request body is JSON text"));
  });

  it("clones into an equal request whose headers are its own", async () => {
    const original = new FacadeRequest(URL_, { method: "PATCH", headers: { "x-a": "1" }, body: '{"a":1}' });
    const copy = original.clone();
    expect(copy).toBeInstanceOf(FacadeRequest);
    expect([copy.url, copy.method, copy.bodyText, copy.headers.get("x-a")]).toEqual([URL_, "PATCH", '{"a":1}', "1"]);
    copy.headers.set("x-a", "2");
    expect(original.headers.get("x-a")).toBe("1");
  });
});
