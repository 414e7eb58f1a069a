// Every operation of the spec, through the client, against the HTTP simulator: each answers with its
// success status and a body valid against its success schema, on an entity that exists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type SimulatorServer } from "../../src/testing/index.js";
import { facadeMethod, manifest } from "../helpers/spec.js";
import { callArguments, exampleBody, examplePathValue, operation, recordingClient, schemaErrors, seedKnown, tableEntry } from "./harness.js";
import { simulatorTable } from "../../generated/simulator.js";

let server: SimulatorServer;
beforeAll(async () => {
  server = await startSimulator({ rateLimit: false });
});
afterAll(() => server.close());

const KNOWN_RULE = { name: "known_rule", passPercentage: 10, conditions: [{ type: "public" }] };

/** Path values that reach a known entity (and its known rule) where the operation works on one; the spec's examples elsewhere. */
function pathValuesFor(operationId: string): string[] {
  const op = operation(operationId);
  const entry = tableEntry(operationId);
  const simulator = server.simulator;
  if (entry.collection === undefined) return op.pathParams.map((name) => examplePathValue(op, name));
  const collection = entry.collection as Parameters<typeof seedKnown>[1];
  if (entry.lookup) {
    const values = op.pathParams.map((name) => examplePathValue(op, name));
    seedKnown(simulator, collection, Object.fromEntries(entry.lookup.map((field, index) => [field, values[index]])));
    return values;
  }
  const hasRules = simulatorTable.collections[collection]!.fields.rules !== undefined;
  const key = seedKnown(simulator, collection, hasRules ? { rules: [KNOWN_RULE] } : {});
  const rule = hasRules ? (simulator.collections.get(collection)!.get(key)!.rules as { id: string; name: string }[])[0]! : undefined;
  return op.pathParams.map((name, index) => {
    if (index === 0) return key;
    if (entry.sub?.by === "name") return rule!.name;
    if (entry.sub?.by === "id" || /^rule/i.test(name)) return rule?.id ?? examplePathValue(op, name);
    return examplePathValue(op, name);
  });
}

describe("every operation against the HTTP simulator", () => {
  it.each(manifest.operations.map((op) => [op.operationId] as const))("%s answers its success status and a schema-valid body", async (operationId) => {
    server.simulator.reset();
    const op = operation(operationId);
    const values = pathValuesFor(operationId);
    const { sc, answers } = recordingClient(server.baseUrl);
    let body = exampleBody(op);
    if (tableEntry(operationId).sub?.verb === "updateMany") {
      // Changes to many rules name them by id: the known rule's.
      const ruleId = (server.simulator.snapshot()[tableEntry(operationId).collection as "gates"][0]!.rules as { id: string }[])[0]!.id;
      body = { rules: ((body as { rules: object[] }).rules ?? []).map((rule) => ({ ...rule, id: ruleId, baseID: ruleId })) };
    }
    await facadeMethod(sc, operationId)(...callArguments(op, values, body));
    expect(answers.map((answer) => answer.status)).toEqual([op.response.status]);
    expect(schemaErrors(op, answers[0]!)).toBeUndefined();
  });
});
