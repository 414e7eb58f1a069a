// Redirects are never followed (redirect.ts), on real sockets: the server redirected to sees
// nothing, and the call rejects with APIRedirectError naming the location.
import { describe, expect, it } from "vitest";
import { APIRedirectError } from "../../src/index.js";
import { failure, LOOPBACK_KEY as KEY, loopbackClient as client, startServer, useLoopbackServers } from "../helpers/loopback-server.js";

useLoopbackServers();

describe("redirects are never followed", () => {
  it.each([301, 302, 303, 307, 308])("a %i to another origin: the other server sees nothing, the call rejects naming the location", async (status) => {
    const elsewhere = await startServer((_request, response) => response.end('{"message":"stolen","data":{}}'));
    const api = await startServer((_request, response) => {
      response.writeHead(status, { location: `${elsewhere.baseUrl}/collect?key=${KEY}` });
      response.end("moved");
    });
    const { error } = await failure(client(api.baseUrl).gates.get("my_gate"));
    expect(error).toBeInstanceOf(APIRedirectError);
    const redirect = error as APIRedirectError;
    expect(redirect.status).toBe(status);
    expect(redirect.location).toBe(`${elsewhere.baseUrl}/collect?key=[redacted]`);
    expect(redirect.message).toContain(String(status));
    expect(redirect.message).toContain(`${elsewhere.baseUrl}/collect`);
    expect(redirect.message).not.toContain(KEY);
    expect(elsewhere.requests).toEqual([]);
    expect(api.requests).toHaveLength(1); // not retried
  });

  it.each([301, 302, 303])("a create answered by %i rejects and is not turned into a GET elsewhere", async (status) => {
    const elsewhere = await startServer((_request, response) => response.end('{"message":"not created","data":{"id":"elsewhere"}}'));
    const api = await startServer((_request, response) => {
      response.writeHead(status, { location: `${elsewhere.baseUrl}/console/v1/gates` });
      response.end();
    });
    await expect(client(api.baseUrl).gates.create({ name: "new_gate" })).rejects.toBeInstanceOf(APIRedirectError);
    expect(api.requests.map((r) => r.method)).toEqual(["POST"]);
    expect(elsewhere.requests).toEqual([]);
  });

  it("a relative Location is reported against the request URL; raw calls reject the same way", async () => {
    const api = await startServer((_request, response) => {
      response.writeHead(307, { location: "/v2/gates" });
      response.end();
    });
    const { error } = await failure(client(api.baseUrl).raw.GET("/console/v1/gates"));
    expect(error).toBeInstanceOf(APIRedirectError);
    expect((error as APIRedirectError).location).toBe(`${api.baseUrl}/v2/gates`);
    expect(api.requests).toHaveLength(1);
  });
});
