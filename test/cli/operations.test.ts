// Every operation of the manifest is a command, and each command reaches its own method and
// path on a real socket: a node:http server on 127.0.0.1 in front of the simulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationCatalog, type CliOperation, type ParameterInfo } from "../../src/cli/catalog.js";
import { ConsoleSimulator } from "../../src/testing/simulator.js";
import { manifest } from "../helpers/spec.js";
import { runInProcess, startServer, type TestServer } from "./helpers.js";

let server: TestServer;
const simulator = new ConsoleSimulator({ rateLimit: false });

beforeAll(async () => {
  server = await startServer(async (request, response) => {
    const answer = await simulator.fetch(
      new Request(`http://simulator${request.path}`, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        ...(request.body ? { body: request.body } : {}),
      }),
    );
    response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
    response.end(await answer.text());
  });
});
afterAll(() => server.close());

/** Path values with characters that must be encoded, distinct per parameter. */
function pathValues(operation: CliOperation): string[] {
  return operation.pathParams.map((parameter, index) => `${parameter.name} v${index}/x`);
}

/** A value the spec accepts for a required query parameter: its example, else its first allowed value, else one of its type. */
function requiredQueryValue(parameter: ParameterInfo): string {
  const example = Array.isArray(parameter.example) ? parameter.example[0] : parameter.example;
  if (typeof example === "string" || typeof example === "number" || typeof example === "boolean") return String(example);
  return parameter.enum?.[0] ?? (parameter.type === "string" ? "x" : parameter.type === "boolean" ? "true" : "1");
}

function expectedPath(operation: CliOperation, values: readonly string[]): string {
  let path = operation.path;
  operation.pathParams.forEach((parameter, index) => {
    path = path.replace(`{${parameter.name}}`, encodeURIComponent(values[index] ?? ""));
  });
  return path;
}

describe("the command tree", () => {
  it("has one command per operation of the manifest, plus a chunked twin per x-chunk operation", () => {
    const catalog = operationCatalog();
    const plain = catalog.filter((operation) => !operation.chunk);
    expect(plain.map((operation) => operation.operationId).sort()).toEqual(manifest.operations.map((operation) => operation.operationId).sort());
    expect(plain).toHaveLength(276);
    expect(catalog.filter((operation) => operation.chunk).map((operation) => operation.words.join(" "))).toEqual(
      manifest.operations
        .filter((operation) => operation.chunk)
        .map(
          (operation) =>
            `${operation.operationId
              .split(".")
              .map((w) => w.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase())
              .join(" ")}-in-chunks`,
        ),
    );
    const names = catalog.map((operation) => operation.words.join(" "));
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(operationCatalog().map((operation) => [operation.words.join(" "), operation] as const))("%s reaches its method and path", async (_name, operation) => {
    const values = pathValues(operation);
    const argv = [...operation.words, ...values, "--base-url", server.baseUrl];
    for (const parameter of operation.queryParams.filter((p) => p.required)) argv.push(`--${parameter.name}`, requiredQueryValue(parameter));
    if (operation.body?.required || (operation.body && operation.body.example !== undefined)) argv.push("--data", JSON.stringify(operation.body.example ?? {}));
    const before = server.requests.length;
    // A key per command: in one process, clients with the same key share rate-limit windows.
    const run = await runInProcess(argv, { env: { STATSIG_CONSOLE_API_KEY: `console-${operation.words.join("-")}` } });
    const sent = server.requests.slice(before);
    expect(sent.length, run.stderr).toBeGreaterThanOrEqual(1);
    const first = sent[0];
    expect(first?.method).toBe(operation.method);
    const [path, search] = (first?.path ?? "").split("?");
    expect(path).toBe(expectedPath(operation, values));
    const query = new URLSearchParams(search);
    for (const parameter of operation.queryParams.filter((p) => p.required)) expect(query.get(parameter.name), parameter.name).toBe(requiredQueryValue(parameter));
    expect(first?.headers["statsig-api-key"]).toBe(`console-${operation.words.join("-")}`);
    // The API answered (0, or 1 for an error status): never a usage error, a crash or a network failure.
    expect([0, 1], run.stderr).toContain(run.exitCode);
    if (run.exitCode === 0 && operation.response !== "text") expect(() => JSON.parse(run.stdout)).not.toThrow();
  });
});
