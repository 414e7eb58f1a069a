// One 'abort' listener per caller signal, however many calls, attempts and sleeps wait on it.
//
// A signal shared by many concurrent calls would otherwise collect one listener per call (and one
// per retry sleep), and Node prints MaxListenersExceededWarning past ten. Here the first subscriber
// installs a single listener that fans out to every subscriber; the last one to unsubscribe removes
// it, so a long-lived signal carries nothing once its calls have settled.
import { APIUserAbortError } from "../errors.js";

type Subscriber = { readonly onAbort: () => void };

const subscribersBySignal = new WeakMap<AbortSignal, Set<Subscriber>>();

function dispatchAbort(event: Event): void {
  const signal = event.currentTarget as AbortSignal;
  const subscribers = subscribersBySignal.get(signal);
  subscribersBySignal.delete(signal);
  if (subscribers) for (const subscriber of subscribers) subscriber.onAbort();
}

/**
 * Calls `onAbort` once when `signal` aborts; returns the function that cancels the subscription.
 * The caller checks `signal.aborted` first: an already-aborted signal fires no event.
 */
export function subscribeToAbort(signal: AbortSignal, onAbort: () => void): () => void {
  let subscribers = subscribersBySignal.get(signal);
  if (!subscribers) {
    subscribers = new Set();
    subscribersBySignal.set(signal, subscribers);
    signal.addEventListener("abort", dispatchAbort, { once: true });
  }
  const subscriber: Subscriber = { onAbort };
  subscribers.add(subscriber);
  return () => {
    const current = subscribersBySignal.get(signal);
    if (!current?.delete(subscriber) || current.size > 0) return;
    subscribersBySignal.delete(signal);
    signal.removeEventListener("abort", dispatchAbort);
  };
}

/** The error for a call the caller aborted; the signal's reason is kept as its cause. */
export function userAbortError(signal: AbortSignal): APIUserAbortError {
  return new APIUserAbortError(undefined, { cause: signal.reason });
}
