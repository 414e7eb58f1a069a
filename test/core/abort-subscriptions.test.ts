// The caller's AbortSignal: its reason becomes the error's cause, and however many calls share one
// signal it carries at most one listener from this client, none once they have settled.
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { APIUserAbortError } from "../../src/core/errors.js";
import { subscribeToAbort } from "../../src/core/transport/abort-subscriptions.js";
import { CREATE_THING, GET_THING, json, makeCore, scriptedFetch } from "../helpers/core.js";

afterEach(() => vi.useRealTimers());

const abortListeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

describe("abort subscriptions", () => {
  it("fan out from one listener, and remove it when the last subscriber leaves", () => {
    const controller = new AbortController();
    const fired: string[] = [];
    const unsubscribeA = subscribeToAbort(controller.signal, () => fired.push("a"));
    const unsubscribeB = subscribeToAbort(controller.signal, () => fired.push("b"));
    subscribeToAbort(controller.signal, () => fired.push("c"));
    expect(abortListeners(controller.signal)).toBe(1);
    unsubscribeA();
    unsubscribeA(); // twice is harmless
    controller.abort();
    expect(fired).toEqual(["b", "c"]);
    expect(abortListeners(controller.signal)).toBe(0);
    unsubscribeB(); // after the abort: nothing left to remove, no error
  });

  it("leave nothing on a signal whose subscribers all left", () => {
    const controller = new AbortController();
    const unsubscribers = Array.from({ length: 100 }, () => subscribeToAbort(controller.signal, () => {}));
    expect(abortListeners(controller.signal)).toBe(1);
    for (const unsubscribe of unsubscribers) unsubscribe();
    expect(abortListeners(controller.signal)).toBe(0);
  });
});

describe("the signal's reason", () => {
  it("is the cause when the signal was aborted before the call", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ message: "ok", data: 1 }));
    const reason = new Error("shutting down");
    const error = await makeCore({ fetch })
      .call(CREATE_THING, { body: {} }, { signal: AbortSignal.abort(reason) })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).cause).toBe(reason);
    expect(calls).toHaveLength(0);
  });

  it("is the cause when the abort comes during a retry backoff", async () => {
    vi.useFakeTimers();
    const { fetch } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503));
    const controller = new AbortController();
    const call = makeCore({ fetch, retry: { initialDelayMs: 5000 } }).call(GET_THING, { path: { id: "t1" } }, { signal: controller.signal });
    const assertion = expect(call).rejects.toMatchObject({ name: "APIUserAbortError", cause: "deadline" });
    await vi.advanceTimersByTimeAsync(100);
    controller.abort("deadline");
    await assertion;
  });
});

describe("one long-lived signal", () => {
  it("carries one listener while 50 calls are in flight, and none after 10,000 calls", async () => {
    let maxListeners = 0;
    const controller = new AbortController();
    const { fetch } = scriptedFetch(() => {
      maxListeners = Math.max(maxListeners, abortListeners(controller.signal));
      return json({ message: "ok", data: { id: "t1" } });
    });
    const core = makeCore({ fetch });
    for (let batch = 0; batch < 200; batch++) {
      await Promise.all(Array.from({ length: 50 }, () => core.call(GET_THING, { path: { id: "t1" } }, { signal: controller.signal })));
    }
    expect(maxListeners).toBe(1);
    expect(abortListeners(controller.signal)).toBe(0);
  });
});
