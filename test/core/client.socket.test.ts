// The client end to end over a real HTTP server on 127.0.0.1 (real sockets, real timers): pages,
// retries, typed errors, timeouts, aborts, a server that echoes the key back, and input refused
// before anything reaches the server.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { inspect } from "node:util";
import { APIConnectionError, APITimeoutError, APIUserAbortError, AuthenticationError, InvalidRequestError, NotFoundError, StatsigConsole } from "../../src/index.js";
import { sendJson, useLoopbackServer } from "../helpers/loopback-server.js";
import { encodings, KEY_MARKERS, SPECIAL_KEY } from "../helpers/secrets.js";

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;
let handler: Handler;
const server = useLoopbackServer((request, body, response) => handler(request, body, response));
const seen = server.arrivals;
const send = sendJson;

const client = (options: ConstructorParameters<typeof StatsigConsole>[0] = {}) =>
  new StatsigConsole({ apiKey: "console-loopback-key", baseUrl: server.baseUrl(), retry: { initialDelayMs: 10, maxDelayMs: 20 }, ...options });

describe("over a loopback server", () => {
  it("a server echoing the key it received, in every encoding, in the body and headers, leaks nothing into the error", async () => {
    handler = (request, _body, response) => {
      const received = String(request.headers["statsig-api-key"]);
      const echoes = Object.fromEntries(encodings(received));
      send(
        response,
        401,
        { status: 401, message: `Invalid key ${received} (${received})`, echoes },
        {
          "x-echo": received,
          "x-echo-url": encodeURIComponent(received),
          "set-cookie": [`k=${encodeURIComponent(received)}`, "session=s3cr3t-cookie"],
        },
      );
    };
    const error = await client({ apiKey: SPECIAL_KEY, rateLimit: false })
      .gates.get("g1")
      .then(
        () => undefined,
        (caught: unknown) => caught as AuthenticationError,
      );
    expect(error).toBeInstanceOf(AuthenticationError);
    const texts = [error!.message, String(error!.stack), inspect(error, { depth: 10 }), JSON.stringify(error!.body)];
    for (const marker of [...KEY_MARKERS, "s3cr3t-cookie"]) for (const text of texts) expect(text).not.toContain(marker);
    expect(seen).toHaveLength(1); // the key really went out, and came back
  });

  it("refuses a per-call header with a line break before anything reaches the server", async () => {
    handler = (_request, _body, response) => send(response, 200, { message: "ok", data: { id: "g1" } });
    await expect(client({ rateLimit: false }).gates.get("g1", { headers: { "x-trace": "a\r\nX-Injected: 1" } })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(seen).toHaveLength(0);
  });

  it("lists every gate across pages", async () => {
    handler = (request, _body, response) => {
      const url = new URL(request.url!, server.baseUrl());
      const page = Number(url.searchParams.get("page") ?? 1);
      const data =
        page <= 3
          ? [
              { id: `g${page}a`, name: `g${page}a` },
              { id: `g${page}b`, name: `g${page}b` },
            ]
          : [];
      send(response, 200, {
        message: "ok",
        data,
        pagination: { itemsPerPage: 2, pageNumber: page, totalItems: 6, nextPage: page < 3 ? `/console/v1/gates?page=${page + 1}&limit=2` : null, previousPage: null },
      });
    };
    const names = (await client().gates.list({ limit: 2 }).toArray()).map((g) => g.name);
    expect(names).toEqual(["g1a", "g1b", "g2a", "g2b", "g3a", "g3b"]);
    expect(seen.map((s) => s.url)).toEqual(["/console/v1/gates?limit=2", "/console/v1/gates?limit=2&page=2", "/console/v1/gates?limit=2&page=3"]);
    expect(seen.every((s) => s.key === "console-loopback-key")).toBe(true);
  });

  it("retries a 503 and sends the same body again", async () => {
    let calls = 0;
    handler = (_request, body, response) => {
      calls++;
      if (calls === 1) send(response, 503, { status: 503, message: "busy" });
      else send(response, 200, { message: "ok", data: JSON.parse(body) as unknown });
    };
    const result = await client({ rateLimit: false }).gates.update("my_gate", { isEnabled: true, description: "d", rules: [] });
    expect(result).toEqual({ isEnabled: true, description: "d", rules: [] });
    expect(seen.map((s) => s.body)).toEqual([seen[1]!.body, seen[1]!.body]);
  });

  it("maps a 404 to NotFoundError", async () => {
    handler = (_request, _body, response) => send(response, 404, { status: 404, message: "Gate not found" });
    await expect(client().gates.get("missing")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("times out a slow response per attempt", async () => {
    handler = (_request, _body, response) => setTimeout(() => send(response, 200, { message: "late", data: {} }), 1000);
    const started = Date.now();
    await expect(client({ timeoutMs: 100, maxRetries: 1 }).gates.get("slow")).rejects.toBeInstanceOf(APITimeoutError);
    expect(seen).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it("aborts in flight", async () => {
    handler = (_request, _body, response) => setTimeout(() => send(response, 200, { message: "late", data: {} }), 1000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(client().gates.get("slow", { signal: controller.signal })).rejects.toBeInstanceOf(APIUserAbortError);
  });

  it("reports a refused connection as APIConnectionError after retrying", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    // The real fetch on a real socket, counted: the refusal must be retried maxRetries times.
    const refused: unknown[] = [];
    const countingFetch: typeof fetch = async (input, init) => {
      try {
        return await fetch(input, init);
      } catch (error) {
        refused.push(error);
        throw error;
      }
    };
    const sc = new StatsigConsole({ apiKey: "console-loopback-key", baseUrl: `http://127.0.0.1:${port}`, fetch: countingFetch, maxRetries: 2, retry: { initialDelayMs: 5 } });
    const error = await sc.gates.get("g").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APITimeoutError);
    expect(refused).toHaveLength(3);
    expect(String((refused[0] as Error & { cause?: { code?: string } }).cause?.code)).toBe("ECONNREFUSED");
  });
});
