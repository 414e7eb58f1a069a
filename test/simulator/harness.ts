// Shared by the simulator tests: a client over the HTTP simulator that keeps every answer, and the
// spec facts the tests drive themselves with (each operation's example body, path values, query).
import { StatsigConsole, type FetchFunction } from "../../src/index.js";
import type { ConsoleSimulator, SimulatorCollectionName } from "../../src/testing/index.js";
import { simulatorTable } from "../../generated/simulator.js";
import { errorsText, validatorAt } from "../helpers/ajv.js";
import { exampleQuery, examplesOf, manifest, parametersOf, requestBodyMedia, type Json, type JsonObject, type ManifestOperation } from "../helpers/spec.js";

export interface Answer {
  status: number;
  body: unknown;
}

/** A client of the simulator at `baseUrl` (real HTTP) that records every answer's status and parsed body. */
export function recordingClient(baseUrl: string, apiKey = "console-simulator-test") {
  const answers: Answer[] = [];
  const fetch: FetchFunction = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    const text = await response.clone().text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // a text answer (CSV) stays text
    }
    answers.push({ status: response.status, body });
    return response;
  };
  return { sc: new StatsigConsole({ apiKey, baseUrl, fetch, rateLimit: false, maxRetries: 0, logLevel: "off" }), answers };
}

export function operation(operationId: string): ManifestOperation {
  const op = manifest.operations.find((candidate) => candidate.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId}`);
  return op;
}

export function tableEntry(operationId: string) {
  const entry = simulatorTable.operations[operationId];
  if (!entry) throw new Error(`no table entry for ${operationId}`);
  return entry;
}

export function keyField(collection: SimulatorCollectionName): string {
  return simulatorTable.collections[collection]!.key;
}

export function exampleBody(op: ManifestOperation): Json | undefined {
  return op.body ? examplesOf(requestBodyMedia(op))[0] : undefined;
}

export function examplePathValue(op: ManifestOperation, name: string): string {
  const param = parametersOf(op).find((p) => p.in === "path" && p.name === name);
  return String(param?.example ?? (param?.schema as JsonObject | undefined)?.example ?? "x");
}

/** The facade call's arguments: path values, then the body and/or the query (or options with the query). */
export function callArguments(op: ManifestOperation, pathValues: readonly string[], body = exampleBody(op), query = exampleQuery(op)): unknown[] {
  const args: unknown[] = [...pathValues];
  if (op.body) {
    args.push(body);
    if (query) args.push({ query });
  } else if (op.queryParams.length > 0) args.push(query ?? {});
  return args;
}

/** Validates an answer against the spec: the success schema for the success status, ErrorBody for any other. */
export function schemaErrors(op: ManifestOperation, answer: Answer): string | undefined {
  const contentType = op.response.contentType ?? "application/json";
  if (answer.status === op.response.status && !contentType.includes("json")) return typeof answer.body === "string" ? undefined : "expected a text body";
  if (answer.status === op.response.status && op.response.kind === "none") return answer.body === undefined ? undefined : "expected no body";
  const schemaAt =
    answer.status === op.response.status
      ? ["paths", op.path, op.method.toLowerCase(), "responses", String(answer.status), "content", contentType, "schema"]
      : ["components", "schemas", "ErrorBody"];
  const validate = validatorAt(schemaAt);
  return validate(answer.body) ? undefined : errorsText(validate);
}

/** Puts one entity, keyed `known` (or `known@example.com` by email), into a collection; returns its key. */
export function seedKnown(simulator: ConsoleSimulator, collection: SimulatorCollectionName, fields: Record<string, unknown> = {}): string {
  const key = keyField(collection) === "email" ? "known@example.com" : "known";
  simulator.seed(collection, [{ name: key, ...fields, [keyField(collection)]: key }]);
  return key;
}
