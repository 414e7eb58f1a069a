// The transport (send.ts) against hostile and broken servers on real sockets (node:http on
// 127.0.0.1): servers that never answer or trickle their body, the caller's signal, network
// failures and requests that can never be sent. Each test watches the server side too: what
// reached it, and when the client let go of the socket. Redirects: redirect.socket.test.ts; the
// size cap: read-body.socket.test.ts.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { APIConnectionError, APITimeoutError, APIUserAbortError, InvalidRequestError, StatsigConsole } from "../../src/index.js";
import { repoRoot } from "../helpers/spec.js";
import { closedWithin, failure, loopbackClient as client, startServer, useLoopbackServers } from "../helpers/loopback-server.js";

useLoopbackServers();

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
    const script = join(repoRoot, "test", "core", "fixtures", "one-call.ts");
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
