// Strict input: bodies and query strings are checked against the spec's request schemas; a bad one
// gets the API's 400 body, with errors[] naming the fields, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadRequestError } from "../../src/index.js";
import { startSimulator, type SimulatorServer } from "../../src/testing/index.js";
import { validatorAt } from "../helpers/ajv.js";

let server: SimulatorServer;
beforeAll(async () => {
  server = await startSimulator({ rateLimit: false });
});
afterAll(() => server.close());

const KEY = { "statsig-api-key": "console-input-test" };
const isErrorBody = validatorAt(["components", "schemas", "ErrorBody"]);

async function send(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: { status: number; message: string; errors?: { property: string; errorMessage: string }[] } }> {
  const init: RequestInit = { method, headers: { ...KEY, "content-type": "application/json" } };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const response = await fetch(`${server.baseUrl}/console/v1${path}`, init);
  return { status: response.status, body: (await response.json()) as never };
}

describe("request bodies", () => {
  it.each([
    ["a field of the wrong type", "POST", "/gates", { name: 5 }, ["name"]],
    ["a required field missing", "POST", "/gates", { description: "no name" }, ["name"]],
    ["a nested field of the wrong type", "POST", "/gates", { name: "gate_x", rules: [{ name: "r", passPercentage: "all", conditions: [] }] }, ["rules[0].passPercentage"]],
    ["a number out of range", "POST", "/gates", { name: "gate_x", rules: [{ name: "r", passPercentage: 150, conditions: [] }] }, ["rules[0].passPercentage"]],
    ["a field a closed body does not accept", "PUT", "/experiments/e/abandon", { decisionReason: "done", extra: true }, ["extra"]],
    ["a value outside the enum", "POST", "/gates", { name: "gate_x", type: "NOT_A_TYPE" }, ["type"]],
    ["an ID list that is not a list", "PATCH", "/segments/s/id_list", { ids: "u1" }, ["ids"]],
  ] as const)("%s: 400 naming the field", async (_what, method, path, body, properties) => {
    server.simulator.reset();
    const before = server.simulator.snapshot();
    const answer = await send(method, path, body);
    expect(answer.status).toBe(400);
    expect(isErrorBody(answer.body)).toBe(true);
    expect(answer.body.errors?.map((error) => error.property)).toEqual(properties);
    expect(answer.body.errors?.[0]?.errorMessage).toContain(properties[0]);
    expect(server.simulator.snapshot()).toEqual(before);
  });

  it("a body that is not JSON, and a missing required body: 400", async () => {
    expect((await send("POST", "/gates", "{not json")).body).toMatchObject({ status: 400, errors: [{ property: "body" }] });
    expect((await send("POST", "/gates")).body).toMatchObject({ status: 400, errors: [{ property: "body", errorMessage: "a request body is required" }] });
  });

  it("the client sees BadRequestError with the field errors", async () => {
    const { StatsigConsole } = await import("../../src/index.js");
    const sc = new StatsigConsole({ apiKey: "console-input-test", baseUrl: server.baseUrl, rateLimit: false, maxRetries: 0 });
    const error = await sc.gates.create({ name: "gate_x", rules: [{ name: "r", passPercentage: 101, conditions: [] }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).errors).toEqual([{ property: "rules[0].passPercentage", errorMessage: "rules[0].passPercentage must be at most 100" }]);
  });
});

describe("query strings", () => {
  it.each([
    ["a page that is not a number", "/gates?page=two", ["page"]],
    ["a limit below its minimum", "/gates?limit=0", ["limit"]],
    ["a boolean that is not one", "/gates?includeArchived=maybe", ["includeArchived"]],
    ["a parameter the operation does not have", "/gates?colour=blue", ["colour"]],
    ["a required parameter missing", "/reports", ["type"]],
  ] as const)("%s: 400 naming %s", async (_what, path, properties) => {
    const answer = await send("GET", path);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.map((error) => error.property)).toEqual(expect.arrayContaining([...properties]));
  });

  it("values of the declared types pass: filters, repeated values, numbers and booleans", async () => {
    server.simulator.reset();
    server.simulator.seed("gates", [
      { id: "a", tags: ["checkout"], idType: "userID" },
      { id: "b", tags: ["growth"], idType: "stableID" },
      { id: "c", tags: ["growth", "checkout"], idType: "userID" },
    ]);
    const ids = async (path: string) => ((await send("GET", path)).body as unknown as { data: { id: string }[] }).data.map((gate) => gate.id);
    expect(await ids("/gates?tags=checkout")).toEqual(["a", "c"]);
    expect(await ids("/gates?tags=growth&tags=nothing")).toEqual(["b", "c"]);
    expect(await ids("/gates?idType=userID&includeArchived=true&limit=1&page=2")).toEqual(["c"]);
  });
});
