// Hostile and broken servers on real sockets (node:http on 127.0.0.1): redirects to another origin,
// servers that never answer, bodies that trickle or never end, bodies over the size cap. Each test
// watches the server side too: what reached it, and when the client let go of the socket.
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { APIConnectionError, APIRedirectError, APIResponseTooLargeError, APITimeoutError, APIUserAbortError, InvalidRequestError, StatsigConsole } from "../../src/index.js";
import { repoRoot } from "../helpers/spec.js";

const KEY = "console-hostile-server-key";

interface TestServer {
  baseUrl: string;
  /** Every request that arrived: method, url and the API key it carried. */
  requests: { method: string; url: string; key: string | undefined }[];
  /** Resolves when a socket of this server closes, with the time (ms) it did. */
  nextSocketClose: () => Promise<number>;
  close: () => Promise<void>;
}

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function startServer(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<TestServer> {
  const requests: TestServer["requests"] = [];
  const closes: number[] = [];
  const waiting: ((atMs: number) => void)[] = [];
  const server: Server = createServer((request, response) => {
    requests.push({ method: request.method!, url: request.url!, key: request.headers["statsig-api-key"] as string | undefined });
    handler(request, response);
  });
  server.on("connection", (socket: Socket) =>
    socket.on("close", () => {
      const atMs = Date.now();
      const waiter = waiting.shift();
      if (waiter) waiter(atMs);
      else closes.push(atMs);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const testServer: TestServer = {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    nextSocketClose: () => (closes.length > 0 ? Promise.resolve(closes.shift()!) : new Promise((resolve) => waiting.push(resolve))),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  servers.push(testServer);
  return testServer;
}

const client = (baseUrl: string, options: ConstructorParameters<typeof StatsigConsole>[0] = {}) =>
  new StatsigConsole({ apiKey: KEY, baseUrl, retry: { initialDelayMs: 10, maxDelayMs: 20 }, rateLimit: false, ...options });

/** The error a promise rejects with, and how long it took. */
async function failure(promise: Promise<unknown>): Promise<{ error: unknown; elapsedMs: number }> {
  const startedMs = Date.now();
  try {
    await promise;
  } catch (error) {
    return { error, elapsedMs: Date.now() - startedMs };
  }
  throw new Error("expected the call to fail");
}

/** Resolves with the time a socket closes, or `undefined` if none does within `withinMs`. */
function closedWithin(server: TestServer, withinMs: number): Promise<number | undefined> {
  return Promise.race([server.nextSocketClose(), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), withinMs))]);
}

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

describe("timeouts end the request, with or without a caller signal", () => {
  it("a server that never answers sees its socket closed right after the timeout", async () => {
    const api = await startServer(() => {}); // reads the request, never answers
    const { error, elapsedMs } = await failure(client(api.baseUrl, { timeoutMs: 200, maxRetries: 0 }).gates.get("g"));
    const rejectedAtMs = Date.now();
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(elapsedMs).toBeGreaterThanOrEqual(150);
    expect(elapsedMs).toBeLessThan(1000);
    const closedAtMs = await closedWithin(api, 2000);
    expect(closedAtMs).toBeDefined();
    expect(closedAtMs! - rejectedAtMs).toBeLessThan(500);
  });

  it("a script whose call timed out against a server that never answers exits by itself", async () => {
    const api = await startServer(() => {});
    const script = join(repoRoot, "test", "runtime", "fixtures", "one-call.ts");
    const child = spawn(process.execPath, ["--import", "tsx", script, api.baseUrl, "200"], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Kept alive by a leaked socket, the child would live for undici's 300 s headers timeout; give up after 10 s.
    const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    const exit = await new Promise<{ code: number | null; atMs: number }>((resolve) => child.on("exit", (code) => resolve({ code, atMs: Date.now() })));
    clearTimeout(killer);
    expect(stderr).toBe("");
    expect(exit.code).toBe(0);
    const { settled, atMs } = JSON.parse(stdout) as { settled: string; atMs: number };
    expect(settled).toBe("APITimeoutError");
    expect(exit.atMs - atMs).toBeLessThan(2000);
  });

  it("a body trickling one byte every 100 ms rejects with APITimeoutError on time, and the connection is closed", async () => {
    let bytesWritten = 0;
    const api = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"message":"ok","data":');
      const ticker = setInterval(() => {
        response.write(" ");
        bytesWritten++;
      }, 100);
      response.on("close", () => clearInterval(ticker));
    });
    const { error, elapsedMs } = await failure(client(api.baseUrl, { timeoutMs: 500, maxRetries: 0 }).gates.get("g"));
    const rejectedAtMs = Date.now();
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(elapsedMs).toBeGreaterThanOrEqual(450);
    expect(elapsedMs).toBeLessThan(1200);
    expect(bytesWritten).toBeGreaterThan(0); // the body had started: the timeout covers reading it
    const closedAtMs = await closedWithin(api, 2000);
    expect(closedAtMs).toBeDefined();
    expect(closedAtMs! - rejectedAtMs).toBeLessThan(500);
  });
});

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

describe("the caller's signal", () => {
  it("an abort in flight rejects with the signal's reason as cause and closes the socket", async () => {
    const api = await startServer(() => {});
    const controller = new AbortController();
    const reason = new Error("user navigated away");
    setTimeout(() => controller.abort(reason), 50);
    const { error, elapsedMs } = await failure(client(api.baseUrl).gates.get("g", { signal: controller.signal }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).cause).toBe(reason);
    expect(elapsedMs).toBeLessThan(1000);
    expect(await closedWithin(api, 2000)).toBeDefined();
  });

  it("an already-aborted signal rejects at once, with its reason, and nothing reaches the server", async () => {
    const api = await startServer((_request, response) => response.end('{"message":"ok","data":{}}'));
    const controller = new AbortController();
    controller.abort("stop");
    const { error } = await failure(client(api.baseUrl).gates.create({ name: "g" }, { signal: controller.signal }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).cause).toBe("stop");
    expect(api.requests).toEqual([]);
  });

  it("one signal shared by 50 concurrent calls, their retry sleeps and rate-limit waits prints no listener warning", async () => {
    const seenPaths = new Set<string>();
    const api = await startServer((request, response) => {
      const first = !seenPaths.has(request.url!);
      seenPaths.add(request.url!);
      // Every call is refused once, so each one also sleeps before its retry.
      response.writeHead(first ? 503 : 200, { "content-type": "application/json" });
      response.end(first ? '{"status":503,"message":"busy"}' : '{"message":"ok","data":{"id":"g"}}');
    });
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const controller = new AbortController();
      const sc = new StatsigConsole({
        apiKey: "console-shared-signal-key",
        baseUrl: api.baseUrl,
        retry: { initialDelayMs: 20, maxDelayMs: 20 },
        rateLimit: { mutations: [{ limit: 10, intervalMs: 100 }] }, // 25 creates: most wait for a slot
      });
      const reads = Array.from({ length: 25 }, (_, i) => sc.gates.get(`g${i}`, { signal: controller.signal }));
      const creates = Array.from({ length: 25 }, (_, i) => sc.gates.create({ name: `c${i}` }, { signal: controller.signal }));
      const settled = await Promise.allSettled([...reads, ...creates]);
      expect(settled.filter((s) => s.status === "fulfilled").length).toBeGreaterThanOrEqual(25); // the reads, after one retry each
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on a later tick
      expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });
});

describe("network failures keep their retry rules; local ones are not retried", () => {
  it("a GET whose socket is reset mid-body is retried and succeeds", async () => {
    const api = await startServer((request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "200" });
      if (api.requests.length === 1) {
        response.write('{"message":"ok","data":{"id":');
        setTimeout(() => request.socket.destroy(), 20);
      } else response.end(JSON.stringify({ message: "ok", data: { id: "g" } }).padEnd(200, " "));
    });
    await expect(client(api.baseUrl).gates.get("g")).resolves.toEqual({ id: "g" });
    expect(api.requests).toHaveLength(2);
  });

  it("a create whose socket is reset before any response is not retried (the server may have applied it)", async () => {
    const api = await startServer((request) => request.socket.destroy());
    const { error } = await failure(client(api.baseUrl).gates.create({ name: "g" }));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(api.requests).toHaveLength(1);
  });

  it("a create to a port nobody listens on is retried (it never connected)", async () => {
    const closed = await startServer(() => {});
    await closed.close();
    const attempts: unknown[] = [];
    const logger = { error() {}, warn() {}, info() {}, debug: (_message: string, fields?: Record<string, unknown>) => void attempts.push(fields?.attempt) };
    const { error } = await failure(client(closed.baseUrl, { logger, logLevel: "debug", maxRetries: 2 }).gates.create({ name: "g" }));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it("a header value with CR/LF inside is refused before sending, without quoting it, and not retried", async () => {
    const api = await startServer((_request, response) => response.end('{"message":"ok","data":{}}'));
    const secret = "console-pasted\r\nx-injected: 1";
    const { error } = await failure(client(api.baseUrl).gates.get("g", { headers: { "x-extra": secret } }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toContain("x-extra");
    expect((error as Error).message).not.toContain("console-pasted");
    expect(api.requests).toEqual([]);
  });

  it("a port fetch refuses to use (blocked by the fetch standard) fails once, as InvalidRequestError", async () => {
    const attempts: unknown[] = [];
    const logger = { error() {}, warn() {}, info() {}, debug: (_message: string, fields?: Record<string, unknown>) => void attempts.push(fields?.attempt) };
    const { error } = await failure(client("http://127.0.0.1:1", { logger, logLevel: "debug" }).gates.get("g"));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(attempts).toEqual([1]);
  });
});
