// The transport's promises in simulated time (send.ts): the caller's AbortSignal cancels at any
// point, always with APIUserAbortError; each attempt times out after timeoutMs, and a timed-out
// request is aborted even when nobody passed a signal. The same on real sockets: send.socket.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { APITimeoutError, APIUserAbortError } from "../../src/core/errors.js";
import { CREATE_THING, GET_THING, json, makeCore, okResponse, scriptedFetch, settle } from "../helpers/core.js";

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
