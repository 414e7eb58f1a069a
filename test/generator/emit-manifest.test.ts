// The operations manifest (scripts/lib/emit-manifest.ts) from small documents and models: each
// parameter's value type, items and closed enum, and pointers into openapi.json for parameter,
// body and response schemas instead of copies of them.
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/core/json.js";
import type { ManifestOperation, ManifestParameter, OperationsManifest } from "../../src/manifest.js";
import { emitManifest } from "../../scripts/lib/emit-manifest.js";
import type { OperationModel } from "../../scripts/lib/operation-model.js";
import { operationModel, pathParam } from "../helpers/operation-model.js";

type ParameterModel = OperationModel["pathParams"][number];

/** A query parameter `name` with `schema`, declared at `pointer`. */
function queryParam(name: string, schema: unknown, more: Partial<ParameterModel> = {}): ParameterModel {
  return { ...pathParam(name), in: "query", required: false, schema, pointer: `#/paths/~1things/get/parameters/0`, ...more };
}

function manifestOf(doc: JsonObject, models: OperationModel[]): OperationsManifest {
  return JSON.parse(emitManifest(doc, models, [], "1.0", "note")) as OperationsManifest;
}

function operationOf(doc: JsonObject, model: OperationModel): ManifestOperation {
  return manifestOf(doc, [model]).operations[0]!;
}

/** The manifest entry of one query parameter with `schema` (components from `schemas`). */
function queryEntry(schema: unknown, schemas: JsonObject = {}): ManifestParameter {
  const doc = { paths: {}, components: { schemas } };
  return operationOf(doc, operationModel("things.list", "GET", "/things", { queryParams: [queryParam("q", schema)] })).queryParams[0]!;
}

