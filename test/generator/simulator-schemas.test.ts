// SchemaCollector (scripts/lib/simulator-schemas.ts): the request schemas the simulator validates
// against, made small. Every keyword that constrains a value is kept, every other one dropped;
// components are collected once under their name, inline schemas once under `~<n>`.
import { describe, expect, it } from "vitest";
import { SchemaCollector } from "../../scripts/lib/simulator-schemas.js";

const things = () => ({
  components: { schemas: { Thing: { type: "object", description: "a thing", properties: { name: { type: "string", maxLength: 3, example: "abc" } } } } },
});

describe("SchemaCollector", () => {
  it("keeps every keyword that constrains a value and drops descriptions, formats, examples and extensions", () => {
    const collector = new SchemaCollector({});
    const constraints = {
      type: "string",
      enum: ["a"],
      const: "a",
      minimum: 1,
      maximum: 2,
      exclusiveMinimum: 0,
      exclusiveMaximum: 3,
      minLength: 1,
      maxLength: 4,
      minItems: 1,
      maxItems: 2,
      pattern: "^a",
    };
    const key = collector.add({ ...constraints, description: "x", format: "email", "x-note": 1, example: "a", title: "T" });
    expect(key).toBe("~0");
    expect(collector.schemas).toStrictEqual({ "~0": constraints });
  });

  it("keeps the structure of objects, lists and combinations", () => {
    const collector = new SchemaCollector(things());
    const object = { type: "object", required: ["a"], properties: { a: { type: "string" } }, additionalProperties: false };
    expect(collector.add({ ...object, description: "o" })).toBe("~0");
    expect(collector.add({ type: "array", items: { type: "string", description: "s" } })).toBe("~1");
    expect(collector.add({ allOf: [{ $ref: "#/components/schemas/Thing" }], oneOf: [{ type: "string" }], anyOf: [{ type: "integer" }] })).toBe("~2");
    expect(collector.schemas).toStrictEqual({
      "~0": object,
      "~1": { type: "array", items: { type: "string" } },
      Thing: { type: "object", properties: { name: { type: "string", maxLength: 3 } } },
      "~2": { allOf: [{ $ref: "Thing" }], oneOf: [{ type: "string" }], anyOf: [{ type: "integer" }] },
    });
  });

  it("collects a referenced component once under its name, and an inline schema once however often it is added", () => {
    const collector = new SchemaCollector(things());
    expect(collector.add({ $ref: "#/components/schemas/Thing" })).toBe("Thing");
    expect(collector.add({ $ref: "#/components/schemas/Thing", description: "annotated" })).toBe("Thing");
    expect(collector.add({ type: "integer", minimum: 1 })).toBe("~0");
    expect(collector.add({ type: "integer", minimum: 1, description: "same constraints" })).toBe("~0");
    expect(collector.add({ type: "integer", minimum: 2 })).toBe("~1");
    expect(Object.keys(collector.schemas)).toEqual(["Thing", "~0", "~1"]);
  });
});
