// resultComponent: which schema component an operation's result is, read through the envelope,
// so that types.ts can name it (`Gate`) instead of TypeScript's `unknown & Gate`. Anything that is
// not exactly a component (or an array of one) names nothing.
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/core/json.js";
import type { OperationModel } from "../../scripts/lib/operation-model.js";
import { resultComponent } from "../../scripts/lib/result-schemas.js";
import { operationModel } from "../helpers/operation-model.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const envelopeData: JsonObject = { description: "narrowed per operation" };

/** The result of `GET /x` answering `schema`, with the envelope's `data` declared as `envelope`. */
function resultOf(schema: unknown, kind: OperationModel["success"]["kind"] = "data", envelope: unknown = envelopeData) {
  const doc: JsonObject = {
    paths: { "/x": { get: { responses: { "200": { content: { "application/json": { schema } } } } } } },
    components: {
      schemas: { DataEnvelope: { type: "object", required: ["message", "data"], properties: { message: { type: "string" }, data: envelope } }, Thing: { type: "object" } },
    },
  };
  return resultComponent(doc, operationModel("x.get", "GET", "/x", { success: { status: "200", contentType: "application/json", kind } }));
}
const wrapped = (data: unknown) => ({ allOf: [ref("DataEnvelope"), { type: "object", required: ["data"], properties: { data } }] });

