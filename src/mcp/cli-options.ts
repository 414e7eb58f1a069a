// The command line of the statsig-console-mcp bin, turned into createMcpServer options. The key
// comes from STATSIG_CONSOLE_API_KEY or a file (never from an argument: argv is visible to every
// user of the machine in `ps`).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { InvalidRequestError } from "../core/errors.js";
import type { McpServerOptions } from "./server.js";

export const USAGE = `statsig-console-mcp: the Statsig Console API as MCP tools, over stdio.

  --allow-writes      also expose operations that change data (default: read-only)
  --tools a,b         only these tools (names like gates_get, or operationIds like gates.get)
  --tags Gates,…      only operations with these spec tags
  --compact           two tools (search_operations, call_operation) instead of one per operation
  --base-url URL      API base URL (default https://statsigapi.net)
  --key-file PATH     read the Console API key from a file (default: STATSIG_CONSOLE_API_KEY)
  --respect-review-settings
                      send x-respect-review-settings: true on writes (changes go through review where the project requires it)
  --simulator         answer from the embedded simulator: no key, no network
  --help              this text

Log lines (STATSIG_CONSOLE_LOG=info|debug) go to stderr.`;

export interface CliCommand {
  help: boolean;
  simulator: boolean;
  options: McpServerOptions;
}

function list(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== "");
}

export function parseCli(argv: readonly string[]): CliCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new InvalidRequestError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  const { values } = parsed;
  let apiKey: string | undefined;
  if (values["key-file"] !== undefined) {
    try {
      apiKey = readFileSync(values["key-file"], "utf8").trim();
    } catch (error) {
      throw new InvalidRequestError(`cannot read --key-file ${values["key-file"]}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
    }
  }
  const tools = list(values.tools);
  const tags = list(values.tags);
  return {
    help: values.help === true,
    simulator: values.simulator === true,
    options: {
      allowWrites: values["allow-writes"] === true,
      compact: values.compact === true,
      ...(tools === undefined ? {} : { tools }),
      ...(tags === undefined ? {} : { tags }),
      client: { apiKey, baseUrl: values["base-url"], respectReviewSettings: values["respect-review-settings"] === true },
    },
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      "allow-writes": { type: "boolean" },
      tools: { type: "string" },
      tags: { type: "string" },
      compact: { type: "boolean" },
      "base-url": { type: "string" },
      "key-file": { type: "string" },
      "respect-review-settings": { type: "boolean" },
      simulator: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
}
