// Seeding by facade names (a typed list: an unknown name is a compile error and a run-time error),
// reset(), the requests log, and a snapshot of every collection.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StatsigConsole } from "../../src/index.js";
import { ConsoleSimulator, SimulatorSeedError, startSimulator, type SimulatorCollectionName, type SimulatorServer } from "../../src/testing/index.js";
import { simulatorTable } from "../../generated/simulator.js";
import { exampleQuery, facadeMethod } from "../helpers/spec.js";
import { operation, recordingClient, schemaErrors } from "./harness.js";

let server: SimulatorServer;
beforeAll(async () => {
  server = await startSimulator({ rateLimit: false, seed: { gates: [{ id: "from_options" }] } });
});
afterAll(() => server.close());

describe("seed", () => {
  it("takes facade names: dynamicConfigs, experiments.assignmentSources, …, and the client reads what was seeded", async () => {
    server.simulator.reset().seed("dynamicConfigs", [{ id: "checkout_config", description: "seeded" }]);
    server.simulator.seed("experiments.assignmentSources", [{ name: "warehouse_source" }]);
    const { sc } = recordingClient(server.baseUrl);
    expect((await sc.dynamicConfigs.get("checkout_config")).description).toBe("seeded");
    expect((await sc.experiments.assignmentSources.list().toArray()).map((source) => source.name)).toEqual(["warehouse_source"]);
  });

  it.each(Object.keys(simulatorTable.collections).map((name) => [name] as const))("%s: a seeded entity reads back valid against the spec", async (name) => {
    server.simulator.reset();
    const collection = name as SimulatorCollectionName;
    const key = simulatorTable.collections[collection]!.key === "email" ? "seeded@example.com" : "seeded";
    server.simulator.seed(collection, [{ [simulatorTable.collections[collection]!.key]: key }]);
    const read = Object.entries(simulatorTable.operations).find(([, entry]) => entry.collection === name && (entry.role === "get" || entry.role === "list") && !entry.lookup);
    const [operationId, entry] = read!;
    const { sc, answers } = recordingClient(server.baseUrl);
    await facadeMethod(sc, operationId)(...(entry.role === "get" ? [key] : [exampleQuery(operation(operationId)) ?? {}]));
    expect(schemaErrors(operation(operationId), answers[0]!)).toBeUndefined();
  });

  it("an unknown collection is a compile error and a SimulatorSeedError naming the collections", () => {
    const simulator = new ConsoleSimulator();
    // @ts-expect-error "gate" is not a collection (the facade says gates)
    expect(() => simulator.seed("gate", [{ id: "g" }])).toThrow(SimulatorSeedError);
    // @ts-expect-error the URL's name is not the facade's
    expect(() => simulator.seed("dynamic_configs", [{ id: "c" }])).toThrow(SimulatorSeedError);
  });

  it("the run-time error says what is wrong and lists what exists; an entity without its key is refused", () => {
    const simulator = new ConsoleSimulator();
    const unknown = (() => {
      try {
        simulator.seed("dynamic_configs" as SimulatorCollectionName, [{ id: "c" }]);
      } catch (error) {
        return error;
      }
    })();
    expect(unknown).toBeInstanceOf(SimulatorSeedError);
    expect((unknown as SimulatorSeedError).collection).toBe("dynamic_configs");
    expect((unknown as Error).message).toContain("dynamicConfigs");
    expect(() => simulator.seed("gates", [{ description: "no id" }])).toThrow(/gates entity to seed needs a string id/);
    expect(() => simulator.seed("paramStores", [{ description: "no name" }])).toThrow(/needs a string name/);
    expect(simulator.snapshot().gates).toEqual([]);
  });
});

describe("reset, requests, snapshot", () => {
  it("reset goes back to the seed of the options: no requests, no other entities, empty limit windows", async () => {
    server.simulator.reset();
    const { sc } = recordingClient(server.baseUrl);
    await sc.gates.create({ name: "made_in_test" });
    expect(server.simulator.snapshot().gates.map((gate) => gate.id)).toEqual(["from_options", "made_in_test"]);
    expect(server.simulator.requests).toEqual([{ method: "POST", path: "/console/v1/gates", status: 201, operationId: "gates.create" }]);
    server.simulator.reset();
    expect(server.simulator.requests).toEqual([]);
    expect(server.simulator.snapshot().gates.map((gate) => gate.id)).toEqual(["from_options"]);
  });

  it("snapshot has every collection, as copies", () => {
    const snapshot = server.simulator.snapshot();
    expect(Object.keys(snapshot).sort()).toEqual(Object.keys(simulatorTable.collections).sort());
    snapshot.gates[0]!.description = "changed in the copy";
    expect(server.simulator.snapshot().gates[0]!.description).not.toBe("changed in the copy");
  });

  it("the in-process fetch and the server share one simulator", async () => {
    server.simulator.reset();
    const inProcess = new StatsigConsole({ apiKey: "console-shared", fetch: server.simulator.fetch, rateLimit: false });
    await inProcess.gates.create({ name: "in_process" });
    const { sc } = recordingClient(server.baseUrl);
    expect((await sc.gates.get("in_process")).name).toBe("in_process");
  });
});
