// Compact mode: two tools instead of one per operation, for agents that cope badly with hundreds
// of tools. `search_operations` finds operations by words (with their input schemas), and
// `call_operation` runs one by name, checking its arguments against that operation's schema.
import type { JsonSchema } from "./json-schema.js";
import type { OperationTool } from "./operation-tools.js";

export const SEARCH_TOOL = "search_operations";
export const CALL_TOOL = "call_operation";

const DEFAULT_SEARCH_RESULTS = 5;
export const MAX_SEARCH_RESULTS = 20;

interface CompactToolDefinition {
  name: string;
  description: string;
  inputSchema: JsonSchema & { type: "object" };
  annotations: { readOnlyHint: boolean };
}

export function compactToolDefinitions(allowWrites: boolean): CompactToolDefinition[] {
  return [
    {
      name: SEARCH_TOOL,
      description:
        "Finds Statsig Console API operations by words in their name, path, summary, description or tags. Answers with each match's name, method, path, summary and input schema; call one with call_operation.",
      inputSchema: {
        type: "object",
        properties: {
          query: { type: "string", minLength: 1, description: "Words to look for, e.g. `gate rules` or `experiment pulse`." },
          limit: { type: "integer", minimum: 1, maximum: MAX_SEARCH_RESULTS, description: `How many matches to return (default ${DEFAULT_SEARCH_RESULTS}).` },
        },
        required: ["query"],
        additionalProperties: false,
      },
      annotations: { readOnlyHint: true },
    },
    {
      name: CALL_TOOL,
      description: `Calls one Statsig Console API operation found with search_operations. \`arguments\` must match that operation's input schema; it is checked before anything is sent.${allowWrites ? "" : " Only read-only operations are available."}`,
      inputSchema: {
        type: "object",
        properties: {
          operation: { type: "string", minLength: 1, description: "The operation's name from search_operations (e.g. `gates_get`; the operationId `gates.get` works too)." },
          arguments: { type: "object", description: "The operation's arguments: path and query parameters by name, and `body` for a request body." },
        },
        required: ["operation"],
        additionalProperties: false,
      },
      annotations: { readOnlyHint: !allowWrites },
    },
  ];
}

function words(text: string): string[] {
  // Splits camelCase and snake_case too: `dynamicConfigs` and `dynamic_configs` both hold `dynamic` and `configs`.
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** Operations ranked by how many query words they contain (a word in the name counts most); ties go to the shorter name, then name order. */
export function searchOperations(tools: readonly OperationTool[], query: string, limit = DEFAULT_SEARCH_RESULTS): OperationTool[] {
  const wanted = words(query);
  const scored = tools
    .map((tool) => {
      const name = new Set(words(tool.operation.id));
      const rest = new Set(words(`${tool.operation.path} ${tool.summary} ${tool.description} ${tool.tags.join(" ")}`));
      // Prefix matches, so `gate` finds `gates` and `experiment` finds `experiments`.
      const has = (set: Set<string>, word: string): boolean => [...set].some((candidate) => candidate.startsWith(word));
      const score = wanted.reduce((sum, word) => sum + (has(name, word) ? 3 : has(rest, word) ? 1 : 0), 0);
      const covered = wanted.every((word) => has(name, word) || has(rest, word));
      return { tool, score: score + (covered ? wanted.length * 3 : 0), nameWords: name.size };
    })
    .filter(({ score }) => score > 0);
  // Among equal scores the shorter name is the closer match: `list segments` → segments_list before segments_idList_add.
  scored.sort((a, b) => b.score - a.score || a.nameWords - b.nameWords);
  return scored.slice(0, limit).map(({ tool }) => tool);
}
