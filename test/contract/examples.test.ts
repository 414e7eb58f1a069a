// Every example in the spec validates against the schema it illustrates.
import { describe, expect, it } from "vitest";
import { isObject } from "../../src/core/json.js";
import { errorsText, validatorAt } from "../helpers/ajv.js";
import { bundledSpec, deref, type Json, type JsonObject } from "../helpers/spec.js";

interface ExampleCase {
  where: string;
  schemaAt: string[];
  example: Json;
}

function mediaCases(where: string, media: JsonObject, schemaAt: string[]): ExampleCase[] {
  if (!isObject(media.schema)) return [];
  if ("example" in media) return [{ where, schemaAt, example: media.example as Json }];
  if (isObject(media.examples)) {
    return Object.entries(media.examples).map(([name, entry]) => ({ where: `${where} (${name})`, schemaAt, example: deref<JsonObject>(entry).value as Json }));
  }
  return [];
}

function collectCases(): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const paths = bundledSpec.paths as JsonObject;
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = rawItem as JsonObject;
    for (const [method, rawOperation] of Object.entries(item)) {
      if (!isObject(rawOperation) || !("responses" in rawOperation)) continue;
      const base = ["paths", path, method];
      const id = String(rawOperation.operationId);
      const body = rawOperation.requestBody;
      if (isObject(body) && isObject(body.content)) {
        for (const [type, media] of Object.entries(body.content)) {
          cases.push(...mediaCases(`${id} request ${type}`, media as JsonObject, [...base, "requestBody", "content", type, "schema"]));
        }
      }
      for (const [status, rawResponse] of Object.entries(rawOperation.responses as JsonObject)) {
        if (!isObject(rawResponse) || !isObject(rawResponse.content)) continue;
        for (const [type, media] of Object.entries(rawResponse.content)) {
          cases.push(...mediaCases(`${id} ${status} ${type}`, media as JsonObject, [...base, "responses", status, "content", type, "schema"]));
        }
      }
      const parameters = (rawOperation.parameters as Json[] | undefined) ?? [];
      parameters.forEach((param, index) => {
        if (isObject(param) && "example" in param && isObject(param.schema)) {
          cases.push({ where: `${id} parameter ${String(param.name)}`, schemaAt: [...base, "parameters", String(index), "schema"], example: param.example as Json });
        }
      });
    }
    ((item.parameters as Json[] | undefined) ?? []).forEach((param, index) => {
      if (isObject(param) && "example" in param && isObject(param.schema)) {
        cases.push({ where: `${path} parameter ${String(param.name)}`, schemaAt: ["paths", path, "parameters", String(index), "schema"], example: param.example as Json });
      }
    });
  }
  const components = bundledSpec.components as JsonObject;
  for (const [name, schema] of Object.entries((components.schemas as JsonObject) ?? {})) {
    if (isObject(schema) && "example" in schema) cases.push({ where: `schema ${name}`, schemaAt: ["components", "schemas", name], example: schema.example as Json });
  }
  for (const [name, response] of Object.entries((components.responses as JsonObject) ?? {})) {
    if (!isObject(response) || !isObject(response.content)) continue;
    for (const [type, media] of Object.entries(response.content)) {
      cases.push(...mediaCases(`response ${name} ${type}`, media as JsonObject, ["components", "responses", name, "content", type, "schema"]));
    }
  }
  return cases;
}

const cases = collectCases();

describe("spec examples", () => {
  it("has examples to check", () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  it.each(cases.map((c) => [c.where, c] as const))("%s validates against its schema", (_where, c) => {
    const validate = validatorAt(c.schemaAt);
    const valid = validate(c.example);
    expect(valid, errorsText(validate)).toBe(true);
  });
});

describe("the example validator itself", () => {
  it("rejects a value of the wrong type", () => {
    const validate = validatorAt(["components", "schemas", "ErrorBody"]);
    expect(validate({ status: 400, message: "bad" })).toBe(true);
    expect(validate({ status: "400", message: "bad" })).toBe(false);
    expect(validate({ message: "no status" })).toBe(false);
  });
});
