// An abortable sleep: the one place the client waits on a timer.
import type { APIUserAbortError } from "../errors.js";
import { subscribeToAbort, userAbortError } from "./abort-subscriptions.js";

/**
 * Resolves after `durationMs`, or rejects with APIUserAbortError (the signal's reason as its cause)
 * as soon as `signal` aborts. Sleeps share one listener per signal (abort-subscriptions.ts).
 */
export function sleep(durationMs: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject<void>(userAbortError(signal));
  if (durationMs <= 0) return Promise.resolve();
  return new Promise((resolve, reject: (error: APIUserAbortError) => void) => {
    const timer = setTimeout(() => {
      unsubscribe?.();
      resolve();
    }, durationMs);
    const unsubscribe = signal
      ? subscribeToAbort(signal, () => {
          clearTimeout(timer);
          reject(userAbortError(signal));
        })
      : undefined;
  });
}
