import { spawnSync } from "node:child_process";
import { describe, expect, it, vi } from "vitest";
import { AuthenticationError, ConflictError, NotFoundError, StatsigConsole, type FetchFunction } from "../../src/index.js";
import { setupServer } from "msw/node";
import { ConsoleSimulator } from "../../src/testing/index.js";
import { simulatorHandlers } from "../../src/testing/msw.js";
import { errorsText, validatorAt } from "../helpers/ajv.js";
import { examplesOf, facadeMethod, manifest, repoRoot, requestBodyMedia, successMedia, type JsonObject, type ManifestOperation } from "../helpers/spec.js";

function client(simulator: ConsoleSimulator, apiKey = "console-sim-key"): StatsigConsole {
  return new StatsigConsole({ apiKey, fetch: simulator.fetch, rateLimit: false, maxRetries: 0 });
}

function operation(operationId: string): ManifestOperation {
  const op = manifest.operations.find((candidate) => candidate.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId}`);
  return op;
}

/** The spec's example success answer of an operation. */
function successExample(operationId: string): JsonObject {
  return examplesOf(successMedia(operation(operationId)))[0] as JsonObject;
}

/** Checks a JSON answer against the schema the spec gives that operation's response with this status. */
function expectMatchesSpec(op: ManifestOperation, answer: { status: number; body: unknown }): void {
  const schemaAt =
    answer.status === op.response.status
      ? ["paths", op.path, op.method.toLowerCase(), "responses", String(answer.status), "content", "application/json", "schema"]
      : ["components", "schemas", "ErrorBody"];
  const validate = validatorAt(schemaAt);
  expect(validate(answer.body), `${op.operationId} ${answer.status}: ${errorsText(validate)}`).toBe(true);
}

/** A client over the simulator that keeps every answer's status and JSON body. */
function recordingClient(simulator: ConsoleSimulator) {
  const answers: { status: number; body: unknown }[] = [];
  const fetch: FetchFunction = async (input, init) => {
    const response = await simulator.fetch(input, init);
    const text = await response.clone().text();
    answers.push({ status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined });
    return response;
  };
  return { sc: new StatsigConsole({ apiKey: "console-sim-key", fetch, rateLimit: false, maxRetries: 0 }), answers };
}

const COLLECTIONS: Record<string, string> = { gates: "gates", dynamic_configs: "dynamicConfigs", experiments: "experiments" };
const isParam = (segment: string | undefined): boolean => /^\{[^}]+\}$/.test(segment ?? "");

/**
 * Operations on one entity of a collection, in the shapes the simulator keeps state for:
 * `/{collection}/{id}`, `/{collection}/{id}/{action}` and `/{collection}/{id}/rules/{ruleID}`.
 */
const entityOperations = manifest.operations.filter((op) => {
  const segments = op.path.slice("/console/v1/".length).split("/");
  if (!(segments[0]! in COLLECTIONS) || !isParam(segments[1])) return false;
  return segments.length === 2 || (segments.length === 3 && !isParam(segments[2])) || (segments.length === 4 && segments[2] === "rules" && isParam(segments[3]));
});

/**
 * Operations on one entity whose path has a shape the simulator does not keep state for (a rule by
 * `/rule/{ruleId}`, reviews, alerts, pulse history): it answers them with the spec's example even
 * for an unknown id. Listed so the gap stays visible; the skipped test below says why.
 */
const unmodeledEntityOperations = manifest.operations.filter((op) => {
  const segments = op.path.slice("/console/v1/".length).split("/");
  return segments[0]! in COLLECTIONS && isParam(segments[1]) && !entityOperations.includes(op);
});

/** Answers of the simulator that do not match the spec yet, with the reason; each is a skipped test. */
const KNOWN_MISMATCHES: Record<string, string> = {
  "dynamicConfigs.rules.list": "the simulator answers { data: { rules } } (the gates shape) where the spec has a one-item list envelope { data: [{ rules }], pagination }",
};

/** The arguments of a facade call: path values, then the spec's example body where the operation takes one. */
function callArguments(op: ManifestOperation, pathValues: string[]): unknown[] {
  const body = op.body ? (examplesOf(requestBodyMedia(op))[0] ?? {}) : undefined;
  return body === undefined ? pathValues : [...pathValues, body];
}

/** A simulator holding one entity, `known`, made by the collection's create (the spec's example body), with a rule where the collection has rules. */
async function simulatorWithKnownEntity(collection: string) {
  const simulator = new ConsoleSimulator({ rateLimit: false });
  const recording = recordingClient(simulator);
  const facade = COLLECTIONS[collection]!;
  const create = operation(`${facade}.create`);
  await facadeMethod(recording.sc, create.operationId)({ ...(examplesOf(requestBodyMedia(create))[0] as JsonObject), name: "known" });
  const addRule = manifest.operations.find((op) => op.operationId === `${facade}.rules.create`);
  if (addRule) await facadeMethod(recording.sc, addRule.operationId)("known", examplesOf(requestBodyMedia(addRule))[0]);
  const entity = simulator.collections.get(collection)!.get("known")!;
  const ruleId = Array.isArray(entity.rules) && entity.rules.length > 0 ? String((entity.rules[0] as JsonObject).id) : "no_rule";
  recording.answers.length = 0;
  return { simulator, ...recording, ruleId };
}

describe("ConsoleSimulator", () => {
  it("keeps created gates, lists them in pages, updates and deletes them", async () => {
    const simulator = new ConsoleSimulator();
    const sc = client(simulator);
    for (let i = 0; i < 7; i++) await sc.gates.create({ name: `gate_${i}` });
    const names: string[] = [];
    for await (const gate of sc.gates.list({ limit: 3 })) names.push(gate.name);
    expect(names).toEqual(["gate_0", "gate_1", "gate_2", "gate_3", "gate_4", "gate_5", "gate_6"]);
    expect(simulator.requests.filter((r) => r.path.startsWith("/console/v1/gates?")).length).toBe(3);

    const patched = await sc.gates.patch("gate_3", { description: "patched" });
    expect(patched.description).toBe("patched");
    expect((await sc.gates.get("gate_3")).description).toBe("patched");
    await sc.gates.delete("gate_3");
    await expect(sc.gates.get("gate_3")).rejects.toBeInstanceOf(NotFoundError);
    await expect(sc.gates.create({ name: "gate_1" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("answers operations it does not model with the spec's example", async () => {
    const simulator = new ConsoleSimulator();
    const checks = await client(simulator).gates.checks.get("any_gate");
    expect(checks).toEqual(successExample("gates.checks.get").data);
    expect(simulator.requests[0]!.status).toBe(200);
  });

  it("applies a state change's status from the spec's example, and leaves non-collection paths to examples", async () => {
    const simulator = new ConsoleSimulator();
    const sc = client(simulator);
    await sc.gates.create({ name: "to_archive" });
    expect((await sc.gates.archive("to_archive")).status).toBe("Archived");
    expect((await sc.gates.get("to_archive")).status).toBe("Archived");

    await sc.experiments.create({ name: "exp_one" });
    // `/experiments/assignment_sources` is its own operation, not an experiment called "assignment_sources".
    const sources = await sc.experiments.assignmentSources.list();
    expect(sources.data.length).toBeGreaterThan(0);
    await expect(sc.experiments.get("no_such_experiment")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("rejects a request without a Console key, which the client reports as AuthenticationError", async () => {
    const simulator = new ConsoleSimulator();
    const response = await simulator.fetch("https://sim.invalid/console/v1/gates", {});
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ status: 401, message: "Invalid or missing Console API key" });
    const bad = await simulator.fetch("https://sim.invalid/console/v1/gates/g", { headers: { "STATSIG-API-KEY": "secret-x" } });
    expect(bad.status).toBe(401);
    // Any Console key is accepted; an empty collection answers with the spec's example.
    await expect(client(simulator, "console-x").gates.get("g")).resolves.toEqual(successExample("gates.get").data);
    // A proxy that drops the key header: the client sees the 401 as AuthenticationError.
    const dropKey: FetchFunction = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.delete("statsig-api-key");
      return simulator.fetch(input, { ...init, headers });
    };
    const sc = new StatsigConsole({ apiKey: "console-x", fetch: dropKey, rateLimit: false, maxRetries: 0 });
    await expect(sc.gates.get("g")).rejects.toBeInstanceOf(AuthenticationError);
    expect(simulator.requests.map((r) => r.status)).toEqual([401, 401, 200, 401]);
  });

  it("enforces the mutation limits like the server, counting rejected attempts", async () => {
    let now = 0;
    const simulator = new ConsoleSimulator({ now: () => now, rateLimit: { mutations: [{ limit: 2, intervalMs: 1000 }] } });
    const send = () =>
      simulator.fetch("https://sim.invalid/console/v1/gates", { method: "POST", headers: { "STATSIG-API-KEY": "console-k" }, body: JSON.stringify({ name: `g${Math.random()}` }) });
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(201);
    now = 900;
    expect((await send()).status).toBe(429);
    now = 1001;
    expect((await send()).status).toBe(201);
    now = 1002;
    // Only one request was accepted in (2, 1002], but the rejected attempt at 900 counts too.
    expect((await send()).status).toBe(429);
  });

  it("keeps its limit windows on a monotonic clock: a wall clock set back an hour refuses nothing", async () => {
    vi.useFakeTimers();
    try {
      const simulator = new ConsoleSimulator({ rateLimit: { mutations: [{ limit: 2, intervalMs: 1000 }] } });
      const send = (name: string) =>
        simulator.fetch("https://sim.invalid/console/v1/gates", { method: "POST", headers: { "STATSIG-API-KEY": "console-k" }, body: JSON.stringify({ name }) });
      expect([(await send("a")).status, (await send("b")).status, (await send("c")).status]).toEqual([201, 201, 429]);
      vi.setSystemTime(Date.now() - 3_600_000);
      vi.advanceTimersByTime(1000);
      expect((await send("d")).status).toBe(201);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("ConsoleSimulator: an entity that does not exist", () => {
  it.each(entityOperations.map((op) => [op.operationId, op] as const))("%s on an unknown id answers 404 (NotFoundError) and changes nothing", async (_id, op) => {
    const collection = op.path.split("/")[3]!;
    const { simulator, sc, answers, ruleId } = await simulatorWithKnownEntity(collection);
    const before = structuredClone([...simulator.collections.get(collection)!]);
    const pathValues = op.pathParams.map((_name, index) => (index === 0 ? "no_such_id" : ruleId));
    await expect(Promise.resolve(facadeMethod(sc, op.operationId)(...callArguments(op, pathValues)))).rejects.toBeInstanceOf(NotFoundError);
    expect(answers.map((answer) => answer.status)).toEqual([404]);
    expectMatchesSpec(op, answers[0]!);
    expect([...simulator.collections.get(collection)!]).toEqual(before);
  });

  it.skip(`${unmodeledEntityOperations.map((op) => op.operationId).join(", ")} on an unknown id answer 404 too: skipped, the simulator does not model these paths and answers the spec's example`, async () => {
    for (const op of unmodeledEntityOperations) {
      const collection = op.path.split("/")[3]!;
      const { sc } = await simulatorWithKnownEntity(collection);
      const pathValues = op.pathParams.map((_name, index) => (index === 0 ? "no_such_id" : "x1"));
      await expect(Promise.resolve(facadeMethod(sc, op.operationId)(...callArguments(op, pathValues))), op.operationId).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it.each(entityOperations.filter((op) => op.path.endsWith("/rules/{ruleID}")).map((op) => [op.operationId, op] as const))(
    "%s on a known entity with an unknown rule id answers 404 and changes nothing",
    async (_id, op) => {
      const collection = op.path.split("/")[3]!;
      const { simulator, sc } = await simulatorWithKnownEntity(collection);
      const before = structuredClone([...simulator.collections.get(collection)!]);
      await expect(Promise.resolve(facadeMethod(sc, op.operationId)(...callArguments(op, ["known", "no_such_rule"])))).rejects.toBeInstanceOf(NotFoundError);
      expect([...simulator.collections.get(collection)!]).toEqual(before);
    },
  );
});