describe("emitManifest", () => {
  it("writes the header, the rate-limit groups and one entry per operation, as indented JSON with a final newline", () => {
    const doc = { paths: { "/things": { get: { responses: { "200": { content: { "application/json": { schema: { type: "object" } } } } } } } } };
    const groups = [
      { name: "writes", description: "Mutations", windows: [{ seconds: 10, requests: 5 }] },
      { name: "reads", description: "Reads", windows: [] },
    ];
    const models = [operationModel("things.list", "GET", "/things"), operationModel("things.count", "GET", "/things")];
    const text = emitManifest(doc, models, groups as never, "2.3.4", "Do not edit.");
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.startsWith('{\n  "$comment": "Do not edit.",\n  "$schema": "./operations.schema.json",\n  "manifestVersion": 2,\n  "apiVersion": "2.3.4",\n')).toBe(true);
    const manifest = JSON.parse(text) as OperationsManifest;
    expect(manifest.rateLimitGroups).toStrictEqual({
      writes: { description: "Mutations", windows: [{ seconds: 10, requests: 5 }] },
      reads: { description: "Reads", windows: [] },
    });
    expect(manifest.operations.map((op) => op.operationId)).toEqual(["things.list", "things.count"]);
    expect(manifestOf(doc, []).rateLimitGroups).toStrictEqual({});
  });

  it("copies what the model says of an operation", () => {
    const doc = { paths: { "/things/{id}": { put: { responses: { "201": { content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } } } } } } };
    const model = operationModel("things.replace", "PUT", "/things/{id}", {
      summary: "Replace a thing",
      tags: ["Things"],
      deprecated: true,
      pathParams: [{ ...pathParam("id"), pointer: "#/paths/~1things~1{id}/parameters/0", description: "The thing", secret: true }],
      success: { status: "201", contentType: "application/json", kind: "data" },
      errorStatuses: ["400", "404"],
      pagination: "page",
      idempotent: false,
      rateLimitGroup: "writes",
      chunk: { field: "ids", maxItems: 100 },
      carriesSecrets: true,
    });
    expect(operationOf(doc, model)).toStrictEqual({
      operationId: "things.replace",
      method: "PUT",
      path: "/things/{id}",
      summary: "Replace a thing",
      tags: ["Things"],
      deprecated: true,
      pathParams: [
        {
          name: "id",
          in: "path",
          required: true,
          type: "string",
          items: null,
          enum: null,
          description: "The thing",
          secret: true,
          schema: "openapi.json#/paths/~1things~1{id}/parameters/0/schema",
        },
      ],
      queryParams: [],
      body: null,
      response: { status: 201, contentType: "application/json", kind: "data", schema: "openapi.json#/components/schemas/Thing" },
      errorStatuses: ["400", "404"],
      pagination: "page",
      idempotent: false,
      rateLimitGroup: "writes",
      chunk: { field: "ids", maxItems: 100 },
      carriesSecrets: true,
    });
  });

  it("writes null for a missing summary, description and response schema", () => {
    const doc = { paths: { "/things": { delete: { responses: { "204": { description: "gone" } } } } } };
    const model = operationModel("things.clear", "DELETE", "/things", {
      queryParams: [queryParam("all", { type: "boolean" })],
      success: { status: "204", contentType: null, kind: "none" },
    });
    const op = operationOf(doc, model);
    expect(op.summary).toBeNull();
    expect(op.queryParams[0]).toStrictEqual({
      name: "all",
      in: "query",
      required: false,
      type: "boolean",
      items: null,
      enum: null,
      description: null,
      secret: false,
      schema: "openapi.json#/paths/~1things/get/parameters/0/schema",
    });
    expect(op.response).toStrictEqual({ status: 204, contentType: null, kind: "none", schema: null });
  });

  it("points a parameter's schema at the component it references", () => {
    expect(queryEntry({ $ref: "#/components/schemas/Size" }, { Size: { type: "integer", enum: [1, 2] } })).toMatchObject({
      type: "integer",
      enum: [1, 2],
      schema: "openapi.json#/components/schemas/Size",
    });
  });

  it("points a body and a response at their inline schemas, through their content type, or at the component they reference", () => {
    const doc = {
      paths: {
        "/things/{id}": {
          post: {
            requestBody: { content: { "application/merge-patch+json": { schema: { type: "object" } } } },
            responses: { "200": { content: { "text/csv": { schema: { type: "string" } }, "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } } },
          },
        },
      },
    };
    const model = operationModel("things.update", "POST", "/things/{id}", {
      body: { required: true, contentType: "application/merge-patch+json" },
      success: { status: "200", contentType: "text/csv", kind: "text" },
    });
    const op = operationOf(doc, model);
    expect(op.body).toStrictEqual({
      required: true,
      contentType: "application/merge-patch+json",
      schema: "openapi.json#/paths/~1things~1{id}/post/requestBody/content/application~1merge-patch+json/schema",
    });
    expect(op.response.schema).toBe("openapi.json#/paths/~1things~1{id}/post/responses/200/content/text~1csv/schema");
    const json = operationOf(doc, { ...model, success: { status: "200", contentType: "application/json", kind: "data" } });
    expect(json.response.schema).toBe("openapi.json#/components/schemas/Thing");
  });

  it("follows a referenced request body or response to point into the component", () => {
    const doc = {
      paths: {
        "/things": {
          post: {
            requestBody: { $ref: "#/components/requestBodies/New~1Thing" },
            responses: { "201": { $ref: "#/components/responses/Made" } },
          },
        },
      },
      components: {
        requestBodies: { "New/Thing": { content: { "application/json": { schema: { type: "object", properties: {} } } } } },
        responses: { Made: { content: { "application/json": { schema: { type: "object" } } } } },
      },
    };
    const model = operationModel("things.create", "POST", "/things", {
      body: { required: false, contentType: "application/json" },
      success: { status: "201", contentType: "application/json", kind: "data" },
    });
    const op = operationOf(doc, model);
    expect(op.body).toStrictEqual({
      required: false,
      contentType: "application/json",
      schema: "openapi.json#/components/requestBodies/New~1Thing/content/application~1json/schema",
    });
    expect(op.response.schema).toBe("openapi.json#/components/responses/Made/content/application~1json/schema");
  });

  it("points a body without a schema for its content type at the request body, and such a response at nothing", () => {
    for (const requestBody of [
      { content: { "text/plain": { schema: { type: "string" } } } },
      { content: { "application/json": {} } },
      { content: { "application/json": { schema: true } } },
      { content: "none" },
      "none",
    ]) {
      const doc = { paths: { "/things": { post: { requestBody, responses: { "200": { content: { "application/json": { example: {} } } } } } } } };
      const model = operationModel("things.create", "POST", "/things", { body: { required: true, contentType: "application/json" } });
      const op = operationOf(doc, model);
      expect(op.body).toStrictEqual({ required: true, contentType: "application/json", schema: "openapi.json#/paths/~1things/post/requestBody" });
      expect(op.response.schema).toBeNull();
    }
    const missing = operationOf({ paths: {} }, operationModel("things.create", "POST", "/things", { body: { required: true, contentType: "application/json" } }));
    expect(missing.body!.schema).toBe("openapi.json#/paths/~1things/post/requestBody");
    expect(missing.response.schema).toBeNull();
  });

  it("reads a path with ~ and / in its pointer", () => {
    const doc = { paths: { "/things/~me": { get: { responses: { "200": { content: { "application/json": { schema: { type: "object" } } } } } } } } };
    const op = operationOf(doc, operationModel("things.me", "GET", "/things/~me"));
    expect(op.response.schema).toBe("openapi.json#/paths/~1things~1~0me/get/responses/200/content/application~1json/schema");
  });
});

describe("emitManifest: parameter types", () => {
  it("takes the declared type, ignoring null and types the manifest does not name", () => {
    expect(queryEntry({ type: "integer" }).type).toBe("integer");
    expect(queryEntry({ type: "string", enum: [1, 2] }).type).toBe("string");
    expect(queryEntry({ type: "integer", anyOf: [{ type: "string" }] }).type).toBe("integer");
    expect(queryEntry({ type: ["null", "number"] }).type).toBe("number");
    expect(queryEntry({ type: ["null", "boolean", "string"] }).type).toBe("boolean");
    expect(queryEntry({ type: "object" }).type).toBe("object");
    expect(queryEntry({ type: "null" }).type).toBe("string");
    expect(queryEntry({ type: "date", enum: [true] }).type).toBe("boolean");
    expect(queryEntry("integer").type).toBe("string");
    expect(queryEntry({}).type).toBe("string");
  });

  it("takes the type of enum values when none is declared", () => {
    expect(queryEntry({ enum: [1, 2, 3] })).toMatchObject({ type: "integer", enum: [1, 2, 3] });
    expect(queryEntry({ enum: [1, 2.5] })).toMatchObject({ type: "number", enum: [1, 2.5] });
    expect(queryEntry({ enum: [2.5, 1] }).type).toBe("number");
    expect(queryEntry({ enum: [true, false] })).toMatchObject({ type: "boolean", enum: [true, false] });
    expect(queryEntry({ enum: ["a", 1] })).toMatchObject({ type: "string", enum: ["a", 1] });
    expect(queryEntry({ enum: [null, "a"] }).type).toBe("string");
    // An empty enum says nothing of the type: the members do.
    expect(queryEntry({ enum: [], anyOf: [{ type: "integer" }] })).toMatchObject({ type: "integer", enum: [] });
    expect(queryEntry({ enum: "a", anyOf: [{ type: "integer" }] })).toMatchObject({ type: "integer", enum: null });
  });

  it("takes the one type all anyOf and oneOf members share, else string", () => {
    expect(queryEntry({ anyOf: [{ type: "integer" }, { enum: [1, 2] }] }).type).toBe("integer");
    expect(queryEntry({ oneOf: [{ type: "boolean" }, { type: ["boolean", "null"] }] }).type).toBe("boolean");
    expect(queryEntry({ anyOf: [{ type: "number" }], oneOf: [{ type: "number" }] }).type).toBe("number");
    expect(queryEntry({ anyOf: [{ type: "number" }], oneOf: [{ type: "integer" }] }).type).toBe("string");
    expect(queryEntry({ anyOf: [{ type: "integer" }, { type: "number" }] }).type).toBe("string");
    expect(queryEntry({ anyOf: [{ $ref: "#/components/schemas/Count" }, { type: "integer" }] }, { Count: { type: "integer" } }).type).toBe("integer");
    expect(queryEntry({ anyOf: "integer", oneOf: { type: "integer" } }).type).toBe("string");
    expect(queryEntry({ anyOf: [] }).type).toBe("string");
  });

  it("keeps only the scalar values of a closed enum", () => {
    expect(queryEntry({ type: "string", enum: ["a", null, { b: 1 }, ["c"], 2, false] }).enum).toEqual(["a", 2, false]);
    expect(queryEntry({ $ref: "#/components/schemas/Kind" }, { Kind: { enum: ["x", "y"] } }).enum).toEqual(["x", "y"]);
    expect(queryEntry({ anyOf: [{ enum: ["x"] }, { type: "string" }] }).enum).toBeNull();
  });

  it("describes an array's items: their type and closed enum", () => {
    expect(queryEntry({ type: "array", items: { type: "string", enum: ["a", "b"] } })).toMatchObject({ type: "array", items: { type: "string", enum: ["a", "b"] }, enum: null });
    expect(queryEntry({ type: "array", items: { $ref: "#/components/schemas/Size" } }, { Size: { type: "integer" } }).items).toStrictEqual({ type: "integer", enum: null });
    expect(queryEntry({ $ref: "#/components/schemas/Sizes" }, { Sizes: { type: "array", items: { enum: [1, 2] } } }).items).toStrictEqual({ type: "integer", enum: [1, 2] });
    expect(queryEntry({ type: "array" }).items).toStrictEqual({ type: "string", enum: null });
    expect(queryEntry({ type: "string", items: { type: "integer" } }).items).toBeNull();
  });
});
