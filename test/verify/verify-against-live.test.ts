// verifyAgainstLive against the HTTP simulator with drift injected between it and the client: a required
// field removed, a type changed, a new enum value, an undeclared field. Every one must be reported
// at its operation and location, nothing else, and never a mutation sent.
import { afterAll, describe, expect, it } from "vitest";
import { StatsigConsole } from "../../src/index.js";
import { ConsoleSimulator, startSimulator, type SimulatorServer } from "../../src/testing/index.js";
import { renderVerifyReportMarkdown, verifyAgainstLive, type VerifyProgress } from "../../src/verify/index.js";
import { driftingFetch, type Drift } from "./drift-fetch.js";

const GATE_PATH = /^\/console\/v1\/gates\/[^/]+$/;
const LONG_DESCRIPTION = "a description long enough to be cut in the sample";

const drift: Drift = (body, { path }) => {
  const data = body.data as Record<string, unknown> | Record<string, unknown>[] | undefined;
  if (GATE_PATH.test(path) && data && !Array.isArray(data)) {
    delete data.idType; // a required field removed
    data.isEnabled = "yes"; // a type changed
    data.status = "Quarantined"; // a new enum value
    data.rolloutNotes = LONG_DESCRIPTION; // an undeclared field
    data.description = "console-0123456789abcdef"; // a key-like value must never reach a sample
    data.checksPerHour = { perHour: 3 }; // a type changed, sample is an object
  }
  return body;
};

const servers: SimulatorServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function run(options: { drift?: Drift; seed?: boolean } = {}) {
  // The HTTP simulator on 127.0.0.1, with the drift injected between the socket and the client.
  const server = await startSimulator();
  servers.push(server);
  const { simulator } = server;
  const upstream: typeof fetch = (input, init) => fetch(input, init);
  const sc = new StatsigConsole({
    apiKey: "console-verifytestkey",
    baseUrl: server.baseUrl,
    fetch: options.drift ? driftingFetch(upstream, options.drift) : upstream,
    logLevel: "off",
  });
  if (options.seed !== false) {
    await sc.gates.create({ name: "Checkout flow", description: "seeded" });
  }
  const mutationsBefore = simulator.requests.filter((r) => r.method !== "GET").length;
  const progress: VerifyProgress[] = [];
  const report = await verifyAgainstLive(sc, { onProgress: (p) => progress.push(p), now: () => Date.UTC(2026, 0, 2) });
  return { report, progress, mutationsDuringCheck: simulator.requests.filter((r) => r.method !== "GET").length - mutationsBefore, simulator };
}

// One drifted run serves the tests that only read its report.
let drifted: ReturnType<typeof run> | undefined;
const driftedRun = () => {
  drifted ??= run({ drift });
  return drifted;
};

