// For the MCP tests: the simulator behind a real socket (node:http on 127.0.0.1), so the bin,
// a separate process, reaches it with --base-url while the test reads its request log; and an
// SDK client that spawns the built bin over stdio.
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { build as tsup } from "tsup";
import { ConsoleSimulator } from "../../src/testing/index.js";
import { repoRoot } from "../helpers/spec.js";

export const MCP_KEY = "console-mcp-secret-key-4f1d2c";

/** Answers a request instead of the simulator, or returns undefined to let the simulator answer. */
type Override = (request: Request) => Response | undefined;

export interface LoopbackApi {
  baseUrl: string;
  simulator: ConsoleSimulator;
  /** Every request that arrived, including those an override answered. */
  arrived: { method: string; path: string }[];
  setOverride(override: Override | undefined): void;
  close(): Promise<void>;
}

function toRequest(message: IncomingMessage, body: Buffer): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return new Request(`http://127.0.0.1${message.url ?? "/"}`, { method: message.method ?? "GET", headers, ...(body.length > 0 ? { body: new Uint8Array(body) } : {}) });
}

export async function startLoopbackApi(): Promise<LoopbackApi> {
  const simulator = new ConsoleSimulator();
  const arrived: { method: string; path: string }[] = [];
  let override: Override | undefined;
  const server: Server = createServer(async (message, reply) => {
    const chunks: Buffer[] = [];
    for await (const chunk of message) chunks.push(chunk as Buffer);
    const request = toRequest(message, Buffer.concat(chunks));
    arrived.push({ method: request.method, path: new URL(request.url).pathname });
    const response = override?.(request) ?? (await simulator.fetch(request));
    reply.writeHead(response.status, Object.fromEntries(response.headers));
    reply.end(Buffer.from(await response.arrayBuffer()));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    simulator,
    arrived,
    setOverride(next) {
      override = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface SpawnedServer {
  client: Client;
  /** Everything the bin wrote to stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

/**
 * Builds the bin with the package's tsup config into a scratch directory inside the repository
 * (so its imports resolve from node_modules as in an installed package); returns its path.
 * The built file starts in about 0.3 s, where the source through tsx takes several seconds.
 */
export async function buildBin(): Promise<{ bin: string; remove(): void }> {
  const outDir = mkdtempSync(join(repoRoot, ".build-test-mcp-"));
  await tsup({ outDir, dts: false, silent: true, entry: { "mcp/bin": "src/mcp/bin.ts", "testing/index": "src/testing/index.ts" } });
  return { bin: join(outDir, "mcp", "bin.js"), remove: () => rmSync(outDir, { recursive: true, force: true }) };
}

/** Spawns the built bin and connects the SDK's client to it over stdio. */
export async function spawnMcp(bin: string, args: readonly string[], options: { env?: Record<string, string> } = {}): Promise<SpawnedServer> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, ...args],
    cwd: repoRoot,
    env: { ...getDefaultEnvironment(), STATSIG_CONSOLE_API_KEY: MCP_KEY, ...options.env },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const client = new Client({ name: "statsig-console-mcp-test", version: "0" });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

/** A tool call's text content, parsed as JSON when it is JSON. */
export function resultText(result: unknown): string {
  const { content } = result as CallToolResult;
  return content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

export function resultJson<T = Record<string, unknown>>(result: unknown): T {
  return JSON.parse(resultText(result)) as T;
}
