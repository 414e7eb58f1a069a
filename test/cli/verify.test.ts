// `statsig-console verify` over a real socket: a server on 127.0.0.1 in front of the simulator,
// optionally dropping a required field from gate reads. The command must report the drift at its
// operation and field, exit 1 for it and 0 without it, send no mutation, and never print the key.
import { afterEach, describe, expect, it } from "vitest";
import { StatsigConsole } from "../../src/index.js";
import { ConsoleSimulator } from "../../src/testing/index.js";
import { runInProcess, startServer, type TestServer } from "./helpers.js";

const KEY = "console-verifycli0123456789";
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serveSimulator(dropIdType: boolean): Promise<TestServer> {
  const simulator = new ConsoleSimulator();
  const seeding = new StatsigConsole({ apiKey: "console-seed", baseUrl: "http://simulator.invalid", fetch: simulator.fetch, logLevel: "off" });
  await seeding.gates.create({ name: "checkout_flow", description: "seeded" });
  return startServer(async (request, response) => {
    const answer = await simulator.fetch(`http://simulator.invalid${request.path}`, {
      method: request.method,
      headers: request.headers as Record<string, string>,
      ...(request.body === "" ? {} : { body: request.body }),
    });
    let text = await answer.text();
    if (dropIdType && request.method === "GET" && /^\/console\/v1\/gates\/[^/?]+(\?|$)/.test(request.path)) {
      const body = JSON.parse(text) as { data: Record<string, unknown> };
      delete body.data.idType;
      text = JSON.stringify(body);
    }
    response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
    response.end(text);
  });
}

const argv = (baseUrl: string, ...more: string[]) => ["verify", "--base-url", baseUrl, "--only", "gates.list", "gates.get", ...more];

describe("statsig-console verify", () => {
  it("reports a required field the API stopped sending, at its operation, as JSON, and exits 1", async () => {
    server = await serveSimulator(true);
    const run = await runInProcess(argv(server.baseUrl, "--report", "json"), { env: { STATSIG_CONSOLE_API_KEY: KEY } });
    expect(run.exitCode).toBe(1);
    const report = JSON.parse(run.stdout) as { operations: { operationId: string; outcome: string; mismatches?: { kind: string; location: string }[] }[] };
    const byId = new Map(report.operations.map((check) => [check.operationId, check]));
    expect(byId.get("gates.list")?.outcome).toBe("ok");
    expect(byId.get("gates.get")?.outcome).toBe("mismatch");
    expect(byId.get("gates.get")?.mismatches?.map((m) => [m.kind, m.location])).toEqual([["missing-required-field", expect.stringContaining("idType")]]);
    expect(server.requests.every((r) => r.method === "GET")).toBe(true);
    expect(run.stdout + run.stderr).not.toContain(KEY);
  }, 30_000);

  it("exits 0 with a Markdown summary when every response matches the spec", async () => {
    server = await serveSimulator(false);
    const run = await runInProcess(argv(server.baseUrl), { env: { STATSIG_CONSOLE_API_KEY: KEY } });
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Operations checked: 2 (2 as described, 0 with mismatches)");
    expect(server.requests.map((r) => r.path.split("?")[0])).toEqual(["/console/v1/gates", "/console/v1/gates/checkout_flow"]);
  }, 30_000);

  it("refuses a bad page size before sending anything (exit 2)", async () => {
    server = await serveSimulator(false);
    const run = await runInProcess(argv(server.baseUrl, "--page-size", "0"), { env: { STATSIG_CONSOLE_API_KEY: KEY } });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--page-size");
    expect(server.requests).toEqual([]);
  });
});

describe("statsig-console simulate", () => {
  it("refuses a port that is not one, with exit 2", async () => {
    const run = await runInProcess(["simulate", "--port", "http"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--port");
  });
});
