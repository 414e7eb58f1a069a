// startSimulator as a real server: 127.0.0.1, a free port, close() ends everything (stalled answers
// too), msw handlers over the same simulator, the command; and seeded faults of every kind.
import { setupServer } from "msw/node";
import { describe, expect, it } from "vitest";
import { StatsigConsole } from "../../src/index.js";
import { ConsoleSimulator, runSimulatorCommand, SIMULATOR_FAULT_KINDS, startSimulator, type SimulatorFaultKind } from "../../src/testing/index.js";
import { simulatorHandlers } from "../../src/testing/msw.js";

const KEY = { "statsig-api-key": "console-server-test" };

describe("startSimulator", () => {
  it("listens on 127.0.0.1 on a free port and serves the client over HTTP", async () => {
    const [one, two] = await Promise.all([startSimulator(), startSimulator()]);
    try {
      for (const server of [one!, two!]) expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(one!.baseUrl).not.toBe(two!.baseUrl);
      const sc = new StatsigConsole({ apiKey: "console-http", baseUrl: one!.baseUrl });
      await sc.gates.create({ name: "over_http" });
      expect((await sc.gates.list().toArray()).map((gate) => gate.name)).toEqual(["over_http"]);
      expect(two!.simulator.collections.get("gates")!.size).toBe(0);
    } finally {
      await Promise.all([one!.close(), two!.close()]);
    }
  });

  it("close() resolves while an answer is stalled, and the port is free afterwards", async () => {
    const server = await startSimulator({ faults: { rate: 1, kinds: ["no-answer"] } });
    const pending = fetch(`${server.baseUrl}/console/v1/gates`, { headers: KEY }).then(
      () => "answered",
      () => "failed",
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.close();
    expect(await pending).toBe("failed");
    await expect(fetch(`${server.baseUrl}/console/v1/gates`, { headers: KEY })).rejects.toThrow();
  });

  it("msw handlers answer from the same simulator a server can wrap", async () => {
    const simulator = new ConsoleSimulator();
    const mock = setupServer(...simulatorHandlers(simulator));
    mock.listen({ onUnhandledRequest: "error" });
    try {
      const sc = new StatsigConsole({ apiKey: "console-msw", rateLimit: false });
      await sc.gates.create({ name: "through_msw" });
      expect((await sc.gates.get("through_msw")).name).toBe("through_msw");
      expect(simulator.requests.map((request) => request.status)).toEqual([201, 200]);
    } finally {
      mock.close();
    }
  });
});

describe("faults", () => {
  async function statusesOf(seed: number) {
    const server = await startSimulator({ rateLimit: false, faults: { seed, rate: 0.5, kinds: ["500", "503", "429", "html-502", "empty-200"] } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await fetch(`${server.baseUrl}/console/v1/gates`, { headers: KEY })).status);
      return { statuses, faults: server.faults.map((fault) => fault.kind) };
    } finally {
      await server.close();
    }
  }

  it("are seeded: the same seed gives the same run, another seed another", async () => {
    const [first, again, other] = [await statusesOf(7), await statusesOf(7), await statusesOf(8)];
    expect(again).toEqual(first);
    expect(other.statuses).not.toEqual(first.statuses);
    expect(first.faults.length).toBeGreaterThan(3);
    expect(first.faults.length).toBeLessThan(17);
  });

  it.each(SIMULATOR_FAULT_KINDS.map((kind) => [kind] as const))(
    "%s: the client sees what the kind does, and the API applied it or not as documented",
    async (kind: SimulatorFaultKind) => {
      const server = await startSimulator({ rateLimit: false, faults: { rate: 1, kinds: [kind] } });
      try {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 300);
        const outcome = await fetch(`${server.baseUrl}/console/v1/gates`, {
          method: "POST",
          headers: { ...KEY, "content-type": "application/json" },
          body: JSON.stringify({ name: "faulted" }),
          signal: controller.signal,
        })
          .then(async (response) => ({ status: response.status, text: await response.text() }))
          .catch((error: unknown) => ({ error: (error as Error).name }))
          .finally(() => clearTimeout(timer));
        const applied = server.simulator.collections.get("gates")!.size === 1;
        const expected: Record<SimulatorFaultKind, [unknown, boolean]> = {
          "reset-before-headers": [{ error: "TypeError" }, false],
          "reset-mid-body": [{ error: "TypeError" }, true],
          "endless-body": [{ error: "AbortError" }, true],
          "no-answer": [{ error: "AbortError" }, true],
          "truncated-json": [{ status: 200, text: expect.not.stringMatching(/}$/) }, true],
          "html-502": [{ status: 502, text: expect.stringContaining("<html>") }, false],
          "empty-200": [{ status: 200, text: "" }, true],
          "429": [{ status: 429, text: expect.stringContaining("Too many") }, false],
          "500": [{ status: 500, text: expect.stringContaining("Internal") }, true],
          "503": [{ status: 503, text: expect.any(String) }, false],
        };
        expect(outcome).toEqual(expected[kind][0]);
        expect(applied).toBe(expected[kind][1]);
        expect(server.faults).toEqual([{ kind, method: "POST", path: "/console/v1/gates" }]);
      } finally {
        await server.close();
      }
    },
  );

  it("latency is added within its bounds", async () => {
    const server = await startSimulator({ faults: { latencyMs: [40, 60] } });
    try {
      const startedMs = performance.now();
      await fetch(`${server.baseUrl}/console/v1/gates`, { headers: KEY });
      const tookMs = performance.now() - startedMs;
      expect(tookMs).toBeGreaterThanOrEqual(39);
      expect(tookMs).toBeLessThan(1000);
    } finally {
      await server.close();
    }
  });

  it("the client's retries carry reads through refusals and lost answers", async () => {
    const server = await startSimulator({
      rateLimit: false,
      seed: { gates: [{ id: "steady" }] },
      faults: { seed: 3, rate: 0.4, kinds: ["500", "503", "reset-before-headers", "html-502"] },
    });
    try {
      const sc = new StatsigConsole({ apiKey: "console-retry", baseUrl: server.baseUrl, maxRetries: 8, retry: { initialDelayMs: 1, maxDelayMs: 5 } });
      for (let i = 0; i < 10; i++) expect((await sc.gates.get("steady")).id).toBe("steady");
      expect(server.faults.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it("refuses options that make no sense", async () => {
    await expect(startSimulator({ faults: { rate: 2 } })).rejects.toBeInstanceOf(RangeError);
    await expect(startSimulator({ faults: { latencyMs: [10, 5] } })).rejects.toBeInstanceOf(RangeError);
    await expect(startSimulator({ faults: { rate: 0.1, kinds: ["teapot" as SimulatorFaultKind] } })).rejects.toBeInstanceOf(RangeError);
  });
});

describe("the simulator command", () => {
  const quiet = () => {
    const lines: string[] = [];
    return { lines, output: { log: (line: string) => lines.push(line), error: (line: string) => lines.push(`error: ${line}`) } };
  };

  it("serves on the port asked for, with the options given", async () => {
    const { lines, output } = quiet();
    const { server, exitCode } = await runSimulatorCommand(["--port", "0", "--no-rate-limit", "--api-key", "console-cli"], output);
    try {
      expect(exitCode).toBe(0);
      expect(lines[0]).toContain(server!.baseUrl);
      expect((await fetch(`${server!.baseUrl}/console/v1/gates`, { headers: { "statsig-api-key": "console-cli" } })).status).toBe(200);
      expect((await fetch(`${server!.baseUrl}/console/v1/gates`, { headers: { "statsig-api-key": "console-other" } })).status).toBe(401);
    } finally {
      await server?.close();
    }
  });

  it("--help prints the usage; a bad argument exits 2 without listening", async () => {
    const help = quiet();
    expect(await runSimulatorCommand(["--help"], help.output)).toEqual({ exitCode: 0 });
    expect(help.lines[0]).toContain("Usage: statsig-console-simulator");
    for (const argv of [["--port"], ["--port", "http"], ["--port", "70000"], ["--verbose"]]) {
      const bad = quiet();
      expect(await runSimulatorCommand(argv, bad.output)).toEqual({ exitCode: 2 });
      expect(bad.lines[0]).toMatch(/^error: statsig-console-simulator: unexpected argument/);
    }
  });
});
