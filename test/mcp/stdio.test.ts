// The statsig-console-mcp bin, built by tsup as it ships, driven by the MCP SDK's own client
// over stdio, against the simulator behind a real socket on 127.0.0.1: the test reads which
// requests arrived, and checks that the key appears in no tool result and no log line.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import operationsJson from "../../generated/operations.json" with { type: "json" };
import { buildBin, type LoopbackApi, MCP_KEY, resultJson, resultText, type SpawnedServer, spawnMcp, startLoopbackApi } from "./helpers.js";

let api: LoopbackApi;
let built: Awaited<ReturnType<typeof buildBin>>;
const outputs: string[] = [];
const servers: SpawnedServer[] = [];

async function spawn(...flags: string[]): Promise<SpawnedServer> {
  const spawned = await spawnMcp(built.bin, ["--base-url", api.baseUrl, ...flags], { env: { STATSIG_CONSOLE_LOG: "debug" } });
  servers.push(spawned);
  return spawned;
}

async function call(server: SpawnedServer, name: string, args: Record<string, unknown>) {
  const result = await server.client.callTool({ name, arguments: args });
  outputs.push(resultText(result));
  return result;
}

beforeAll(async () => {
  built = await buildBin();
  api = await startLoopbackApi();
  api.simulator.seed("gates", [
    { id: "checkout_redesign", name: "checkout_redesign", isEnabled: true },
    { id: "old_banner", name: "old_banner", isEnabled: false },
  ]);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  // Every tool result and every stderr line (debug logging on) of every server this file started.
  for (const text of [...outputs, ...servers.map((server) => server.stderr())]) expect(text).not.toContain(MCP_KEY);
  expect(
    servers.some((server) => server.stderr().length > 0),
    "debug logging wrote something to check",
  ).toBe(true);
  await api.close();
  built.remove();
});

describe("statsig-console-mcp over stdio, read-only by default", () => {
  let server: SpawnedServer;
  beforeAll(async () => {
    server = await spawn();
  });

  it("lists only read tools: no operation that changes data", async () => {
    const { tools } = await server.client.listTools();
    const writes = operationsJson.operations.filter((operation) => operation.method !== "GET").map((operation) => operation.operationId.replaceAll(".", "_"));
    expect(tools.length).toBe(operationsJson.operations.length - writes.length);
    expect(tools.map((tool) => tool.name)).toContain("gates_get");
    for (const name of writes) expect(tools.map((tool) => tool.name)).not.toContain(name);
    expect((await call(server, "gates_create", { body: { name: "sneaky" } })).isError).toBe(true);
    expect(api.arrived.filter((request) => request.method !== "GET")).toEqual([]);
  });

  it("calls a read: a list answers with one page and the next page number", async () => {
    const result = await call(server, "gates_list", { limit: 1 });
    expect(result.isError).toBeFalsy();
    const page = resultJson<{ data: { id: string }[]; nextPage: number | null }>(result);
    expect(page.data.map((gate) => gate.id)).toEqual(["checkout_redesign"]);
    expect(page.nextPage).toBe(2);
    const second = resultJson<{ data: { id: string }[]; nextPage: number | null }>(await call(server, "gates_list", { limit: 1, page: page.nextPage }));
    expect(second).toMatchObject({ data: [{ id: "old_banner" }], nextPage: null });
    expect(resultJson(await call(server, "gates_get", { id: "old_banner" }))).toMatchObject({ id: "old_banner", isEnabled: false });
  });

  it("returns an API error as a tool error with the status and the API's message", async () => {
    const result = await call(server, "gates_get", { id: "no_such_gate" });
    expect(result.isError).toBe(true);
    expect(resultJson(result)).toMatchObject({ error: "NotFoundError", status: 404 });
    expect(resultJson<{ apiMessage: string }>(result).apiMessage).toMatch(/not found/i);
  });
});

