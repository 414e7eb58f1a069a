// What the cheaper request path still promises. A facade call's URL and headers are checked once,
// where their values enter (client options at construction, per-call options when the call is
// made, path and query by the serializers), and the transport no longer checks them again on
// every request; `sc.raw` requests, whose headers come from the caller, still are. An attempt
// cancels its body read through a slot rather than an 'abort' listener: a body a custom fetch
// feeds, ignoring every signal, is still cancelled on a timeout or the caller's abort.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APITimeoutError, APIUserAbortError, InvalidRequestError, StatsigConsole } from "../../src/index.js";
import type { FetchFunction } from "../../src/core/transport/send.js";

const KEY = "console-overhead-paths-key";
const LIST_BODY = JSON.stringify({ message: "ok", data: [], pagination: { itemsPerPage: 0, pageNumber: 1, totalItems: 0, nextPage: null, previousPage: null } });

/** A fetch that answers every request with an empty list page, and counts what it was asked. */
function countingFetch(): { fetch: FetchFunction; calls: { url: string; headers: Headers }[] } {
  const calls: { url: string; headers: Headers }[] = [];
  const fetch: FetchFunction = async (input, init) => {
    calls.push({ url: String(input), headers: new Headers(init?.headers) });
    return new Response(LIST_BODY, { status: 200, headers: { "content-type": "application/json" } });
  };
  return { fetch, calls };
}

/** A fetch that ignores its signal and answers with a body that never ends; records whether the body was cancelled. */
function endlessBodyFetch(): { fetch: FetchFunction; cancelled: () => boolean } {
  let cancelled = false;
  const fetch: FetchFunction = async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"data":['));
      },
      cancel() {
        cancelled = true;
      },
    });
    return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  };
  return { fetch, cancelled: () => cancelled };
}

describe("a sc.raw request is still checked before it is sent", () => {
  it("refuses a header value with a control character that Headers lets through, sending nothing", async () => {
    const { fetch, calls } = countingFetch();
    const sc = new StatsigConsole({ apiKey: KEY, fetch, maxRetries: 0 });
    // Headers only refuses NUL, CR and LF; U+0001 would reach fetch, which fails with a TypeError quoting the value.
    const attempt = sc.raw.GET("/console/v1/gates", { headers: { "x-note": "a\u0001b" } });
    await expect(attempt).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(attempt).rejects.toThrow(/header x-note/);
    expect(calls).toHaveLength(0);
  });

  it("sends a clean raw request with the client's headers, once", async () => {
    const { fetch, calls } = countingFetch();
    const sc = new StatsigConsole({ apiKey: KEY, fetch, maxRetries: 0, headers: { "x-team": "growth" } });
    await sc.raw.GET("/console/v1/gates", { headers: { "x-note": "fine" } });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers.get("x-note")).toBe("fine");
    expect(calls[0]!.headers.get("x-team")).toBe("growth");
    expect(calls[0]!.headers.get("statsig-api-key")).toBe(KEY);
  });
});

describe("a facade call is checked where its values enter, before anything is sent", () => {
  it("refuses a per-call header that cannot be sent, naming it but not its value", async () => {
    const { fetch, calls } = countingFetch();
    const sc = new StatsigConsole({ apiKey: KEY, fetch, maxRetries: 0 });
    const attempt = sc.gates.list(undefined, { headers: { "x-note": `${KEY}\u0001` } });
    await expect(attempt).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(attempt).rejects.toThrow(/x-note/);
    await expect(attempt).rejects.not.toThrow(KEY);
    expect(calls).toHaveLength(0);
  });

  it("refuses client headers that cannot be sent at construction", () => {
    const { fetch } = countingFetch();
    expect(() => new StatsigConsole({ apiKey: KEY, fetch, headers: { "x-note": "a\u0001b" } })).toThrow(InvalidRequestError);
    expect(() => new StatsigConsole({ apiKey: KEY, fetch, headers: { "bad name": "x" } })).toThrow(InvalidRequestError);
  });

  it("refuses per-call timeoutMs and maxRetries out of range before sending", async () => {
    const { fetch, calls } = countingFetch();
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    await expect(sc.gates.list(undefined, { timeoutMs: 0 })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(sc.gates.list(undefined, { maxRetries: 11 })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(0);
  });
});

describe("a facade request is not checked again in the transport", () => {
  it("a header a middleware adds reaches the fetch as set: the transport trusts what was checked at entry", async () => {
    // Checking every request again is the cost this path saves; the real fetch still refuses such a
    // value (next test), a custom fetch gets what the middleware wrote.
    const { fetch, calls } = countingFetch();
    const sc = new StatsigConsole({ apiKey: KEY, fetch, maxRetries: 0 });
    sc.raw.use({
      onRequest({ request }) {
        request.headers.set("x-note", "a\u0001b");
        return undefined;
      },
    });
    await sc.gates.list();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers.get("x-note")).toBe("a\u0001b");
  });
});

describe("a middleware that puts an unsendable header on a facade request", () => {
  let server: Server;
  let baseUrl: string;
  let requests = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      requests++;
      request.resume();
      response.writeHead(200, { "content-type": "application/json" }).end(LIST_BODY);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("gets a typed InvalidRequestError from the real fetch, not retried, quoting neither the value nor the key", async () => {
    const sc = new StatsigConsole({ apiKey: KEY, baseUrl, maxRetries: 2, retry: { initialDelayMs: 1, maxDelayMs: 1 } });
    sc.raw.use({
      onRequest({ request }) {
        request.headers.set("x-note", `${KEY}\u0001`);
        return undefined;
      },
    });
    const before = requests;
    const error = await sc.gates.list().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(String((error as Error).message)).not.toContain(KEY);
    expect(requests - before).toBe(0);
  });
});

describe("a body read is cancelled when the attempt is interrupted, whatever the fetch does with its signal", () => {
  it("on a timeout", async () => {
    const { fetch, cancelled } = endlessBodyFetch();
    const sc = new StatsigConsole({ apiKey: KEY, fetch, maxRetries: 0, timeoutMs: 50 });
    const started = performance.now();
    await expect(sc.gates.list()).rejects.toBeInstanceOf(APITimeoutError);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(cancelled()).toBe(true);
  });

  it("on the caller's abort", async () => {
    const { fetch, cancelled } = endlessBodyFetch();
    const sc = new StatsigConsole({ apiKey: KEY, fetch, maxRetries: 0, timeoutMs: 60_000 });
    const controller = new AbortController();
    const call = sc.gates.list(undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(call).rejects.toBeInstanceOf(APIUserAbortError);
    expect(cancelled()).toBe(true);
  });
});