describe("verifyAgainstLive", () => {
  it("finds nothing to report when the API answers as the spec says, and sends only GETs", async () => {
    const { report, mutationsDuringCheck, progress } = await run();
    expect(mutationsDuringCheck).toBe(0);
    expect(report.summary.withMismatches).toBe(0);
    expect(report.summary.failed).toBe(0);
    expect(report.operations.find((c) => c.operationId === "gates.get")).toMatchObject({ outcome: "ok", httpStatus: 200 });
    expect(report.operations.find((c) => c.operationId === "gates.rules.list")).toMatchObject({ outcome: "ok" });
    expect(report.summary.checked).toBeGreaterThan(40);
    expect(progress.map((p) => p.done)).toEqual(report.operations.map((_, i) => i + 1));
    expect(progress.every((p) => p.total === report.operations.length)).toBe(true);
    expect(report).toMatchObject({ formatVersion: 1, generatedAt: "2026-01-02T00:00:00.000Z", spec: { title: "Statsig Console API" } });
  }, 30_000);

  it("reports every injected drift at its operation and location", async () => {
    const { report } = await driftedRun();
    const gate = report.operations.find((c) => c.operationId === "gates.get")!;
    expect(gate.outcome).toBe("mismatch");
    const found = gate.mismatches.map((m) => `${m.kind} ${m.location}`).sort();
    expect(found).toEqual([
      "missing-required-field data.idType",
      "undeclared-field data.rolloutNotes",
      "unexpected-type data.checksPerHour",
      "unexpected-type data.isEnabled",
      "unknown-enum-value data.status",
    ]);
    expect(gate.mismatches.find((m) => m.kind === "unknown-enum-value")!.expected).toContain('"Launched"');
    // Only the drifted operation: the list of gates (same entity, other path) is untouched.
    expect(report.operations.filter((c) => c.outcome === "mismatch").map((c) => c.operationId)).toEqual(["gates.get"]);
    expect(report.summary.mismatches).toMatchObject({ "missing-required-field": 1, "unexpected-type": 2, "unknown-enum-value": 1, "undeclared-field": 1 });
  }, 30_000);

  it("redacts samples: strings cut short, key-like values replaced, no key anywhere in the report", async () => {
    const { report } = await driftedRun();
    const gate = report.operations.find((c) => c.operationId === "gates.get")!;
    expect(gate.mismatches.find((m) => m.location === "data.rolloutNotes")!.sample).toBe(`a desc…(${LONG_DESCRIPTION.length} chars)`);
    expect(gate.mismatches.find((m) => m.location === "data.isEnabled")!.sample).toBe("yes");
    expect(gate.mismatches.find((m) => m.location === "data.checksPerHour")!.sample).toEqual({ perHour: 3 });
    expect(gate.mismatches.find((m) => m.kind === "missing-required-field")).not.toHaveProperty("sample");
    const text = JSON.stringify(report) + renderVerifyReportMarkdown(report);
    expect(text).not.toContain("console-verifytestkey");
    expect(text).not.toContain("0123456789abcdef");
    expect(text).not.toContain(LONG_DESCRIPTION);
  }, 30_000);

  it("reports a list whose first item drifted, once per location with a count", async () => {
    const { report } = await run({
      drift: (body, { path }) => {
        if (path === "/console/v1/gates" && Array.isArray(body.data)) for (const gate of body.data as Record<string, unknown>[]) gate.version = "7";
        return body;
      },
    });
    const list = report.operations.find((c) => c.operationId === "gates.list")!;
    expect(list.mismatches).toEqual([{ kind: "unexpected-type", location: "data[].version", expected: "integer", sample: "7", occurrences: 1 }]);
  }, 30_000);

  it("skips what it cannot call without writing, and says why", async () => {
    const { report } = await run({ seed: false });
    const skipped = report.operations.filter((c) => c.outcome === "skipped");
    expect(skipped.find((c) => c.operationId === "gates.get")!.reason).toBe("no value for {id}: /console/v1/gates listed no item");
    expect(skipped.find((c) => c.operationId === "ingestion.status.list")!.reason).toMatch(/^needs query parameter/);
    expect(report.operations.every((c) => c.method === "GET")).toBe(true);
  }, 30_000);

  it("marks an operation failed with its status when the API refuses it (the client's retries and limits apply)", async () => {
    const simulator = new ConsoleSimulator();
    const refusing = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      if (new URL(request.url).pathname === "/console/v1/tags")
        return new Response(JSON.stringify({ status: 429, message: "slow down" }), { status: 429, headers: { "content-type": "application/json" } });
      return simulator.fetch(request);
    };
    const sc = new StatsigConsole({ apiKey: "console-verifytestkey", fetch: refusing, maxRetries: 0, logLevel: "off" });
    const report = await verifyAgainstLive(sc, { operations: ["tags.list", "gates.list"] });
    expect(report.operations.map((c) => [c.operationId, c.outcome, c.httpStatus])).toEqual([
      ["gates.list", "ok", 200],
      ["tags.list", "failed", 429],
    ]);
  }, 30_000);

  it("renders Markdown with the counts and a table per drifted operation", async () => {
    const { report } = await driftedRun();
    const markdown = renderVerifyReportMarkdown(report);
    expect(markdown).toContain("| unknown-enum-value | 1 |");
    expect(markdown).toContain("## `gates.get` (GET /console/v1/gates/{id})");
    expect(markdown).toContain('| unexpected-type | data.isEnabled | boolean | `"yes"` | 1 |');
  }, 30_000);

  it("refuses a value that is not a client, and a bad page size, with typed errors", async () => {
    await expect(verifyAgainstLive({} as never)).rejects.toMatchObject({ name: "InvalidRequestError" });
    const sc = new StatsigConsole({ apiKey: "console-verifytestkey", fetch: new ConsoleSimulator().fetch, logLevel: "off" });
    await expect(verifyAgainstLive(sc, { pageSize: 0 })).rejects.toMatchObject({ name: "InvalidRequestError" });
  });
});
