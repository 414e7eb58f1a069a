// The abortable sleep (sleep.ts), the one place the client waits on a timer.
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { APIUserAbortError } from "../../src/core/errors.js";
import { sleep } from "../../src/core/transport/sleep.js";

afterEach(() => vi.useRealTimers());

const abortListeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

describe("the signal's reason", () => {
  it("is the cause of an aborted sleep, and a sleep that ends removes its listener", async () => {
    const controller = new AbortController();
    await sleep(1, controller.signal);
    expect(abortListeners(controller.signal)).toBe(0);
    const pending = sleep(10_000, controller.signal);
    controller.abort("enough");
    await expect(pending).rejects.toMatchObject({ cause: "enough" });
  });

  it("is the cause at once when the signal was aborted before the sleep (an aborted signal fires no event)", async () => {
    vi.useFakeTimers();
    const signal = AbortSignal.abort("already");
    for (const durationMs of [0, 10_000]) {
      const pending = sleep(durationMs, signal);
      expect(vi.getTimerCount()).toBe(0);
      await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
      await expect(pending).rejects.toMatchObject({ cause: "already" });
    }
  });
});

describe("no wait", () => {
  it("a zero or negative duration (Retry-After: 0, a date in the past) resolves without a timer or a listener", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const pending = [sleep(0, controller.signal), sleep(-500, controller.signal), sleep(0)];
    expect(vi.getTimerCount()).toBe(0);
    expect(abortListeners(controller.signal)).toBe(0);
    await Promise.all(pending);
  });
});