describe("ConsoleSimulator: answers match the spec", () => {
  for (const op of entityOperations) {
    const mismatch = KNOWN_MISMATCHES[op.operationId];
    const name = `${op.operationId} on a known entity answers as its success response schema says`;
    (mismatch === undefined ? it : it.skip)(mismatch === undefined ? name : `${name}: skipped, ${mismatch}`, async () => {
      const collection = op.path.split("/")[3]!;
      const { sc, answers, ruleId } = await simulatorWithKnownEntity(collection);
      const pathValues = op.pathParams.map((_name, index) => (index === 0 ? "known" : ruleId));
      await facadeMethod(sc, op.operationId)(...callArguments(op, pathValues));
      expect(answers.map((answer) => answer.status)).toEqual([op.response.status]);
      expectMatchesSpec(op, answers[0]!);
    });
  }

  it.each(Object.entries(COLLECTIONS))("%s: create, read and list answer as the spec says", async (collection, facade) => {
    const { sc, answers } = await simulatorWithKnownEntity(collection);
    await facadeMethod(sc, `${facade}.create`)({ ...(examplesOf(requestBodyMedia(operation(`${facade}.create`)))[0] as JsonObject), name: "second" });
    await facadeMethod(sc, `${facade}.get`)("second");
    await facadeMethod(sc, `${facade}.list`)({ limit: 1 });
    const ops = [`${facade}.create`, `${facade}.get`, `${facade}.list`].map(operation);
    expect(answers.map((answer) => answer.status)).toEqual(ops.map((op) => op.response.status));
    ops.forEach((op, index) => {
      expectMatchesSpec(op, answers[index]!);
    });
  });
});

describe("simulatorHandlers", () => {
  it("serves the simulator through msw to a client that uses the global fetch", async () => {
    const simulator = new ConsoleSimulator();
    const server = setupServer(...simulatorHandlers(simulator));
    server.listen({ onUnhandledRequest: "error" });
    try {
      const sc = new StatsigConsole({ apiKey: "console-msw", rateLimit: false });
      await sc.gates.create({ name: "through_msw" });
      expect((await sc.gates.get("through_msw")).name).toBe("through_msw");
      expect(simulator.requests.map((r) => r.status)).toEqual([201, 200]);
    } finally {
      server.close();
    }
  });
});

describe("npm start", () => {
  it("runs the demo workflow against the simulator with no key and no network", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/demo.ts"], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, STATSIG_CONSOLE_API_KEY: "" } });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("every gate, across pages");
    expect(run.stdout).toMatch(/requests sent \/ answered 429\s+\d+ \/ 0/);
    expect(run.stdout.trim().endsWith("Done.")).toBe(true);
  }, 30_000);
});
