// The Lua script's logic, on a real Redis, in a time of the test's choosing (the script takes a
// time instead of the server's only when a test passes one). It must decide exactly as the
// in-process store does, plus leases, epochs and replays, clock steps, and expiring keys.
import { afterAll, describe, expect, it } from "vitest";
import { between, seededRandom } from "../../bench/seeded-random.js";
import type { Window } from "../../src/core/transport/rate-limiter.js";
import { MemoryWindowStore, type WindowScope } from "../../src/core/transport/window-store.js";
import { WINDOW_SCRIPT } from "../../src/stores/redis-script.js";
import { scopeKeys } from "../../src/stores/redis.js";
import { closeClients, connectRedis, noticeSkip, redisSkipReason, uniquePrefix } from "./redis-env.js";

noticeSkip("Redis script tests", redisSkipReason);
afterAll(closeClients);

interface Call {
  nowMs: number;
  knownEpoch?: string;
  newEpoch?: string;
  horizonMs?: number;
  leaseMs?: number;
  graceMs?: number;
}

/** Runs the script as the store would, at `nowMs`. */
function scriptOn(label: string) {
  const redis = connectRedis();
  const keys = scopeKeys(uniquePrefix(label), { keyId: "script-test", group: "mutations" });
  const run = async (op: string, call: Call, ...args: (string | number)[]): Promise<string[]> =>
    (await redis.eval(
      WINDOW_SCRIPT,
      keys.length,
      ...keys,
      op,
      call.nowMs,
      call.knownEpoch ?? "",
      call.newEpoch ?? "epoch-1",
      call.horizonMs ?? 1000,
      call.leaseMs ?? 600_000,
      call.graceMs ?? 500,
      ...args,
    )) as string[];
  const windowArgs = (windows: Window[]) => [windows.length, ...windows.flatMap((w) => [w.limit, w.intervalMs])];
  return {
    redis,
    keys,
    reserve: (call: Call, slotId: string, windows: Window[]) => run("reserve", call, slotId, ...windowArgs(windows)),
    // As the store calls them: only a reservation carries a lease.
    release: (call: Call, slotId: string) => run("release", { leaseMs: 0, ...call }, slotId),
    pause: (call: Call, durationMs: number) => run("pause", { leaseMs: 0, ...call }, durationMs),
    peek: (call: Call, windows: Window[]) => run("peek", { leaseMs: 0, ...call }, ...windowArgs(windows)),
    replay: (call: Call, inFlight: [string, number][], released: [string, number][]) => run("replay", call, inFlight.length, ...inFlight.flat(), ...released.flat()),
  };
}

