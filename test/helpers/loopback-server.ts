// Real sockets for transport tests: node:http servers on 127.0.0.1 that record what reached them
// and when the client let go of each socket, closed after every test.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach } from "vitest";
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