describe("resultComponent", () => {
  it("names the component a data result is, or an array of", () => {
    expect(resultOf(wrapped(ref("Thing")))).toEqual({ component: "Thing", array: false });
    expect(resultOf(wrapped({ ...ref("Thing"), description: "annotations are fine" }))).toEqual({ component: "Thing", array: false });
    for (const annotation of ["title", "example", "examples", "deprecated"])
      expect(resultOf(wrapped({ ...ref("Thing"), [annotation]: "x" })), annotation).toEqual({ component: "Thing", array: false });
    expect(resultOf(wrapped({ type: "array", items: ref("Thing"), description: "the things" }))).toEqual({ component: "Thing", array: true });
  });

  it("names the item component of a list result", () => {
    expect(resultOf(wrapped({ type: "array", items: ref("Thing") }), "list")).toEqual({ component: "Thing", array: false });
    expect(resultOf(wrapped(ref("Thing")), "list")).toBeUndefined();
  });

  it("names nothing for other kinds of result", () => {
    for (const kind of ["body", "message", "text", "none"] as const) expect(resultOf(wrapped(ref("Thing")), kind), kind).toBeUndefined();
  });

  it("names nothing when data is optional, or declared by no part", () => {
    expect(resultOf({ allOf: [{ properties: { data: envelopeData } }, { properties: { data: ref("Thing") } }] })).toBeUndefined();
    expect(resultOf({ type: "object", properties: { other: ref("Thing") } })).toBeUndefined();
  });

  it("counts data as required when any part requires it, the envelope included", () => {
    const enveloped = { type: "object", required: ["data"], properties: { data: envelopeData } };
    expect(resultOf({ allOf: [enveloped, { properties: { data: ref("Thing") } }] })).toEqual({ component: "Thing", array: false });
    expect(resultOf({ allOf: [{ required: "data" }, { properties: { data: ref("Thing") } }] })).toBeUndefined();
  });

  it("names nothing for a schema that is more than a reference to a component", () => {
    expect(resultOf(wrapped({ ...ref("Thing"), nullable: true }))).toBeUndefined();
    expect(resultOf(wrapped({ $ref: "#/components/responses/Thing" }))).toBeUndefined();
    expect(resultOf(wrapped({ $ref: "#/components/schemas/Thing/properties/id" }))).toBeUndefined();
    expect(resultOf(wrapped({ type: "object", properties: { n: { type: "integer" } } }))).toBeUndefined();
    expect(resultOf(wrapped({ type: "array", items: ref("Thing"), minItems: 1 }))).toBeUndefined();
    expect(resultOf(wrapped({ type: "array", items: { type: "string" } }))).toBeUndefined();
    expect(resultOf(wrapped({ type: "object", items: ref("Thing") }))).toBeUndefined();
    expect(resultOf(wrapped(true))).toBeUndefined();
  });

  it("reads through an envelope that accepts anything or any array, and no other", () => {
    // The envelope's data is any array: an array result still names the component, a single one cannot.
    const anyArray = { type: "array", description: "a list" };
    expect(resultOf(wrapped({ type: "array", items: ref("Thing") }), "data", anyArray)).toEqual({ component: "Thing", array: true });
    expect(resultOf(wrapped({ type: "array", items: ref("Thing") }), "data", { type: "array", items: { description: "anything" } })).toEqual({ component: "Thing", array: true });
    expect(resultOf(wrapped(ref("Thing")), "data", anyArray)).toBeUndefined();
    // An envelope that narrows data itself: two declarations narrow, the intersection is no component.
    expect(resultOf(wrapped(ref("Thing")), "data", { type: "object" })).toBeUndefined();
    expect(resultOf(wrapped({ type: "array", items: ref("Thing") }), "data", { type: "array", items: { type: "string" } })).toBeUndefined();
    expect(resultOf(wrapped(ref("Thing")), "data", "not a schema")).toBeUndefined();
    expect(resultOf(wrapped({ type: "array", items: ref("Thing") }), "data", { type: "object" })).toBeUndefined();
    expect(resultOf(wrapped({ type: "array", items: ref("Thing") }), "data", { type: "string" })).toBeUndefined();
    // The boolean schema `true` accepts anything like an empty one; `false` accepts nothing, so it narrows.
    expect(resultOf(wrapped(ref("Thing")), "data", true)).toEqual({ component: "Thing", array: false });
    expect(resultOf(wrapped({ type: "array", items: ref("Thing") }), "data", true)).toEqual({ component: "Thing", array: true });
    expect(resultOf(wrapped(ref("Thing")), "data", false)).toBeUndefined();
    expect(resultOf(wrapped({ type: "array", items: ref("Thing") }), "data", false)).toBeUndefined();
    // A declaration that is no schema at all narrows too: nothing is named.
    expect(resultOf(wrapped({ type: "array", items: ref("Thing") }), "data", "not a schema")).toBeUndefined();
    // Nothing narrows: data is anything.
    expect(resultOf(wrapped({ description: "anything" }))).toBeUndefined();
  });

  it("follows references to path items and responses, and reads the success status and media type", () => {
    const doc: JsonObject = {
      paths: { "/x": { $ref: "#/components/pathItems/X" } },
      components: {
        pathItems: { X: { post: { responses: { "201": { $ref: "#/components/responses/Created" } } } } },
        responses: { Created: { content: { "application/vnd+json": { schema: wrapped(ref("Thing")) } } } },
        schemas: { DataEnvelope: { properties: { data: {} } }, Thing: {} },
      },
    };
    const model = (status: string, contentType: string | null, method = "POST") => operationModel("x.create", method, "/x", { success: { status, contentType, kind: "data" } });
    expect(resultComponent(doc, model("201", "application/vnd+json"))).toEqual({ component: "Thing", array: false });
    expect(resultComponent(doc, model("200", "application/vnd+json"))).toBeUndefined();
    expect(resultComponent(doc, model("201", "application/json"))).toBeUndefined();
    expect(resultComponent(doc, model("201", null))).toBeUndefined();
    expect(resultComponent(doc, model("201", "application/vnd+json", "GET"))).toBeUndefined();
    expect(resultComponent({ paths: {} }, model("201", "application/vnd+json"))).toBeUndefined();
    expect(resultComponent({}, model("201", "application/vnd+json"))).toBeUndefined();
  });

  it("names nothing for null where a schema should be, without failing", () => {
    expect(resultOf(wrapped(null))).toBeUndefined();
    expect(resultOf(wrapped({ type: "array", items: null }))).toBeUndefined();
    expect(resultOf({ allOf: [null, wrapped(ref("Thing"))] })).toEqual({ component: "Thing", array: false });
  });

  it("reads allOf parts 32 levels down, and no further", () => {
    const nested = (levels: number) => {
      let schema: unknown = { type: "object", required: ["data"], properties: { data: ref("Thing") } };
      for (let level = 0; level < levels; level++) schema = { allOf: [schema] };
      return schema;
    };
    expect(resultOf(nested(32))).toEqual({ component: "Thing", array: false });
    expect(resultOf(nested(33))).toBeUndefined();
  });

  it("stops at a schema whose allOf includes itself", () => {
    const doc: JsonObject = {
      paths: { "/x": { get: { responses: { "200": { content: { "application/json": { schema: ref("Loop") } } } } } } },
      components: { schemas: { Loop: { allOf: [ref("Loop"), { required: ["data"], properties: { data: ref("Thing") } }] } } },
    };
    expect(resultComponent(doc, operationModel("x.get", "GET", "/x"))).toBeUndefined();
  });
});
