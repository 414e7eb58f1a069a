// Every collection's lifecycle through the client over HTTP: create → get → list → patch → full
// update → delete, with the spec's statuses, messages and schemas, audit fields kept, and reads after
// a delete answering 404. State changes set the fields the spec's x-simulator-sets names.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError } from "../../src/index.js";
import { startSimulator, type SimulatorCollectionName, type SimulatorServer } from "../../src/testing/index.js";
import { simulatorTable } from "../../generated/simulator.js";
import { examplesOf, facadeMethod, manifest, successMedia, type JsonObject } from "../helpers/spec.js";
import { callArguments, exampleBody, keyField, operation, recordingClient, schemaErrors, seedKnown } from "./harness.js";

let server: SimulatorServer;
let clockMs = 1_000_000;
beforeAll(async () => {
  server = await startSimulator({ rateLimit: false, now: () => clockMs });
});
afterAll(() => server.close());

const byRole = (collection: string, role: string) =>
  manifest.operations.find((op) => simulatorTable.operations[op.operationId]?.collection === collection && simulatorTable.operations[op.operationId]?.role === role);

const creatable = Object.keys(simulatorTable.collections).filter((name) => byRole(name, "create") && byRole(name, "get")) as SimulatorCollectionName[];

function specMessage(operationId: string): unknown {
  return (examplesOf(successMedia(operation(operationId)))[0] as JsonObject | undefined)?.message;
}

describe("lifecycle of every collection with a create and a read", () => {
  it("covers the collections users automate", () => {
    expect(creatable).toEqual(expect.arrayContaining(["gates", "dynamicConfigs", "experiments", "segments", "layers", "holdouts", "metrics", "tags", "keys"]));
    expect(creatable.length).toBeGreaterThanOrEqual(20);
  });

  it.each(creatable.map((name) => [name] as const))("%s: create, get, list, patch, update, delete", async (collection) => {
    server.simulator.reset();
    const { sc, answers } = recordingClient(server.baseUrl);
    const steps = ["create", "get", "list", "patch", "update", "delete"].map((role) => byRole(collection, role));
    const [create, get, list, patch, update, remove] = steps;

    clockMs = 1_000_000;
    const body = { ...(exampleBody(create!) as JsonObject), name: "lifecycle_one" };
    const created = (await facadeMethod(sc, create!.operationId)(body)) as JsonObject;
    const key = String(server.simulator.snapshot()[collection][0]![keyField(collection)]);
    const stored = server.simulator.collections.get(collection)!.get(key)!;
    if ("createdTime" in stored) expect([stored.createdTime, stored.lastModifiedTime]).toEqual([1_000_000, 1_000_000]);
    if ("name" in created && simulatorTable.operations[create!.operationId]!.returns === undefined) expect(created.name).toBe("lifecycle_one");

    const read = (await facadeMethod(sc, get!.operationId)(key)) as JsonObject;
    expect(read[keyField(collection)] ?? read.id).toBe(key);
    if (list) {
      const page = (await facadeMethod(sc, list.operationId)(...callArguments(list, [], undefined, {}))) as { data: JsonObject[] };
      expect(page.data.map((item) => item[keyField(collection)])).toEqual([key]);
    }
    clockMs = 2_000_000;
    for (const change of [patch, update]) {
      if (!change) continue;
      await facadeMethod(sc, change.operationId)(key, exampleBody(change));
      const after = server.simulator.collections.get(collection)!.get(key)!;
      if ("lastModifiedTime" in after) expect(after.lastModifiedTime).toBe(2_000_000);
      if ("createdTime" in after) expect(after.createdTime).toBe(1_000_000);
      if ("lastModifierName" in after) expect(after.lastModifierName).toBe("Console API");
    }
    if (remove) {
      await facadeMethod(sc, remove.operationId)(key);
      await expect(Promise.resolve(facadeMethod(sc, get!.operationId)(key))).rejects.toBeInstanceOf(NotFoundError);
      expect(server.simulator.collections.get(collection)!.size).toBe(0);
    }

    const done = steps.filter((op) => op !== undefined);
    expect(answers.map((answer) => answer.status)).toEqual([...done.map((op) => op.response.status), ...(remove ? [404] : [])]);
    done.forEach((op, index) => {
      expect(schemaErrors(op, answers[index]!), op.operationId).toBeUndefined();
      const message = specMessage(op.operationId);
      if (typeof message === "string" && op.response.kind !== "body") expect((answers[index]!.body as JsonObject).message, op.operationId).toBe(message);
    });
  });

  it("creates gates with the name as id, refuses a second with the same name (409), and keeps the rules it was given with ids", async () => {
    server.simulator.reset();
    const { sc } = recordingClient(server.baseUrl);
    const gate = await sc.gates.create({ name: "with_rules", rules: [{ name: "All", passPercentage: 100, conditions: [{ type: "public" }] }] });
    expect(gate.id).toBe("with_rules");
    expect(gate.rules[0]).toMatchObject({ name: "All", passPercentage: 100, id: expect.any(String), baseID: expect.any(String) });
    await expect(sc.gates.create({ name: "with_rules" })).rejects.toMatchObject({ status: 409 });
  });
});

