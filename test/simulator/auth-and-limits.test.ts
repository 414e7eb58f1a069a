// Keys and rate limits like the API: a configurable set of keys (default any `console-` key), the
// API's 401 for others; the published windows per key, counted at arrival including refused
// attempts, 429 with Retry-After; configurable or off.
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthenticationError, StatsigConsole } from "../../src/index.js";
import { ConsoleSimulator, startSimulator, type SimulatorServer } from "../../src/testing/index.js";
import { DEFAULT_RATE_LIMITS } from "../../generated/operations.js";

let server: SimulatorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function post(baseUrl: string, key: string | undefined, name: string): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key !== undefined) headers["statsig-api-key"] = key;
  return fetch(`${baseUrl}/console/v1/gates`, { method: "POST", headers, body: JSON.stringify({ name }) });
}

describe("API keys", () => {
  it("by default any console- key is accepted; no key or another kind gets the API's 401", async () => {
    server = await startSimulator();
    expect((await post(server.baseUrl, "console-anything", "gate_one")).status).toBe(201);
    for (const key of [undefined, "secret-abc", "client-abc", ""]) {
      const answer = await post(server.baseUrl, key, "gate_two");
      expect(answer.status).toBe(401);
      expect(await answer.json()).toEqual({ status: 401, message: "Invalid or missing Console API key" });
    }
    expect(server.simulator.collections.get("gates")!.size).toBe(1);
  });

  it("a configured list of keys: only those; the client reports AuthenticationError", async () => {
    server = await startSimulator({ apiKeys: ["console-team-a"] });
    expect((await post(server.baseUrl, "console-team-a", "gate_one")).status).toBe(201);
    expect((await post(server.baseUrl, "console-team-b", "gate_two")).status).toBe(401);
    const sc = new StatsigConsole({ apiKey: "console-team-b", baseUrl: server.baseUrl, maxRetries: 0 });
    await expect(sc.gates.list().toArray()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("a test function decides, and the key never appears in the audit fields", async () => {
    const simulator = new ConsoleSimulator({ apiKeys: (key) => key.endsWith("-ok") });
    const sc = new StatsigConsole({ apiKey: "console-secret-value-ok", fetch: simulator.fetch, rateLimit: false });
    const gate = await sc.gates.create({ name: "audited" });
    expect(JSON.stringify(gate)).not.toContain("secret-value");
    expect(gate.lastModifierID).toMatch(/^apikey_[0-9a-f]{8}$/);
    expect((await simulator.fetch("https://x.invalid/console/v1/gates", { headers: { "statsig-api-key": "console-bad" } })).status).toBe(401);
  });
});

describe("rate limits", () => {
  it("the published windows by default", async () => {
    server = await startSimulator();
    const mutations = DEFAULT_RATE_LIMITS.mutations;
    const shortest = Math.min(...mutations.map((window) => window.limit));
    const statuses: number[] = [];
    for (let i = 0; i <= shortest; i++) statuses.push((await post(server.baseUrl, "console-limits", `gate_${i}`)).status);
    expect(statuses.slice(0, shortest).every((status) => status === 201)).toBe(true);
    expect(statuses[shortest]).toBe(429);
  });

  it("counts at arrival, refused attempts too; 429 with Retry-After; each key has its own windows; reads are not limited", async () => {
    let nowMs = 0;
    server = await startSimulator({ now: () => nowMs, rateLimit: { mutations: [{ limit: 2, intervalMs: 10_000 }] } });
    const status = async (key: string, name: string) => (await post(server!.baseUrl, key, name)).status;
    expect([await status("console-a", "g_1"), await status("console-a", "g_2")]).toEqual([201, 201]);
    nowMs = 4000;
    const refused = await post(server.baseUrl, "console-a", "g_3");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("6");
    expect(await refused.json()).toEqual({ status: 429, message: "Too many requests" });
    expect(await status("console-b", "g_4")).toBe(201);
    expect((await fetch(`${server.baseUrl}/console/v1/gates`, { headers: { "statsig-api-key": "console-a" } })).status).toBe(200);
    nowMs = 10_001;
    // The two accepted at 0 have left the window; the refused attempt at 4000 still counts.
    expect(await status("console-a", "g_5")).toBe(201);
    expect(await status("console-a", "g_6")).toBe(429);
  });

  it("rateLimit: false accepts a burst of a thousand mutations", async () => {
    const simulator = new ConsoleSimulator({ rateLimit: false });
    const sc = new StatsigConsole({ apiKey: "console-burst", fetch: simulator.fetch, rateLimit: false });
    await Promise.all(Array.from({ length: 1000 }, (_, i) => sc.tags.create({ name: `tag_${i}`, description: "burst" })));
    expect(simulator.requests.filter((request) => request.status === 429)).toHaveLength(0);
    expect(simulator.collections.get("tags")!.size).toBe(1000);
  });

  it("the client's own limiter, with the same windows, keeps a burst free of 429s", async () => {
    const windows = { mutations: [{ limit: 5, intervalMs: 200 }] };
    server = await startSimulator({ rateLimit: windows });
    const sc = new StatsigConsole({ apiKey: "console-paced", baseUrl: server.baseUrl, rateLimit: windows, maxRetries: 0 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => sc.gates.create({ name: `paced_${i}` })));
    expect(server.simulator.requests.filter((request) => request.status === 429)).toHaveLength(0);
    expect(server.simulator.collections.get("gates")!.size).toBe(12);
  });

  it("keeps its windows on a monotonic clock: a wall clock set back an hour refuses nothing", async () => {
    vi.useFakeTimers();
    try {
      const simulator = new ConsoleSimulator({ rateLimit: { mutations: [{ limit: 2, intervalMs: 1000 }] } });
      const send = (name: string) =>
        simulator.fetch("https://sim.invalid/console/v1/gates", { method: "POST", headers: { "statsig-api-key": "console-k" }, body: JSON.stringify({ name }) });
      expect([(await send("gate_a")).status, (await send("gate_b")).status, (await send("gate_c")).status]).toEqual([201, 201, 429]);
      vi.setSystemTime(Date.now() - 3_600_000);
      vi.advanceTimersByTime(1000);
      expect((await send("gate_d")).status).toBe(201);
    } finally {
      vi.useRealTimers();
    }
  });
});
