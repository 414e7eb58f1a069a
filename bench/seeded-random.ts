// A small seeded pseudo-random generator (mulberry32), so benchmarks and tests replay exactly.

// The generator itself is the simulator's (the faults it injects replay the same way).
export { seededRandom } from "../src/testing/simulator/random.js";

/** A number in [minimum, maximum) drawn from `random`. */
export function between(random: () => number, minimum: number, maximum: number): number {
  return minimum + (maximum - minimum) * random();
}

/** An integer in [minimum, maximum], both ends included. */
export function integerBetween(random: () => number, minimum: number, maximum: number): number {
  return minimum + Math.floor(random() * (maximum - minimum + 1));
}

/** One of `items`, drawn from `random`. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
