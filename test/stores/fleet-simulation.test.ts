// 50 workers on 5 machines in simulated time (bench/fleet-simulation.ts): machine clocks offset by
// minutes and running up to 2% fast or slow, random latency to the store and to the server, the
// server counting each request when it arrives. The project's limits must hold at the server with
// the in-process store's logic and with the Redis store's Lua script itself (on a real Redis, told
// the simulated time), also when a machine dies holding slots; a client that releases its slot at
// send time must be caught.
import { describe, expect, it } from "vitest";
import { latencyBoundMs } from "../../bench/bulk-mutations.js";
import { memoryLogic, redisLogic, simulateFleet, type FleetOptions } from "../../bench/fleet-simulation.js";
import { DEFAULT_RATE_LIMITS } from "../../generated/operations.js";
import { noticeSkip, redisSkipReason, redisUrl } from "./redis-env.js";

noticeSkip("fleet simulation on the Redis script", redisSkipReason);

const windows = DEFAULT_RATE_LIMITS.mutations;
const fleet = { windows, machines: 5, workersPerMachine: 10, count: 1200 } satisfies Partial<FleetOptions>;

describe("50 workers on 5 machines, simulated time, default limits", () => {
  it.each([1, 2])("the in-process store's logic never lets the server see more than the limit (seed %i)", async (seed) => {
    const result = await simulateFleet({ ...fleet, seed, store: memoryLogic(windows) });
    console.log(
      `[figure] simulation seed ${seed}: ${JSON.stringify({ fullest: result.fullestWindows.map((w) => `${w.seen}/${w.limit}`), elapsedMin: +(result.elapsedMs / 60_000).toFixed(2), minimumMin: +(result.minimumMs / 60_000).toFixed(2) })}`,
    );
    expect(result.requests).toBe(1200);
    for (const window of result.fullestWindows) expect(window.seen).toBe(window.limit); // used to the full, never over
    expect(result.elapsedMs).toBeGreaterThanOrEqual(result.minimumMs);
    expect(result.elapsedMs).toBeLessThanOrEqual(latencyBoundMs(1200, windows, 300) * 1.01);
    // The clocks really disagreed: minutes apart, and running at different rates.
    const offsets = result.clocks.map((c) => c.offsetMs);
    expect(Math.max(...offsets) - Math.min(...offsets)).toBeGreaterThan(60_000);
    expect(new Set(result.clocks.map((c) => c.rate.toFixed(4))).size).toBe(5);
  });

  it("catches a client that releases its slot when the request is sent (counted from the send, as before the runtime issue)", async () => {
    const result = await simulateFleet({ ...fleet, seed: 1, store: memoryLogic(windows), releaseAtSend: true });
    expect(result.overLimit).toBe(true);
  });

  describe.skipIf(redisSkipReason !== undefined)("on the Redis store's Lua script", () => {
    it("never lets the server see more than the limit", async () => {
      const result = await simulateFleet({ ...fleet, seed: 3, store: redisLogic(redisUrl!, windows) });
      expect(result.requests).toBe(1200);
      for (const window of result.fullestWindows) expect(window.seen).toBe(window.limit);
      expect(result.elapsedMs).toBeLessThanOrEqual(latencyBoundMs(1200, windows, 300) * 1.01);
    }, 30_000);

    it("holds when a machine dies with slots in flight: their leases free them, the others finish the work", async () => {
      const result = await simulateFleet({ ...fleet, seed: 4, store: redisLogic(redisUrl!, windows), crash: { machine: 2, atMs: 12_345 } });
      expect(result.requests).toBe(1200);
      expect(result.overLimit).toBe(false);
      expect(result.elapsedMs).toBeLessThanOrEqual(latencyBoundMs(1200, windows, 300) * 1.01 + 11_000);
    }, 30_000);
  });
});
