// Every operation can be called as a tool against the simulator (in process, the SDK's in-memory
// transport), with arguments taken from the spec's own examples: the examples pass the tool's
// input schema, the arguments reach the right path, query and body, and the answer is the
// operation's result (or, for an entity the simulator does not hold, its 404 as a tool error).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { describe, expect, it } from "vitest";
import { createMcpServer } from "../../src/mcp/index.js";
import { ConsoleSimulator } from "../../src/testing/index.js";
import { bundledSpec, type JsonObject } from "../helpers/spec.js";
import { resultJson } from "./helpers.js";

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  schema?: { example?: unknown; type?: string };
  $ref?: string;
}

function resolve(parameter: Parameter): Parameter {
  if (!parameter.$ref) return parameter;
  const parameters = (bundledSpec.components as unknown as { parameters: Record<string, Parameter> }).parameters;
  return parameters[parameter.$ref.slice(parameter.$ref.lastIndexOf("/") + 1)] as Parameter;
}

/** Tool arguments built from the operation's examples: path parameters, required query parameters, the body. */
function exampleArguments(pathItem: JsonObject, operation: JsonObject): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const parameter of [...((pathItem.parameters ?? []) as unknown as Parameter[]), ...((operation.parameters ?? []) as unknown as Parameter[])].map(resolve)) {
    if (parameter.in === "path") args[parameter.name] = parameter.example ?? parameter.schema?.example ?? "example_id";
    else if (parameter.in === "query" && parameter.required) args[parameter.name] = parameter.example ?? parameter.schema?.example;
  }
  const body = (operation.requestBody as { content?: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }> } | undefined)?.content?.[
    "application/json"
  ];
  if (body) args.body = body.example ?? Object.values(body.examples ?? {})[0]?.value;
  return args;
}

describe("every operation through its tool", () => {
  it("answers each of the 276 with the operation's result or the simulator's 404, never an argument or client error", async () => {
    const simulator = new ConsoleSimulator({ rateLimit: false });
    const server = createMcpServer({ allowWrites: true, client: { apiKey: "console-every-call", fetch: simulator.fetch, rateLimit: false, maxRetries: 0 } });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: "test", version: "0" });
    await server.connect(serverSide);
    await client.connect(clientSide);
    const outcomes: Record<string, string> = {};
    const namesAnEntity = new Set<string>();
    for (const [path, item] of Object.entries(bundledSpec.paths as Record<string, Record<string, JsonObject>>)) {
      for (const [method, operation] of Object.entries(item)) {
        if (typeof operation.operationId !== "string") continue;
        const name = operation.operationId.replaceAll(".", "_");
        if (path.includes("{")) namesAnEntity.add(name);
        const result = await client.callTool({ name, arguments: exampleArguments(item as unknown as JsonObject, operation) });
        const answer = result.isError ? resultJson<{ error: string; status?: number; message?: string }>(result) : undefined;
        outcomes[name] = answer === undefined ? "ok" : answer.status === 404 ? "404" : `${answer.error}: ${answer.message} (${method.toUpperCase()} ${path})`;
      }
    }
    await client.close();
    const failures = Object.entries(outcomes).filter(([, outcome]) => outcome !== "ok" && outcome !== "404");
    expect(failures).toEqual([]);
    expect(Object.keys(outcomes)).toHaveLength(276);
    // A 404 only for an operation that names an entity (the simulator holds none of the examples' ids); every other answers with its result.
    const notFound = Object.keys(outcomes).filter((name) => outcomes[name] === "404");
    expect(notFound.filter((name) => !namesAnEntity.has(name))).toEqual([]);
    expect(Object.values(outcomes).filter((outcome) => outcome === "ok").length).toBeGreaterThanOrEqual(276 - namesAnEntity.size);
    expect(simulator.requests.length).toBe(276);
  });
});
