// The response size cap (read-body.ts, maxResponseBytes) on real sockets: an endless or oversized
// body is cut off and the connection closed; a body under the cap is read whole and decoded as
// Response.text() would.
import { describe, expect, it } from "vitest";
import { APIResponseTooLargeError, StatsigConsole } from "../../src/index.js";
import { closedWithin, failure, LOOPBACK_KEY as KEY, loopbackClient as client, startServer, useLoopbackServers } from "../helpers/loopback-server.js";

useLoopbackServers();

describe("maxResponseBytes", () => {
  const MIB = 1024 * 1024;

  it("an endless 200 body rejects once over the cap, and the server can no longer write", async () => {
    let bytesWritten = 0;
    let writing = true;
    const chunk = Buffer.alloc(64 * 1024, " ");
    const api = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"message":"ok","data":');
      const pump = (): void => {
        while (writing) {
          bytesWritten += chunk.length;
          if (!response.write(chunk)) break; // buffered: go on when the client has read it
        }
        if (writing) response.once("drain", pump);
      };
      response.on("close", () => (writing = false));
      pump();
    });
    // timeoutMs bounds the test against a client without a cap (it would read until the timeout).
    const { error, elapsedMs } = await failure(client(api.baseUrl, { maxResponseBytes: MIB, maxRetries: 2, timeoutMs: 5000 }).gates.get("g"));
    expect(error).toBeInstanceOf(APIResponseTooLargeError);
    expect((error as APIResponseTooLargeError).maxResponseBytes).toBe(MIB);
    expect(elapsedMs).toBeLessThan(3000);
    expect(await closedWithin(api, 2000)).toBeDefined();
    expect(writing).toBe(false);
    const writtenWhenClosed = bytesWritten;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bytesWritten).toBe(writtenWhenClosed);
    // Sent before the close: the cap plus what the kernel buffered on both sides (about 4 MiB here);
    // a client that kept reading until its timeout would have taken hundreds of MiB.
    expect(writtenWhenClosed).toBeGreaterThan(MIB);
    expect(writtenWhenClosed).toBeLessThan(32 * MIB);
    expect(api.requests).toHaveLength(1); // not retried
  });

  it("a Content-Length over the cap rejects before any of the body is read", async () => {
    const api = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": String(2 * MIB) });
      response.flushHeaders(); // headers only: a client that tried to read the body would wait for the timeout
    });
    const { error, elapsedMs } = await failure(client(api.baseUrl, { maxResponseBytes: MIB, timeoutMs: 5000 }).gates.get("g"));
    expect(error).toBeInstanceOf(APIResponseTooLargeError);
    expect((error as Error).message).toContain(`declares ${2 * MIB} bytes`);
    expect(elapsedMs).toBeLessThan(2000);
    expect(await closedWithin(api, 2000)).toBeDefined();
    expect(api.requests).toHaveLength(1);
  });

  it("a Content-Length over the cap is refused up front under `Content-Encoding: identity` with trailing whitespace, which fetch keeps", async () => {
    const api = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "identity \t", "content-length": String(2 * MIB) });
      response.flushHeaders(); // headers only: a client that distrusted the length would wait for the timeout
    });
    const { error, elapsedMs } = await failure(client(api.baseUrl, { maxResponseBytes: MIB, timeoutMs: 3000, maxRetries: 0 }).gates.get("g"));
    expect((error as Error).message).toContain(`declares ${2 * MIB} bytes`);
    expect(elapsedMs).toBeLessThan(2000);
  });

  it("a body just under the cap is read whole", async () => {
    const data = "x".repeat(1000);
    const body = JSON.stringify({ message: "ok", data: { id: "g", name: "g", description: data } });
    const api = await startServer((_request, response) => response.end(body));
    const gate = await client(api.baseUrl, { maxResponseBytes: Buffer.byteLength(body) }).gates.get("g");
    expect(gate).toMatchObject({ description: data });
  });

  it("a body whose UTF-8 characters are split across chunks, with a BOM, decodes as Response.text() would", async () => {
    const bytes = Buffer.from(`\uFEFF${JSON.stringify({ message: "ok", data: { id: "g", name: "g", description: "déjà vu – 😀" } })}`);
    const split = bytes.indexOf(Buffer.from("😀")) + 2; // inside the four bytes of the emoji
    const api = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write(bytes.subarray(0, split));
      setTimeout(() => response.end(bytes.subarray(split)), 30);
    });
    await expect(client(api.baseUrl).gates.get("g")).resolves.toMatchObject({ description: "déjà vu – 😀" });
  });

  it("is validated as a positive integer", () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new StatsigConsole({ apiKey: KEY, maxResponseBytes: bad })).toThrow(/maxResponseBytes/);
    }
  });
});
