// The caller's AbortSignal cancels at any point, always with APIUserAbortError.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { APIUserAbortError } from "../../src/core/errors.js";
import { CREATE_THING, GET_THING, json, makeCore, scriptedFetch } from "../helpers/core.js";

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
