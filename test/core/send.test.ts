// The transport's promises in simulated time (send.ts): the caller's AbortSignal cancels at any
// point, always with APIUserAbortError; each attempt times out after timeoutMs, and a timed-out
// request is aborted even when nobody passed a signal; what a failed attempt is reported as, and
// what the transport logs. The same on real sockets: send.socket.test.ts.
import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { APIConnectionError, APIResponseTooLargeError, APITimeoutError, APIUserAbortError, InvalidRequestError } from "../../src/core/errors.js";
import type { Logger } from "../../src/core/transport/logger.js";
import { StatsigConsole } from "../../src/index.js";
import { CREATE_THING, connectionReset, GET_THING, json, KEY, makeCore, okResponse, scriptedFetch, settle } from "../helpers/core.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const hang = (_url: string, init: RequestInit | undefined) =>
  new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));

describe("abort", () => {
  it("before the call starts", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ message: "ok", data: 1 }));
    const controller = new AbortController();
    controller.abort();
    await expect(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, { signal: controller.signal })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(calls).toHaveLength(0);
  });

  const deaf = () => new Promise<Response>(() => {}); // never settles, never looks at init.signal
  it.each([
    ["in flight", hang],
    ["in flight, even with a fetch that ignores the signal", deaf],
  ])("%s", async (_label, responder) => {
    const { fetch } = scriptedFetch(responder);
    const controller = new AbortController();
    const call = makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, { signal: controller.signal });
    const assertion = expect(call).rejects.toBeInstanceOf(APIUserAbortError);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await assertion;
  });

  it("during a retry backoff, without another attempt", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503));
    const controller = new AbortController();
    const call = makeCore({ fetch, retry: { initialDelayMs: 5000 } }).call(GET_THING, { path: { id: "t1" } }, { signal: controller.signal });
    const assertion = expect(call).rejects.toBeInstanceOf(APIUserAbortError);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(1);
    controller.abort();
    await assertion;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
  });

  it("while waiting for a rate-limit slot, and the slot is given back", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ message: "ok", data: 1 }));
    const core = makeCore({ fetch, rateLimit: { mutations: [{ limit: 1, intervalMs: 10_000 }] }, apiKey: "console-abort-wait-key" });
    await core.call(CREATE_THING, { body: {} }, undefined);
    const controller = new AbortController();
    const waiting = core.call(CREATE_THING, { body: {} }, { signal: controller.signal });
    const assertion = expect(waiting).rejects.toBeInstanceOf(APIUserAbortError);
    await vi.advanceTimersByTimeAsync(1000);
    controller.abort();
    await assertion;
    expect(calls).toHaveLength(1);
    // The aborted reservation was released: the next call starts when the first one's window ends.
    const next = core.call(CREATE_THING, { body: {} }, undefined);
    await vi.advanceTimersByTimeAsync(9000);
    await next;
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBe(10_000);
  });

  it("never lets a timer keep running after an abort", async () => {
    const { fetch } = scriptedFetch(hang);
    const controller = new AbortController();
    const call = makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, { signal: controller.signal });
    const assertion = expect(call).rejects.toBeInstanceOf(APIUserAbortError);
    controller.abort();
    await assertion;
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("timeouts", () => {
  it("times out each attempt after timeoutMs and retries idempotent calls", async () => {
    const { fetch, calls } = scriptedFetch(hang, okResponse);
    const result = await settle(makeCore({ fetch, timeoutMs: 1000, random: () => 0 }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(result.value).toEqual({ id: "t1" });
    expect(calls[1]!.at - calls[0]!.at).toBe(1500); // 1000 ms timeout + 500 ms backoff
  });

  it("does not retry a timed-out create (it may have been applied)", async () => {
    const { fetch, calls } = scriptedFetch(hang, okResponse);
    const result = await settle(makeCore({ fetch, timeoutMs: 1000 }).call(CREATE_THING, { body: {} }, undefined));
    expect(result.error).toBeInstanceOf(APITimeoutError);
    expect(calls).toHaveLength(1);
  });

  it("without a caller signal, a timeout still aborts the request in flight", async () => {
    let abortReason: unknown;
    const hangUntilAborted = (_url: string, init: RequestInit | undefined) =>
      new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener("abort", () => {
          abortReason = init.signal?.reason;
          reject(new DOMException("aborted", "AbortError"));
        }),
      );
    const { fetch } = scriptedFetch(hangUntilAborted);
    const result = await settle(makeCore({ fetch, timeoutMs: 1000, maxRetries: 0 }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(result.error).toBeInstanceOf(APITimeoutError);
    expect(abortReason).toMatchObject({ name: "TimeoutError" });
  });

  it("with a fetch that ignores signals, times out on time and discards a response that arrives too late", async () => {
    let cancelled = false;
    const late = () => {
      const body = new ReadableStream({
        cancel: () => {
          cancelled = true;
        },
      });
      return new Promise<Response>((resolve) => setTimeout(() => resolve(new Response(body, { status: 200 })), 5000));
    };
    const { fetch } = scriptedFetch(late);
    const result = await settle(makeCore({ fetch, timeoutMs: 1000, maxRetries: 0 }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(result.error).toBeInstanceOf(APITimeoutError);
    expect(result.elapsedMs).toBeLessThanOrEqual(1100);
    await vi.advanceTimersByTimeAsync(5000);
    expect(cancelled).toBe(true);
  });

  it("with a caller signal, a timeout aborts the request in flight", async () => {
    let aborted = false;
    const hangUntilAborted = (_url: string, init: RequestInit | undefined) =>
      new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener("abort", () => {
          aborted = true;
          reject(new DOMException("aborted", "AbortError"));
        }),
      );
    const { fetch } = scriptedFetch(hangUntilAborted);
    const result = await settle(makeCore({ fetch, timeoutMs: 1000, maxRetries: 0 }).call(GET_THING, { path: { id: "t1" } }, { signal: new AbortController().signal }));
    expect(result.error).toBeInstanceOf(APITimeoutError);
    expect(aborted).toBe(true);
  });

  it("per-call timeoutMs overrides the client's", async () => {
    const { fetch } = scriptedFetch(hang);
    const result = await settle(makeCore({ fetch, timeoutMs: 60_000 }).call(GET_THING, { path: { id: "t1" } }, { timeoutMs: 200, maxRetries: 0 }));
    expect(result.error).toBeInstanceOf(APITimeoutError);
    expect(result.elapsedMs).toBeLessThanOrEqual(300);
  });
});

/** A response whose body fails on the first read, as a connection dropped mid-body does. */
const bodyFailing = (error: unknown) => () =>
  new Response(
    new ReadableStream<Uint8Array>({
      start: (controller) => controller.error(error),
    }),
    { status: 200, headers: { "content-type": "application/json" } },
  );

/** A logger that keeps every line with its level. */
function recordingLogger(): { logger: Logger; lines: { level: string; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const sink = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, ...(fields ? { fields } : {}) });
  return { lines, logger: { error: sink("error"), warn: sink("warn"), info: sink("info"), debug: sink("debug") } };
}

describe("what a failed attempt is reported as", () => {
  it("a request that could not be sent names the request and the runtime's message", async () => {
    const { fetch } = scriptedFetch(connectionReset);
    const { error } = await settle(makeCore({ fetch, maxRetries: 0 }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe("GET /console/v1/things/t1: the request could not be sent: fetch failed");
  });

  it("a fetch that rejects with something other than an Error adds no detail, and keeps it as the cause", async () => {
    const { fetch } = scriptedFetch(() => Promise.reject("offline"));
    const { error } = await settle(makeCore({ fetch, maxRetries: 0 }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect((error as Error).message).toBe("GET /console/v1/things/t1: the request could not be sent");
    expect((error as Error).cause).toBe("offline");
  });

  it("a request fetch refuses to build is an InvalidRequestError that keeps the runtime's error as its cause", async () => {
    const refusal = new TypeError("Failed to execute 'fetch' on 'Window': Invalid value");
    const { fetch } = scriptedFetch(() => Promise.reject(refusal));
    const { error } = await settle(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toBe("GET /console/v1/things/t1: the request cannot be sent as built: Failed to execute 'fetch' on 'Window': Invalid value");
    expect((error as Error).cause).toBe(refusal);
  });

  it("a body that fails mid-read says the response could not be read", async () => {
    const { fetch } = scriptedFetch(bodyFailing(new TypeError("terminated")));
    const { error } = await settle(makeCore({ fetch, maxRetries: 0 }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe("GET /console/v1/things/t1: the response body could not be read: terminated");
  });

  it("a create whose response had begun is never sent again, whatever code the failure carries", async () => {
    // ECONNREFUSED would mean "never sent" before a response; once one arrived, the create may have been applied.
    const refused = new TypeError("terminated", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    const { fetch, calls } = scriptedFetch(bodyFailing(refused), okResponse);
    const { error } = await settle(makeCore({ fetch, retry: { initialDelayMs: 1 } }).call(CREATE_THING, { body: {} }, undefined));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(calls).toHaveLength(1);
  });

  it("a timeout names the request and the time allowed, and fetch's signal says why it was aborted", async () => {
    let abortReason: unknown;
    const { fetch } = scriptedFetch((_url, init) => {
      init?.signal?.addEventListener("abort", () => (abortReason = init.signal?.reason));
      return hang(_url, init);
    });
    const { error } = await settle(makeCore({ fetch, timeoutMs: 1000, maxRetries: 0 }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect((error as Error).message).toBe("GET /console/v1/things/t1 timed out after 1000 ms");
    expect(abortReason).toMatchObject({ name: "TimeoutError", message: "the attempt timed out after 1000 ms" });
  });
});

describe("the request fetch is given", () => {
  it("a GET has no body key at all", async () => {
    const { fetch, calls } = scriptedFetch(okResponse);
    await makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined);
    expect(calls[0]!.init).not.toHaveProperty("body");
  });

  it("its signal carries the caller's abort reason, not a timeout", async () => {
    let abortReason: unknown;
    const { fetch } = scriptedFetch((_url, init) => {
      init?.signal?.addEventListener("abort", () => (abortReason = init.signal?.reason));
      return hang(_url, init);
    });
    const controller = new AbortController();
    const call = makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, { signal: controller.signal });
    const assertion = expect(call).rejects.toBeInstanceOf(APIUserAbortError);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort("user left");
    await assertion;
    expect(abortReason).toBe("user left");
  });

  it("is aborted when the attempt fails on its own (a body over the cap), so fetch lets go of the connection", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ message: "ok", data: "x".repeat(100) }));
    const sc = new StatsigConsole({ apiKey: KEY, fetch, maxRetries: 0, maxResponseBytes: 50 });
    await expect(sc.gates.list()).rejects.toBeInstanceOf(APIResponseTooLargeError);
    expect(calls[0]!.init?.signal?.aborted).toBe(true);
  });
});

describe("abort and timeout at the same instant", () => {
  it("the caller's abort wins over a timeout that fired in the same tick", async () => {
    const { fetch } = scriptedFetch(hang);
    const controller = new AbortController();
    const call = makeCore({ fetch, timeoutMs: 1000, maxRetries: 0 }).call(GET_THING, { path: { id: "t1" } }, { signal: controller.signal });
    const assertion = expect(call).rejects.toBeInstanceOf(APIUserAbortError);
    await vi.advanceTimersByTimeAsync(0); // the attempt and its timer have started
    setTimeout(() => controller.abort(), 1000); // due with the attempt's timer, after it
    vi.advanceTimersByTime(1000); // both fire before the attempt sees either
    await assertion;
  });

  it("an abort that comes as the rate-limit slot is granted sends nothing", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ message: "ok", data: 1 }));
    const core = makeCore({ fetch, rateLimit: { mutations: [{ limit: 1, intervalMs: 10_000 }] }, apiKey: "console-abort-granted-key" });
    await core.call(CREATE_THING, { body: {} }, undefined);
    const controller = new AbortController();
    const waiting = core.call(CREATE_THING, { body: {} }, { signal: controller.signal });
    const assertion = expect(waiting).rejects.toBeInstanceOf(APIUserAbortError);
    await vi.advanceTimersByTimeAsync(1000);
    setTimeout(() => controller.abort(), 9000); // due with the limiter's wake-up at 10 s, after it
    vi.advanceTimersByTime(9000); // the slot is granted, then the signal aborts, before the call goes on
    await assertion;
    expect(calls).toHaveLength(1);
  });
});

describe("a settled attempt", () => {
  it("leaves no timer running and no listener on the caller's signal", async () => {
    const { fetch } = scriptedFetch(okResponse);
    const controller = new AbortController();
    await makeCore({ fetch, timeoutMs: 60_000 }).call(GET_THING, { path: { id: "t1" } }, { signal: controller.signal });
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});

describe("what the transport logs", () => {
  it("one debug line per attempt, naming the request and its outcome, with the attempt's duration", async () => {
    const { logger, lines } = recordingLogger();
    const slow = () => new Promise<Response>((resolve) => setTimeout(() => resolve(okResponse()), 250));
    const { fetch } = scriptedFetch(connectionReset, slow);
    await settle(makeCore({ fetch, logger, logLevel: "debug", random: () => 0 }).call(GET_THING, { path: { id: "t1" } }, undefined));
    const debug = lines.filter((line) => line.level === "debug");
    expect(debug.map((line) => line.message)).toEqual(["GET /console/v1/things/t1 -> APIConnectionError", "GET /console/v1/things/t1 -> 200"]);
    expect(debug.map((line) => line.fields?.attempt)).toEqual([1, 2]);
    expect(debug[1]!.fields?.durationMs).toBe(250);
  });

  it("an info line before each retry, with the wait and the attempt number out of all", async () => {
    const { logger, lines } = recordingLogger();
    const { fetch } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503), connectionReset, okResponse);
    await settle(makeCore({ fetch, logger, logLevel: "info", random: () => 0 }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(lines.filter((line) => line.level === "info").map((line) => line.message)).toEqual([
      "GET /console/v1/things/t1: 503, retrying in 500 ms (attempt 2 of 3)",
      "GET /console/v1/things/t1: APIConnectionError, retrying in 1000 ms (attempt 3 of 3)",
    ]);
  });
});
