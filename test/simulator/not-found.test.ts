// An entity that does not exist is a 404 (the API's error body) for every operation that names one,
// and changes nothing: the simulator never answers a missing entity with an example.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError } from "../../src/index.js";
import { startSimulator, type SimulatorCollectionName, type SimulatorServer } from "../../src/testing/index.js";
import { simulatorTable } from "../../generated/simulator.js";
import { facadeMethod, manifest } from "../helpers/spec.js";
import { callArguments, examplePathValue, recordingClient, schemaErrors, seedKnown } from "./harness.js";

let server: SimulatorServer;
beforeAll(async () => {
  server = await startSimulator({ rateLimit: false });
});
afterAll(() => server.close());

const onEntity = manifest.operations.filter((op) => {
  const entry = simulatorTable.operations[op.operationId]!;
  return entry.collection !== undefined && entry.role !== "list" && entry.role !== "create";
});

describe("unknown ids", () => {
  it("every operation on one entity is covered, across every kind of role", () => {
    expect(onEntity.length).toBeGreaterThan(150);
    const roles = new Set(onEntity.map((op) => simulatorTable.operations[op.operationId]!.role));
    expect([...roles].sort()).toEqual(["delete", "get", "patch", "scoped", "state", "sub", "update"]);
  });

  it.each(onEntity.map((op) => [op.operationId, op] as const))("%s on an unknown id answers 404 and changes nothing", async (operationId, op) => {
    server.simulator.reset();
    const collection = simulatorTable.operations[operationId]!.collection as SimulatorCollectionName;
    seedKnown(server.simulator, collection); // the collection is not empty: the miss is about the id
    const before = server.simulator.snapshot();
    const { sc, answers } = recordingClient(server.baseUrl);
    const values = op.pathParams.map((name, index) => (index === 0 ? "no_such_entity" : examplePathValue(op, name)));
    await expect(Promise.resolve(facadeMethod(sc, operationId)(...callArguments(op, values)))).rejects.toBeInstanceOf(NotFoundError);
    expect(answers.map((answer) => answer.status)).toEqual([404]);
    expect(schemaErrors(op, answers[0]!)).toBeUndefined();
    expect(server.simulator.snapshot()).toEqual(before);
  });

  it("a fresh simulator has no gate x; a deleted gate is gone", async () => {
    server.simulator.reset();
    const { sc } = recordingClient(server.baseUrl);
    await expect(sc.gates.get("x")).rejects.toBeInstanceOf(NotFoundError);
    await sc.gates.create({ name: "only" });
    await sc.gates.delete("only");
    await expect(sc.gates.get("only")).rejects.toMatchObject({ status: 404 });
    await expect(sc.gates.checks.get("only")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a rule that does not exist on a gate that does: 404 for its change and removal, nothing changed", async () => {
    server.simulator.reset();
    const { sc } = recordingClient(server.baseUrl);
    await sc.gates.create({ name: "ruled", rules: [{ name: "All", passPercentage: 100, conditions: [{ type: "public" }] }] });
    const before = server.simulator.snapshot();
    await expect(sc.gates.rules.patch("ruled", "no_such_rule", { passPercentage: 5 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(sc.gates.rules.delete("ruled", "no_such_rule")).rejects.toBeInstanceOf(NotFoundError);
    await expect(sc.dynamicConfigs.rules.get("ruled", "r")).rejects.toBeInstanceOf(NotFoundError);
    expect(server.simulator.snapshot()).toEqual(before);
  });
});