describe("statsig-console-mcp --allow-writes", () => {
  let server: SpawnedServer;
  beforeAll(async () => {
    server = await spawn("--allow-writes");
  });

  it("lists the writes too, and a create reaches the API and is read back", async () => {
    const names = (await server.client.listTools()).tools.map((tool) => tool.name);
    expect(names).toHaveLength(operationsJson.operations.length);
    const created = await call(server, "gates_create", { body: { name: "agent_made", description: "made over MCP" } });
    expect(created.isError).toBeFalsy();
    expect(api.arrived.at(-1)).toEqual({ method: "POST", path: "/console/v1/gates" });
    const id = resultJson<{ id: string }>(created).id;
    expect(resultJson(await call(server, "gates_get", { id }))).toMatchObject({ id, description: "made over MCP" });
  });

  it("rejects schema-invalid input before any request is sent", async () => {
    const before = api.arrived.length;
    const missingName = await call(server, "gates_create", { body: { description: "no name" } });
    const wrongType = await call(server, "gates_rules_patch", { id: "checkout_redesign", ruleID: "r1", body: { passPercentage: "fifty" } });
    const unknownArgument = await call(server, "gates_get", { id: "checkout_redesign", gateId: "x" });
    for (const result of [missingName, wrongType, unknownArgument]) {
      expect(result.isError).toBe(true);
      expect(resultJson(result)).toMatchObject({ error: "InvalidArguments" });
    }
    expect(resultJson<{ message: string }>(missingName).message).toMatch(/name/);
    expect(resultJson<{ message: string }>(wrongType).message).toMatch(/passPercentage/);
    expect(api.arrived.length).toBe(before);
  });

  it("returns the API's field errors, and never the key even when the API echoes it", async () => {
    api.setOverride((request) =>
      request.method === "POST"
        ? Response.json(
            { status: 400, message: `Key ${request.headers.get("statsig-api-key")} may not create gates`, errors: [{ property: "name", errorMessage: "already taken" }] },
            { status: 400 },
          )
        : undefined,
    );
    try {
      const result = await call(server, "gates_create", { body: { name: "taken_name" } });
      expect(result.isError).toBe(true);
      expect(resultJson(result)).toMatchObject({ error: "BadRequestError", status: 400, errors: [{ property: "name", errorMessage: "already taken" }] });
      expect(resultText(result)).toMatch(/may not create gates/);
      expect(resultText(result)).not.toContain(MCP_KEY);
    } finally {
      api.setOverride(undefined);
    }
  });
});

describe("statsig-console-mcp subsets and compact mode", () => {
  it("--tools exposes exactly the named tools (operationIds or tool names); --tags exactly the tagged operations", async () => {
    const byTools = await spawn("--tools", "gates.get,gates_list");
    expect((await byTools.client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(["gates_get", "gates_list"]);
    const byTags = await spawn("--tags", "Tags,Unit ID Types", "--allow-writes");
    const tagged = operationsJson.operations.filter((operation) => operation.tags.some((tag) => tag === "Tags" || tag === "Unit ID Types"));
    expect((await byTags.client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(tagged.map((operation) => operation.operationId.replaceAll(".", "_")).sort());
  });

  it("--compact: search_operations finds operations with their schemas; call_operation validates and calls", async () => {
    const server = await spawn("--compact");
    expect((await server.client.listTools()).tools.map((tool) => tool.name)).toEqual(["search_operations", "call_operation"]);
    const found = resultJson<{ name: string; inputSchema: { properties: Record<string, unknown> } }[]>(await call(server, "search_operations", { query: "gate rules", limit: 20 }));
    expect(found.map((match) => match.name)).toContain("gates_rules_list");
    // Ranked: every (read-only) gate-rule operation before anything else.
    const isGateRule = found.map((match) => match.name.startsWith("gates_rules_"));
    expect(isGateRule.indexOf(false)).toBeGreaterThan(isGateRule.lastIndexOf(true));
    expect(found.find((match) => match.name === "gates_rules_list")?.inputSchema.properties).toHaveProperty("id");
    const before = api.arrived.length;
    const invalid = await call(server, "call_operation", { operation: "gates_get", arguments: { id: 42 } });
    expect(resultJson(invalid)).toMatchObject({ error: "InvalidArguments" });
    const write = await call(server, "call_operation", { operation: "gates.create", arguments: { body: { name: "nope_not_allowed" } } });
    expect(resultJson(write)).toMatchObject({ error: "UnknownOperation" });
    expect(api.arrived.length).toBe(before);
    const gate = await call(server, "call_operation", { operation: "gates.get", arguments: { id: "checkout_redesign" } });
    expect(resultJson(gate)).toMatchObject({ id: "checkout_redesign" });
  });
});

describe("statsig-console-mcp --simulator", () => {
  it("answers from the embedded simulator with no key and no network: a write, then a read of it", async () => {
    const server = await spawnMcp(built.bin, ["--simulator", "--allow-writes", "--tags", "Gates"], { env: { STATSIG_CONSOLE_API_KEY: "" } });
    servers.push(server);
    const before = api.arrived.length;
    const created = resultJson<{ id: string }>(await call(server, "gates_create", { body: { name: "simulated_gate" } }));
    const page = resultJson<{ data: { id: string }[] }>(await call(server, "gates_list", {}));
    expect(page.data.map((gate) => gate.id)).toEqual([created.id]);
    expect(api.arrived.length).toBe(before);
  });
});