describe("state changes set the fields they name", () => {
  const stateful = manifest.operations.filter((op) => {
    const entry = simulatorTable.operations[op.operationId];
    return entry?.role === "state" && Object.keys(entry.sets ?? {}).length > 0;
  });

  it("every state change of gates, dynamic configs, experiments and release pipelines is covered", () => {
    expect(stateful.map((op) => op.operationId)).toEqual(
      expect.arrayContaining(["gates.enable", "gates.disable", "gates.archive", "gates.launch", "dynamicConfigs.disable", "experiments.start", "experiments.makeDecision"]),
    );
  });

  it.each(stateful.map((op) => [op.operationId, op] as const))("%s", async (_id, op) => {
    server.simulator.reset();
    clockMs = 5_000_000;
    const entry = simulatorTable.operations[op.operationId]!;
    const collection = entry.collection as SimulatorCollectionName;
    const key = seedKnown(server.simulator, collection);
    const body = exampleBody(op) as JsonObject | undefined;
    const { sc } = recordingClient(server.baseUrl);
    await facadeMethod(sc, op.operationId)(...callArguments(op, [key], body));
    const after = server.simulator.collections.get(collection)!.get(key)!;
    for (const [field, value] of Object.entries(entry.sets!)) {
      const expected = value === "$now" ? 5_000_000 : typeof value === "string" && value.startsWith("$body.") ? (body?.[value.slice(6)] ?? null) : value;
      expect(after[field], field).toEqual(expected);
    }
    if ("lastModifiedTime" in after) expect(after.lastModifiedTime).toBe(5_000_000);
  });

  it("a gate disabled, enabled, archived: each read shows the change", async () => {
    server.simulator.reset();
    const { sc } = recordingClient(server.baseUrl);
    await sc.gates.create({ name: "flip" });
    expect((await sc.gates.disable("flip")).isEnabled).toBe(false);
    expect((await sc.gates.get("flip")).isEnabled).toBe(false);
    await sc.gates.enable("flip");
    expect((await sc.gates.get("flip")).isEnabled).toBe(true);
    await sc.gates.archive("flip", {});
    expect((await sc.gates.get("flip")).status).toBe("Archived");
    // Archived gates leave the default list (the spec's x-simulator-hidden); includeArchived shows them.
    await sc.gates.create({ name: "kept" });
    expect((await sc.gates.list().toArray()).map((gate) => gate.name)).toEqual(["kept"]);
    expect((await sc.gates.list({ includeArchived: true }).toArray()).map((gate) => gate.name)).toEqual(["flip", "kept"]);
  });
});
