// Counting over sliding windows, shared by the arrival-counting server, the fleet simulation and
// the limiter tests: the referee every "never more than limit in a window" claim is checked by.

/** Largest number of `times` inside any span of `intervalMs` (a half-open window [t, t + intervalMs)); `times` ascending. */
export function maxInAnyWindow(times: readonly number[], intervalMs: number): number {
  let best = 0;
  let left = 0;
  for (let right = 0; right < times.length; right++) {
    while (times[right]! - times[left]! >= intervalMs) left++;
    best = Math.max(best, right - left + 1);
  }
  return best;
}
