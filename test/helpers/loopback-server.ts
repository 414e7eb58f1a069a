// Real sockets for transport tests: node:http servers on 127.0.0.1 that record what reached them.
// `useLoopbackServer` is one server for a whole test file, whose answer each test sets;
// `startServer` starts one per test and also reports when the client let go of each socket.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { StatsigConsole } from "../../src/index.js";

export const LOOPBACK_KEY = "console-hostile-server-key";

/** A client of a loopback server: short retry delays, no client-side rate limiting. */
export const loopbackClient = (baseUrl: string, options: ConstructorParameters<typeof StatsigConsole>[0] = {}) =>
  new StatsigConsole({ apiKey: LOOPBACK_KEY, baseUrl, retry: { initialDelayMs: 10, maxDelayMs: 20 }, rateLimit: false, ...options });

export interface TestServer {
  baseUrl: string;
  /** Every request that arrived: method, url and the API key it carried. */
  requests: { method: string; url: string; key: string | undefined }[];
  /** Resolves when a socket of this server closes, with the time (ms) it did. */
  nextSocketClose: () => Promise<number>;
  close: () => Promise<void>;
}

/** Servers started by `startServer` in a test file; `useLoopbackServers()` closes them after each test. */
const servers: TestServer[] = [];

/** Registers the hook that closes every server a test started. Call once at the top of a test file. */
export function useLoopbackServers(): void {
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
}

/** A node:http server on 127.0.0.1 (a free port) answering with `handler`. */
export async function startServer(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<TestServer> {
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

/** The error a promise rejects with, and how long it took. */
export async function failure(promise: Promise<unknown>): Promise<{ error: unknown; elapsedMs: number }> {
  const startedMs = Date.now();
  try {
    await promise;
  } catch (error) {
    return { error, elapsedMs: Date.now() - startedMs };
  }
  throw new Error("expected the call to fail");
}

/** Resolves with the time a socket closes, or `undefined` if none does within `withinMs`. */
export function closedWithin(server: TestServer, withinMs: number): Promise<number | undefined> {
  return Promise.race([server.nextSocketClose(), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), withinMs))]);
}

/** A request as it arrived at a `useLoopbackServer` server, once its body had been read. */
interface Arrival {
  method: string;
  url: string;
  body: string;
  key: string | undefined;
  /** performance.now() when the whole request had arrived. */
  atMs: number;
}

/**
 * One node:http server on 127.0.0.1 for the test file: started before its first test, closed after
 * the last, with the arrivals forgotten before each test. `answer` is called with each request once
 * its body has arrived (tests usually forward it to a handler they replace per test).
 */
export function useLoopbackServer(answer: (request: IncomingMessage, body: string, response: ServerResponse) => void) {
  const arrivals: Arrival[] = [];
  let server: Server | undefined;
  let baseUrl = "";
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        arrivals.push({ method: request.method!, url: request.url!, body, key: request.headers["statsig-api-key"] as string | undefined, atMs: performance.now() });
        answer(request, body, response);
      });
    });
    const listening = server;
    await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    const listening = server;
    if (!listening) return;
    listening.closeAllConnections();
    await new Promise((resolve) => listening.close(resolve));
  });
  beforeEach(() => {
    arrivals.length = 0;
  });
  return {
    arrivals,
    /** `http://127.0.0.1:<port>`, once the server listens (inside tests). */
    baseUrl: () => baseUrl,
  };
}

/** Answers with this status and JSON body (and headers). */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}
