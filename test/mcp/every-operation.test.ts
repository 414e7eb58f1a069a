// In process (the SDK's in-memory transport): every operation of the spec becomes a tool, with a
// schema that stands alone and compiles, and writes appear only when allowed.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { operations } from "../../generated/operations.js";
import { createMcpServer, type McpServerOptions } from "../../src/mcp/index.js";
import { ConsoleSimulator } from "../../src/testing/index.js";

const API_KEY = "console-every-operation-key";

async function listTools(options: McpServerOptions): Promise<Tool[]> {
  const server = createMcpServer({ ...options, client: { apiKey: API_KEY, fetch: new ConsoleSimulator().fetch } });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test", version: "0" });
  await server.connect(serverSide);
  await client.connect(clientSide);
  try {
    return (await client.listTools()).tools;
  } finally {
    await client.close();
  }
}

function refsIn(value: unknown, at = "#"): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => refsIn(item, `${at}/${index}`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => (key === "$ref" ? [`${at} → ${String(child)}`] : refsIn(child, `${at}/${key}`)));
}

const allIds = Object.keys(operations).sort();

const JSON_SCHEMA_KEYWORDS = new Set(
  "type properties required items enum const format pattern minimum maximum exclusiveMinimum exclusiveMaximum multipleOf minLength maxLength minItems maxItems uniqueItems minProperties maxProperties additionalProperties patternProperties propertyNames allOf anyOf oneOf not description title default deprecated readOnly writeOnly examples".split(
    " ",
  ),
);
const SUBSCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf"]);
const SUBSCHEMA = new Set(["items", "not", "additionalProperties", "propertyNames"]);

/** Keywords of a schema (and its subschemas) that JSON Schema does not define, as `path: keyword`. */
function unknownKeywords(schema: unknown, at = "#"): string[] {
  if (typeof schema !== "object" || schema === null) return [];
  return Object.entries(schema).flatMap(([keyword, value]) => {
    if (!JSON_SCHEMA_KEYWORDS.has(keyword)) return [`${at}: ${keyword}`];
    if (keyword === "properties" || keyword === "patternProperties")
      return Object.entries(value as object).flatMap(([field, child]) => unknownKeywords(child, `${at}/${keyword}/${field}`));
    if (SUBSCHEMA_LISTS.has(keyword)) return (value as unknown[]).flatMap((child, index) => unknownKeywords(child, `${at}/${keyword}/${index}`));
    return SUBSCHEMA.has(keyword) ? unknownKeywords(value, `${at}/${keyword}`) : [];
  });
}

describe("createMcpServer: one tool per operation", () => {
  it("with writes allowed, lists all 276 operations, named from the operationId, each schema free of $ref and of OpenAPI-only keywords", async () => {
    const tools = await listTools({ allowWrites: true });
    expect(allIds).toHaveLength(276);
    expect(tools.map((tool) => tool.name).sort()).toEqual(allIds.map((id) => id.replaceAll(".", "_")).sort());
    for (const tool of tools) {
      // The strictest common rule among model APIs, stricter than MCP's [A-Za-z0-9._-]{1,128}.
      expect(tool.name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      expect(refsIn(tool.inputSchema), tool.name).toEqual([]);
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.description?.length, tool.name).toBeGreaterThan(10);
      // Plain JSON Schema: no OpenAPI keyword (`example`, `discriminator`) or x- extension survives into a tool schema.
      // (Each schema compiling in the server's own validator is shown by call-every-operation.test.ts.)
      expect(unknownKeywords(tool.inputSchema), tool.name).toEqual([]);
    }
  });

  it("puts path parameters, query parameters and the body in the schema, and the spec's summary in the description", async () => {
    const tools = new Map((await listTools({ allowWrites: true })).map((tool) => [tool.name, tool]));
    const patch = tools.get("gates_rules_patch");
    expect(patch?.inputSchema.required).toEqual(["id", "ruleID", "body"]);
    const body = patch?.inputSchema.properties?.body as { type?: string; properties?: Record<string, unknown> };
    expect(body.type).toBe("object");
    expect(Object.keys(body.properties ?? {})).toContain("passPercentage");
    const list = tools.get("gates_list");
    expect(Object.keys(list?.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(["page", "limit", "tags", "type"]));
    expect(list?.inputSchema.required).toBeUndefined();
    // The enum of GateType, inlined from components.
    expect(list?.inputSchema.properties?.type).toMatchObject({ enum: expect.arrayContaining(["TEMPORARY", "PERMANENT"]) });
    expect(tools.get("gates_get")?.description).toMatch(/^Get a gate/i);
    expect(tools.get("gates_delete")?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
  });

  it("by default lists only the reads: every GET operation and nothing else", async () => {
    const tools = await listTools({});
    const reads = allIds.filter((id) => operations[id as keyof typeof operations].method === "GET");
    expect(tools.map((tool) => tool.name).sort()).toEqual(reads.map((id) => id.replaceAll(".", "_")).sort());
    expect(tools.every((tool) => tool.annotations?.readOnlyHint === true)).toBe(true);
    expect(reads.length).toBeLessThan(allIds.length);
  });
});
