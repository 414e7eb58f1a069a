// The abortable sleep (sleep.ts), the one place the client waits on a timer.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { sleep } from "../../src/core/transport/sleep.js";

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
});