describe.skipIf(redisSkipReason !== undefined)("the Redis window script", () => {
  const one: Window[] = [{ limit: 2, intervalMs: 1000 }];

  it("holds a slot from the reservation until intervalMs after the release; in flight, one interval is the least wait", async () => {
    const s = scriptOn("hold");
    expect(await s.reserve({ nowMs: 0 }, "a", one)).toEqual(["slot", "a", "epoch-1"]);
    expect(await s.reserve({ nowMs: 0 }, "b", one)).toEqual(["slot", "b", "epoch-1"]);
    expect(await s.reserve({ nowMs: 0 }, "c", one)).toEqual(["wait", "1000.000", "epoch-1"]); // both in flight: nothing frees before 1000
    await s.release({ nowMs: 300 }, "a");
    expect(await s.reserve({ nowMs: 300 }, "c", one)).toEqual(["wait", "1000.000", "epoch-1"]); // a is held until 1300
    expect(await s.reserve({ nowMs: 1299.5 }, "c", one)).toEqual(["wait", "0.500", "epoch-1"]);
    expect((await s.reserve({ nowMs: 1300 }, "c", one))[0]).toBe("slot");
    expect(await s.peek({ nowMs: 1300 }, one)).toEqual(["wait", "1000.000", "epoch-1"]);
  });

  it("applies every window: the longer one waits for its oldest slot", async () => {
    const s = scriptOn("windows");
    const windows: Window[] = [
      { limit: 3, intervalMs: 100 },
      { limit: 4, intervalMs: 1000 },
    ];
    for (const id of ["s0", "s1", "s2"]) expect((await s.reserve({ nowMs: 0 }, id, windows))[0]).toBe("slot");
    expect(await s.reserve({ nowMs: 0 }, "s3", windows)).toEqual(["wait", "100.000", "epoch-1"]); // three in flight fill the 100 ms window
    for (const id of ["s0", "s1", "s2"]) await s.release({ nowMs: 10 }, id);
    expect(await s.reserve({ nowMs: 10 }, "s3", windows)).toEqual(["wait", "100.000", "epoch-1"]); // held until 110
    expect((await s.reserve({ nowMs: 150 }, "s3", windows))[0]).toBe("slot");
    await s.release({ nowMs: 160 }, "s3");
    // Four released at 10, 10, 10, 160: the 1 s window is full until 1010.
    expect(await s.reserve({ nowMs: 200, horizonMs: 1000 }, "s4", windows)).toEqual(["wait", "810.000", "epoch-1"]);
    expect((await s.reserve({ nowMs: 1010, horizonMs: 1000 }, "s4", windows))[0]).toBe("slot");
  });

  it("counts a slot whose lease ran out as released at the lease's end (a holder that died)", async () => {
    const s = scriptOn("lease");
    const windows: Window[] = [{ limit: 1, intervalMs: 1000 }];
    expect((await s.reserve({ nowMs: 0, leaseMs: 500 }, "dead", windows))[0]).toBe("slot");
    expect(await s.reserve({ nowMs: 400 }, "next", windows)).toEqual(["wait", "1000.000", "epoch-1"]); // still leased: in flight
    expect(await s.reserve({ nowMs: 600 }, "next", windows)).toEqual(["wait", "900.000", "epoch-1"]); // released at 500, held to 1500
    expect(await s.redis.zscore(s.keys[1]!, "dead")).toBe("500");
    expect((await s.reserve({ nowMs: 1500 }, "next", windows))[0]).toBe("slot");
    // A late release of the dead slot (its holder was only slow) moves it later, never earlier.
    await s.release({ nowMs: 1600 }, "dead");
    expect(await s.redis.zscore(s.keys[1]!, "dead")).toBe("1600");
  });

  it("pauses the group for the duration, extending but never shortening a pause", async () => {
    const s = scriptOn("pause");
    await s.pause({ nowMs: 0 }, 60_000);
    await s.pause({ nowMs: 0 }, 1_000);
    const [status, waitMs] = await s.reserve({ nowMs: 0 }, "x", one);
    expect(status).toBe("wait");
    expect(Number(waitMs)).toBeGreaterThan(59_000);
    expect(Number(waitMs)).toBeLessThanOrEqual(60_000);
  });

  it("brings times stamped in the future back to now: a server clock stepped back delays grants by one window at most", async () => {
    const s = scriptOn("clock");
    const windows: Window[] = [{ limit: 1, intervalMs: 1000 }];
    expect((await s.reserve({ nowMs: 10_000 }, "a", windows))[0]).toBe("slot");
    await s.release({ nowMs: 10_000 }, "a");
    // The clock now reads 5 s earlier: without the clamp, "a" would be held until 11000 (6 s from now).
    expect(await s.reserve({ nowMs: 5000 }, "b", windows)).toEqual(["wait", "1000.000", "epoch-1"]);
    expect((await s.reserve({ nowMs: 6000 }, "b", windows))[0]).toBe("slot");
  });

  it("keeps every key of a scope under one hash tag, without the key, and lets them expire after lease plus longest window", async () => {
    const s = scriptOn("ttl");
    const tags = s.keys.map((key) => /\{[^}]*\}/.exec(key)?.[0]);
    expect(new Set(tags).size).toBe(1);
    expect(tags[0]).toMatch(/^\{[0-9a-f]{32}:mutations\}$/);
    await s.reserve({ nowMs: 0, leaseMs: 70_000, horizonMs: 900_000 }, "a", one);
    const inFlightTtl = await s.redis.pttl(s.keys[0]!);
    expect(inFlightTtl).toBeGreaterThan(960_000);
    expect(inFlightTtl).toBeLessThanOrEqual(970_000);
    // A shorter lease later never shortens what an earlier holder needs.
    await s.reserve({ nowMs: 5, leaseMs: 1000, horizonMs: 1000 }, "b", one);
    expect(await s.redis.pttl(s.keys[0]!)).toBeGreaterThan(960_000);
    await s.release({ nowMs: 10 }, "a");
    await s.release({ nowMs: 10 }, "b");
    const releasedTtl = await s.redis.pttl(s.keys[1]!);
    expect(releasedTtl).toBeGreaterThan(890_000); // the longest window seen: 15 min
    expect(releasedTtl).toBeLessThanOrEqual(900_000);
    await s.pause({ nowMs: 10 }, 5000);
    expect(await s.redis.pttl(s.keys[2]!)).toBeLessThanOrEqual(5000);
    expect(await s.redis.pttl(s.keys[3]!)).toBeGreaterThan(86_000_000);
    // Released slots older than the longest window ever seen are dropped.
    expect(await s.redis.zcard(s.keys[1]!)).toBe(2);
    await s.reserve({ nowMs: 900_011, horizonMs: 1000 }, "c", one);
    expect(await s.redis.zcard(s.keys[1]!)).toBe(0);
  });

  it("after a lost state: a holder of older slots must replay them, and nobody is granted anything during the grace", async () => {
    const s = scriptOn("epoch");
    const windows: Window[] = [{ limit: 3, intervalMs: 1000 }];
    expect(await s.reserve({ nowMs: 0 }, "a", windows)).toEqual(["slot", "a", "epoch-1"]);
    await s.release({ nowMs: 100 }, "a");
    expect((await s.reserve({ nowMs: 100, knownEpoch: "epoch-1" }, "b", windows))[0]).toBe("slot");
    await s.redis.del(...s.keys); // a restart without persistence
    // A fresh process (no slots, no epoch) would be granted at once; this one held slots: stale.
    expect(await s.reserve({ nowMs: 200, knownEpoch: "epoch-1", newEpoch: "epoch-2" }, "c", windows)).toEqual(["stale", "epoch-2"]);
    expect(await s.replay({ nowMs: 210, knownEpoch: "epoch-2" }, [["b", 5000]], [["a", 110]])).toEqual(["ok", "epoch-2"]);
    expect(await s.redis.zscore(s.keys[1]!, "a")).toBe("100");
    expect(Number(await s.redis.zscore(s.keys[0]!, "b"))).toBe(5210);
    expect(await s.reserve({ nowMs: 300, knownEpoch: "epoch-2" }, "c", windows)).toEqual(["wait", "400.000", "epoch-2"]); // grace until 700
    expect(await s.reserve({ nowMs: 300, knownEpoch: "epoch-1" }, "c", windows)).toEqual(["stale", "epoch-2"]); // another holder of old slots
    expect((await s.reserve({ nowMs: 700, knownEpoch: "epoch-2" }, "c", windows))[0]).toBe("slot");
    expect(await s.reserve({ nowMs: 700, knownEpoch: "epoch-2" }, "d", windows)).toEqual(["wait", "400.000", "epoch-2"]); // a, b, c held: a frees at 1100
    // Replaying twice adds nothing twice.
    await s.replay({ nowMs: 710, knownEpoch: "epoch-2" }, [["b", 5000]], [["a", 610]]);
    expect(await s.redis.zcard(s.keys[0]!)).toBe(2);
    expect(await s.redis.zcard(s.keys[1]!)).toBe(1);
  });

  it.each([1, 2, 3])("decides like the in-process store over random reservations and releases (seed %i)", async (seed) => {
    const s = scriptOn(`same-${seed}`);
    const windows: Window[] = [
      { limit: 4, intervalMs: 100 },
      { limit: 9, intervalMs: 700 },
    ];
    let nowMs = 0;
    const memory = new MemoryWindowStore(() => nowMs);
    const scope: WindowScope = { keyId: "k", group: "mutations", windows };
    const random = seededRandom(seed);
    const held: { memoryId: string; redisId: string }[] = [];
    let grants = 0;
    for (let step = 0; step < 400; step++) {
      const action = random();
      if (action < 0.45) {
        const fromMemory = memory.reserve(scope);
        const redisId = `r${step}`;
        const [status, value] = await s.reserve({ nowMs, horizonMs: 700 }, redisId, windows);
        if ("slotId" in fromMemory) {
          expect(status).toBe("slot");
          held.push({ memoryId: fromMemory.slotId, redisId });
          grants++;
        } else {
          expect(status).toBe("wait");
          // Exact where released slots must leave a window; where in-flight ones fill it, the in-process
          // store waits for a release (Infinity) and the shared one gives one interval as the least wait.
          if (fromMemory.retryInMs === Infinity) expect([100, 700]).toContain(Number(value));
          else expect(Number(value)).toBeCloseTo(fromMemory.retryInMs, 3);
        }
      } else if (action < 0.8 && held.length > 0) {
        const [done] = held.splice(Math.floor(random() * held.length), 1);
        memory.release(scope, done!.memoryId);
        await s.release({ nowMs }, done!.redisId);
      } else {
        nowMs += Math.round(between(random, 0, 80) * 1000) / 1000;
      }
    }
    expect(grants).toBeGreaterThan(60);
  });
});
