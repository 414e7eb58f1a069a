// SchemaCollector (scripts/lib/simulator-schemas.ts): the request schemas the simulator validates
// against, made small. Every keyword that constrains a value is kept, every other one dropped;
// components are collected once under their name, inline schemas once under `~<n>`.
import { describe, expect, it } from "vitest";
import { SpecError } from "../../scripts/lib/load-spec.js";
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

  it("inlines a reference that carries a constraint of its own, instead of naming the component", () => {
    const collector = new SchemaCollector(things());
    expect(collector.add({ $ref: "#/components/schemas/Thing", maxLength: 2 })).toBe("~0");
  });

  it("collects a recursive component once, its reference to itself by name", () => {
    const doc = { components: { schemas: { Node: { type: "object", properties: { next: { $ref: "#/components/schemas/Node" } } } } } };
    const collector = new SchemaCollector(doc);
    expect(collector.add({ $ref: "#/components/schemas/Node" })).toBe("Node");
    expect(collector.schemas).toStrictEqual({ Node: { type: "object", properties: { next: { $ref: "Node" } } } });
  });

  it("refuses a reference to anything but a schema component, or to one that is not there, with a SpecError", () => {
    const collector = new SchemaCollector(things());
    expect(() => collector.add({ $ref: "#/components/responses/Reply" })).toThrow(
      new SpecError("simulator: only schema components can be referenced from request schemas, found #/components/responses/Reply"),
    );
    expect(() => collector.add({ $ref: "#/components/schemas/Missing" })).toThrow(new SpecError("simulator: unresolved reference #/components/schemas/Missing"));
    // A document without components at all: the same error, not a TypeError.
    expect(() => new SchemaCollector({}).add({ $ref: "#/components/schemas/Missing" })).toThrow(SpecError);
    expect(() => new SchemaCollector({}).add({ anyOf: [{ $ref: "#/components/schemas/Missing" }, { type: "string" }] })).toThrow(SpecError);
  });

  it("writes known values or any string as any string, and keeps every other union", () => {
    const collector = new SchemaCollector(things());
    expect(collector.add({ anyOf: [{ type: "string", enum: ["a"] }, { type: "string" }] })).toBe("~0");
    expect(collector.add({ anyOf: [{ type: "integer" }, { type: "string" }] })).toBe("~1");
    expect(
      collector.add({
        anyOf: [
          { type: "string", enum: ["a"] },
          { type: "string", maxLength: 3 },
        ],
      }),
    ).toBe("~2");
    expect(collector.schemas).toStrictEqual({
      "~0": { type: "string" },
      "~1": { anyOf: [{ type: "integer" }, { type: "string" }] },
      "~2": {
        anyOf: [
          { type: "string", enum: ["a"] },
          { type: "string", maxLength: 3 },
        ],
      },
    });
    // A reference cycle among the alternatives ends instead of looping.
    const cyclic = { components: { schemas: { A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" } } } };
    expect(new SchemaCollector(cyclic).add({ anyOf: [{ $ref: "#/components/schemas/A" }, { type: "string" }] })).toBe("~0");
  });

  it("compacts map values like list items, and shortens schemas but never data that looks like one", () => {
    const collector = new SchemaCollector(things());
    collector.add({ type: "object", additionalProperties: { type: "string", description: "d" } });
    collector.add({ const: { type: "string" }, enum: [{ $ref: "x" }], items: { type: "integer" } });
    expect(collector.schemas["~0"]).toStrictEqual({ type: "object", additionalProperties: { type: "string" } });
    expect(collector.shortened()).toStrictEqual({
      "~0": { type: "object", additionalProperties: "string" },
      "~1": { const: { type: "string" }, enum: [{ $ref: "x" }], items: "integer" },
    });
  });

  it("keeps a union whose string alternative carries a constraint of its own", () => {
    const collector = new SchemaCollector(things());
    collector.add({ anyOf: [{ type: "string" }, { type: "string", maxLength: 3 }] });
    expect(collector.schemas["~0"]).toStrictEqual({ anyOf: [{ type: "string" }, { type: "string", maxLength: 3 }] });
  });

  it("copies an object-valued const as data, description and all", () => {
    const collector = new SchemaCollector(things());
    collector.add({ const: { type: "string", description: "part of the value" } });
    expect(collector.schemas["~0"]).toStrictEqual({ const: { type: "string", description: "part of the value" } });
  });

  it("hoists a repeated part only when that saves more than 16 characters, and never data", () => {
    const tableOf = (parts: unknown[]) => {
      const collector = new SchemaCollector(things());
      for (const [index, part] of parts.entries()) collector.add({ type: "object", properties: { [`p${index}`]: part } });
      return collector.shortened();
    };
    // `{"minimum":123456789}` is 21 characters: a second copy saves exactly 16, so both stay inline.
    expect(tableOf([{ minimum: 123456789 }, { minimum: 123456789 }])).toStrictEqual({
      "~0": { type: "object", properties: { p0: { minimum: 123456789 } } },
      "~1": { type: "object", properties: { p1: { minimum: 123456789 } } },
    });
    // One character more, and the part is kept once under its own key.
    expect(tableOf([{ minimum: 1234567890 }, { minimum: 1234567890 }])).toStrictEqual({
      "^0": { minimum: 1234567890 },
      "~0": { type: "object", properties: { p0: "^0" } },
      "~1": { type: "object", properties: { p1: "^0" } },
    });
    // Repeated const and enum values are data: never hoisted, however long.
    const constant = { label: "a constant long enough to be worth sharing" };
    expect(tableOf([{ const: constant }, { const: constant, type: "object" }, { enum: [constant] }, { enum: [constant], type: "object" }])).toStrictEqual({
      "~0": { type: "object", properties: { p0: { const: constant } } },
      "~1": { type: "object", properties: { p1: { const: constant, type: "object" } } },
      "~2": { type: "object", properties: { p2: { enum: [constant] } } },
      "~3": { type: "object", properties: { p3: { enum: [constant], type: "object" } } },
    });
  });
});
