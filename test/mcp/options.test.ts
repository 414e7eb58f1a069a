// createMcpServer's options and the bin's command line, in process: bad names and missing keys
// fail at start with a clear error, and nothing the server answers can carry the key.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { afterAll, describe, expect, it, vi } from "vitest";
import { InvalidRequestError } from "../../src/index.js";
import { parseCli } from "../../src/mcp/cli-options.js";
import { createMcpServer, type McpServerOptions } from "../../src/mcp/index.js";
import { ConsoleSimulator } from "../../src/testing/index.js";
import { resultJson, resultText } from "./helpers.js";

const KEY = "console-options-test-key-9a8b7c";

async function connect(options: McpServerOptions): Promise<Client> {
  const server = createMcpServer({ ...options, client: { apiKey: KEY, fetch: new ConsoleSimulator().fetch, ...options.client } });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test", version: "0" });
  await server.connect(serverSide);
  await client.connect(clientSide);
  return client;
}

describe("createMcpServer options", () => {
  const withKey = { client: { apiKey: KEY } };

  it("refuses unknown tool names, unknown tags, and write tools without allowWrites", () => {
    expect(() => createMcpServer({ ...withKey, tools: ["gates.get", "gates.fly"] })).toThrow(/unknown tool\(s\): gates_fly/);
    expect(() => createMcpServer({ ...withKey, tags: ["Gates", "Spaceships"] })).toThrow(/unknown tag\(s\): spaceships; known: .*Gates/);
    expect(() => createMcpServer({ ...withKey, tools: ["gates_get", "gates_delete"] })).toThrow(InvalidRequestError);
    expect(() => createMcpServer({ ...withKey, tools: ["gates_delete"] })).toThrow(/gates_delete change data: allow writes/);
    expect(() => createMcpServer({ ...withKey, tools: [""] })).toThrow(/non-empty names/);
    expect(() => createMcpServer({ ...withKey, tools: ["gates_delete"], allowWrites: true })).not.toThrow();
  });

  it("needs a key, from the options or STATSIG_CONSOLE_API_KEY, and says where to put it", () => {
    vi.stubEnv("STATSIG_CONSOLE_API_KEY", "");
    expect(() => createMcpServer({})).toThrow(/STATSIG_CONSOLE_API_KEY.*--key-file/);
    vi.stubEnv("STATSIG_CONSOLE_API_KEY", KEY);
    expect(() => createMcpServer({})).not.toThrow();
  });

  it("never answers with the key, even when an error message holds it", async () => {
    const client = await connect({
      client: {
        maxRetries: 0,
        fetch: async () => {
          throw new TypeError(`socket to proxy failed while sending ${KEY}`);
        },
      },
    });
    const result = await client.callTool({ name: "gates_get", arguments: { id: "any" } });
    expect(result.isError).toBe(true);
    expect(resultJson(result)).toMatchObject({ error: "InvalidRequestError", message: expect.stringMatching(/failed while sending \[redacted\]/) });
    expect(resultText(result)).not.toContain(KEY);
    await client.close();
  });

  it("redacts the key from successful results too (a response that quotes it, as a key listing could)", async () => {
    const client = await connect({ client: { fetch: async () => Response.json({ message: "ok", data: { id: "g", description: `made with ${KEY}` } }) } });
    const result = await client.callTool({ name: "gates_get", arguments: { id: "g" } });
    expect(resultJson(result)).toEqual({ id: "g", description: "made with [redacted]" });
    await client.close();
  });

  it("compact mode: argument errors and unknown operations are tool errors, and a search with no match is empty", async () => {
    const client = await connect({ compact: true });
    // Tools only, and a list that never changes while connected.
    expect(client.getServerCapabilities()).toEqual({ tools: {} });
    const notAnObject = await client.callTool({ name: "call_operation", arguments: { operation: "gates_get", arguments: "id=x" } });
    expect(resultJson(notAnObject)).toMatchObject({ error: "InvalidArguments" });
    const unknown = await client.callTool({ name: "call_operation", arguments: { operation: "gates_fly" } });
    expect(resultJson(unknown)).toMatchObject({ error: "UnknownOperation" });
    expect(resultJson(await client.callTool({ name: "search_operations", arguments: { query: "zzqx" } }))).toEqual([]);
    expect((await client.callTool({ name: "gates_get", arguments: { id: "x" } })).isError).toBe(true);
    await client.close();
  });
});

describe("statsig-console-mcp command line", () => {
  const dir = mkdtempSync(join(tmpdir(), "mcp-options-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads flags into options, the key from --key-file (trimmed), never from an argument", () => {
    const keyFile = join(dir, "key");
    writeFileSync(keyFile, `${KEY}\n`);
    const command = parseCli([
      "--allow-writes",
      "--tools",
      "gates.get, gates_list",
      "--tags",
      "Gates,Dynamic Configs",
      "--compact",
      "--base-url",
      "http://127.0.0.1:9",
      "--key-file",
      keyFile,
    ]);
    expect(command).toEqual({
      help: false,
      simulator: false,
      options: {
        allowWrites: true,
        compact: true,
        tools: ["gates.get", "gates_list"],
        tags: ["Gates", "Dynamic Configs"],
        client: { apiKey: KEY, baseUrl: "http://127.0.0.1:9", respectReviewSettings: false },
      },
    });
    expect(() => parseCli(["--api-key", KEY])).toThrow(/Unknown option '--api-key'/);
  });

  it("refuses an unreadable key file without quoting any key", () => {
    expect(() => parseCli(["--key-file", join(dir, "missing")])).toThrow(/cannot read --key-file .*missing: ENOENT/);
  });
});
