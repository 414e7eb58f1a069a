// statsig-console-api/mcp: the Console API's operations as MCP tools (needs @modelcontextprotocol/sdk).
export { createMcpServer, type McpServerOptions } from "./server.js";
export type { ToolSelection } from "./select-tools.js";
