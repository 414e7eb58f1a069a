// The server's rate limits: sliding windows per API key and group, counted when a request arrives,
// refused attempts included (the API counts them too). A refusal says when a slot frees up.
import type { Window } from "../../core/transport/rate-limiter.js";

export class ServerWindows {
  readonly #windows: Readonly<Record<string, readonly Window[]>>;
  /** Arrival times per key and group, ascending, within the group's longest window. */
  readonly #arrivals = new Map<string, number[]>();

  constructor(windows: Readonly<Record<string, readonly Window[]>>) {
    this.#windows = windows;
  }

  clear(): void {
    this.#arrivals.clear();
  }

  /** Counts an arrival; when it is over a window, the seconds until that window has room again. */
  arrive(keyId: string, group: string, nowMs: number): { retryAfterSeconds: number } | undefined {
    const windows = this.#windows[group];
    if (!windows || windows.length === 0) return undefined;
    const scope = `${keyId}\u0000${group}`;
    const arrivals = this.#arrivals.get(scope) ?? [];
    this.#arrivals.set(scope, arrivals);
    const horizonMs = Math.max(...windows.map((window) => window.intervalMs));
    while (arrivals.length > 0 && arrivals[0]! <= nowMs - horizonMs) arrivals.shift();
    let waitMs = 0;
    for (const { limit, intervalMs } of windows) {
      const inWindow = arrivals.filter((at) => at > nowMs - intervalMs);
      // The oldest arrival that must leave before this one would fit.
      if (inWindow.length >= limit) waitMs = Math.max(waitMs, inWindow[inWindow.length - limit]! + intervalMs - nowMs);
    }
    arrivals.push(nowMs);
    return waitMs > 0 ? { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) } : undefined;
  }
}
