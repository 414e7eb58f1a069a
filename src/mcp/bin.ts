#!/usr/bin/env node
// statsig-console-mcp: serves createMcpServer over stdio. Stdout is the protocol; everything else
// (usage, startup errors, log lines) goes to stderr.
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { parseCli, USAGE } from "./cli-options.js";
import { createMcpServer } from "./server.js";

async function main(): Promise<void> {
  const command = parseCli(process.argv.slice(2));
  if (command.help) {
    console.error(USAGE);
    return;
  }
  const { options } = command;
  if (command.simulator) {
    // The one seam to the simulator: the testing entry (its own file in dist), loaded only for --simulator.
    const { ConsoleSimulator } = await import("../testing/index.js");
    // The simulator accepts any Console-shaped key; a real one from the environment is not used.
    options.client = { ...options.client, fetch: new ConsoleSimulator().fetch, apiKey: "console-simulator" };
  }
  const server = createMcpServer(options);
  await server.connect(new StdioServerTransport());
}

main().catch((error: unknown) => {
  // Our errors never quote the key; the message alone is what the user needs.
  console.error(`statsig-console-mcp: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
