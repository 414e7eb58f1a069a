import { spawnSync } from "node:child_process";
import { describe, expect, it, vi } from "vitest";
import { AuthenticationError, ConflictError, NotFoundError, StatsigConsole } from "../../src/index.js";
import { setupServer } from "msw/node";
import { ConsoleSimulator } from "../../src/testing/index.js";
import { simulatorHandlers } from "../../src/testing/msw.js";
import { repoRoot } from "../helpers/spec.js";

function client(simulator: ConsoleSimulator, apiKey = "console-sim-key"): StatsigConsole {
  return new StatsigConsole({ apiKey, fetch: simulator.fetch, rateLimit: false, maxRetries: 0 });
}

describe("ConsoleSimulator", () => {
  it("keeps created gates, lists them in pages, updates and deletes them", async () => {
    const simulator = new ConsoleSimulator();
    const sc = client(simulator);
    for (let i = 0; i < 7; i++) await sc.gates.create({ name: `gate_${i}` });
    const names: string[] = [];
    for await (const gate of sc.gates.list({ limit: 3 })) names.push(gate.name);
    expect(names).toEqual(["gate_0", "gate_1", "gate_2", "gate_3", "gate_4", "gate_5", "gate_6"]);
    expect(simulator.requests.filter((r) => r.path.startsWith("/console/v1/gates?")).length).toBe(3);

    const patched = await sc.gates.patch("gate_3", { description: "patched" });
    expect(patched.description).toBe("patched");
    expect((await sc.gates.get("gate_3")).description).toBe("patched");
    await sc.gates.delete("gate_3");
    await expect(sc.gates.get("gate_3")).rejects.toBeInstanceOf(NotFoundError);
    await expect(sc.gates.create({ name: "gate_1" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("answers operations it does not model with the spec's example", async () => {
    const simulator = new ConsoleSimulator();
    const checks = await client(simulator).gates.checks.get("any_gate");
    expect(checks).toBeDefined();
    expect(simulator.requests[0]!.status).toBe(200);
  });

  it("applies a state change's status from the spec's example, and leaves non-collection paths to examples", async () => {
    const simulator = new ConsoleSimulator();
    const sc = client(simulator);
    await sc.gates.create({ name: "to_archive" });
    expect((await sc.gates.archive("to_archive")).status).toBe("Archived");
    expect((await sc.gates.get("to_archive")).status).toBe("Archived");

    await sc.experiments.create({ name: "exp_one" });
    // `/experiments/assignment_sources` is its own operation, not an experiment called "assignment_sources".
    const sources = await sc.experiments.assignmentSources.list();
    expect(sources.data.length).toBeGreaterThan(0);
    await expect(sc.experiments.get("no_such_experiment")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("rejects a request without a Console key", async () => {
    const simulator = new ConsoleSimulator();
    const response = await simulator.fetch("https://sim.invalid/console/v1/gates", {});
    expect(response.status).toBe(401);
    await expect(client(simulator, "console-x").gates.get("g")).resolves.toBeDefined();
    const bad = await simulator.fetch("https://sim.invalid/console/v1/gates/g", { headers: { "STATSIG-API-KEY": "secret-x" } });
    expect(bad.status).toBe(401);
    expect(AuthenticationError).toBeDefined();
  });

  it("enforces the mutation limits like the server, counting rejected attempts", async () => {
    let now = 0;
    const simulator = new ConsoleSimulator({ now: () => now, rateLimit: { mutations: [{ limit: 2, intervalMs: 1000 }] } });
    const send = () => simulator.fetch("https://sim.invalid/console/v1/gates", { method: "POST", headers: { "STATSIG-API-KEY": "console-k" }, body: JSON.stringify({ name: `g${Math.random()}` }) });
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(201);
    now = 900;
    expect((await send()).status).toBe(429);
    now = 1001;
    expect((await send()).status).toBe(201);
    now = 1002;
    // Only one request was accepted in (2, 1002], but the rejected attempt at 900 counts too.
    expect((await send()).status).toBe(429);
  });

  it("keeps its limit windows on a monotonic clock: a wall clock set back an hour refuses nothing", async () => {
    vi.useFakeTimers();
    try {
      const simulator = new ConsoleSimulator({ rateLimit: { mutations: [{ limit: 2, intervalMs: 1000 }] } });
      const send = (name: string) => simulator.fetch("https://sim.invalid/console/v1/gates", { method: "POST", headers: { "STATSIG-API-KEY": "console-k" }, body: JSON.stringify({ name }) });
      expect([(await send("a")).status, (await send("b")).status, (await send("c")).status]).toEqual([201, 201, 429]);
      vi.setSystemTime(Date.now() - 3_600_000);
      vi.advanceTimersByTime(1000);
      expect((await send("d")).status).toBe(201);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("simulatorHandlers", () => {
  it("serves the simulator through msw to a client that uses the global fetch", async () => {
    const simulator = new ConsoleSimulator();
    const server = setupServer(...simulatorHandlers(simulator));
    server.listen({ onUnhandledRequest: "error" });
    try {
      const sc = new StatsigConsole({ apiKey: "console-msw", rateLimit: false });
      await sc.gates.create({ name: "through_msw" });
      expect((await sc.gates.get("through_msw")).name).toBe("through_msw");
      expect(simulator.requests.map((r) => r.status)).toEqual([201, 200]);
    } finally {
      server.close();
    }
  });
});

describe("npm start", () => {
  it("runs the demo workflow against the simulator with no key and no network", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/demo.ts"], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, STATSIG_CONSOLE_API_KEY: "" } });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("every gate, across pages");
    expect(run.stdout).toMatch(/requests sent \/ answered 429\s+\d+ \/ 0/);
    expect(run.stdout.trim().endsWith("Done.")).toBe(true);
  }, 30_000);
});
