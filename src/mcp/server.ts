// createMcpServer: an MCP server whose tools are the Console API's operations, answered through
// the normal client. The tools' input schemas are the spec's JSON Schemas, so the server uses the
// SDK's low-level request handlers (McpServer's registerTool wants zod schemas) and checks
// arguments itself with the SDK's Ajv-based validator.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type Tool } from "@modelcontextprotocol/sdk/types.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import packageJson from "../../package.json" with { type: "json" };
import { type ClientOptions, createConsoleClient, DEFAULTS } from "../client.js";
import { environmentVariable } from "../core/environment.js";
import { InvalidRequestError } from "../core/errors.js";
import type { Logger } from "../core/transport/logger.js";
import { CALL_TOOL, compactToolDefinitions, MAX_SEARCH_RESULTS, SEARCH_TOOL, searchOperations } from "./compact-tools.js";
import { ToolInvoker } from "./invoke-tool.js";
import { type OperationTool, operationTools, toolNameOf } from "./operation-tools.js";
import { selectTools, type ToolSelection } from "./select-tools.js";
import { errorResult, redactor, successResult, type ToolResult } from "./tool-result.js";

export interface McpServerOptions extends ToolSelection {
  /** Options of the client underneath (apiKey, baseUrl, fetch, retries, rate limits, …). The key defaults to `STATSIG_CONSOLE_API_KEY`. */
  client?: ClientOptions | undefined;
  /** Two tools (`search_operations`, `call_operation`) instead of one per operation. Default false. */
  compact?: boolean | undefined;
}

/** Over stdio, stdout carries the protocol: client log lines go to stderr. */
const stderrLogger: Logger = {
  error: (message, fields) => console.error(message, fields ?? ""),
  warn: (message, fields) => console.error(message, fields ?? ""),
  info: (message, fields) => console.error(message, fields ?? ""),
  debug: (message, fields) => console.error(message, fields ?? ""),
};

function toolOf(tool: OperationTool): Tool {
  const { method } = tool.operation;
  return {
    name: tool.name,
    title: tool.summary,
    description: tool.description,
    inputSchema: tool.inputSchema,
    annotations: { readOnlyHint: tool.readOnly, destructiveHint: method === "DELETE", idempotentHint: tool.operation.idempotent, openWorldHint: false },
  };
}

function argumentsOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * An MCP server (not yet connected: call `connect(transport)`) exposing Console API operations as
 * tools: read-only ones unless `allowWrites`, optionally a subset by `tools` or `tags`, or in
 * `compact` mode a search tool and a call tool. Throws InvalidRequestError on bad options (no key,
 * unknown tool or tag names, a write tool asked for without `allowWrites`).
 */
export function createMcpServer(options: McpServerOptions = {}): McpServer {
  if (typeof options !== "object" || options === null) throw new InvalidRequestError("createMcpServer() takes an options object");
  const clientOptions: ClientOptions = { logger: stderrLogger, ...options.client };
  const apiKey = (clientOptions.apiKey ?? environmentVariable("STATSIG_CONSOLE_API_KEY") ?? "").trim();
  if (apiKey === "")
    throw new InvalidRequestError("No Console API key: set STATSIG_CONSOLE_API_KEY, or pass --key-file to statsig-console-mcp ({ client: { apiKey } } to createMcpServer)");
  const client = createConsoleClient(clientOptions);
  const redact = redactor([apiKey]);
  const allowWrites = options.allowWrites === true;
  const tools = selectTools(operationTools(), options);
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const invoker = new ToolInvoker(client, new AjvJsonSchemaValidator(), redact);

  const server = new McpServer(
    { name: "statsig-console-api", version: packageJson.version },
    {
      instructions: `Statsig Console API operations (API version ${clientOptions.apiVersion ?? DEFAULTS.apiVersion}). ${allowWrites ? "Writes are enabled." : "Read-only: operations that change data are not available."}`,
    },
  );

  // Declared on the low-level server, not in McpServer's options: there McpServer would install its
  // own zod-based tool handlers and advertise listChanged. This tool list never changes.
  server.server.registerCapabilities({ tools: {} });
  const listed: Tool[] = options.compact === true ? compactToolDefinitions(allowWrites) : tools.map(toolOf);
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listed }));

  const callCompact = async (name: string, args: Record<string, unknown>): Promise<ToolResult> => {
    if (name === SEARCH_TOOL) {
      const query = args.query;
      const limit = args.limit;
      if (typeof query !== "string" || query.trim() === "") return errorResult({ error: "InvalidArguments", message: "query must be a non-empty string" }, redact);
      if (limit !== undefined && !(typeof limit === "number" && Number.isInteger(limit) && limit >= 1 && limit <= MAX_SEARCH_RESULTS))
        return errorResult({ error: "InvalidArguments", message: `limit must be an integer from 1 to ${MAX_SEARCH_RESULTS}` }, redact);
      const found = searchOperations(tools, query, limit);
      return successResult(
        found.map((tool) => ({
          name: tool.name,
          method: tool.operation.method,
          path: tool.operation.path,
          summary: tool.summary,
          readOnly: tool.readOnly,
          inputSchema: tool.inputSchema,
        })),
        redact,
      );
    }
    const operation = args.operation;
    const tool = typeof operation === "string" ? byName.get(toolNameOf(operation)) : undefined;
    if (!tool)
      return errorResult(
        { error: "UnknownOperation", message: `no operation ${JSON.stringify(operation)}${allowWrites ? "" : " (writes are not enabled)"}: find one with ${SEARCH_TOOL}` },
        redact,
      );
    return invoker.invoke(tool, args.arguments ?? {});
  };

  server.server.setRequestHandler(CallToolRequestSchema, async (request): Promise<ToolResult> => {
    const { name } = request.params;
    const args = request.params.arguments === undefined ? {} : argumentsOf(request.params.arguments);
    if (!args) return errorResult({ error: "InvalidArguments", message: "arguments must be an object" }, redact);
    if (options.compact === true) {
      if (name === SEARCH_TOOL || name === CALL_TOOL) return callCompact(name, args);
    } else {
      const tool = byName.get(name);
      if (tool) return invoker.invoke(tool, args);
    }
    return errorResult({ error: "UnknownTool", message: `no tool ${JSON.stringify(name)}` }, redact);
  });
  return server;
}
