// The generator's operation model (scripts/lib/operation-model.ts) on small documents: references,
// parameters, the success response and its kind, the x- extensions, and every refusal.
import { describe, expect, it } from "vitest";
import { SpecError } from "../../scripts/lib/load-spec.js";
import { buildOperationModels, deref, pointerToken } from "../../scripts/lib/operation-model.js";
import type { RateLimitGroupModel } from "../../scripts/lib/rate-limit-groups.js";

type Json = Record<string, unknown>;

const ok = (schema?: unknown) => ({ description: "ok", ...(schema === undefined ? {} : { content: { "application/json": { schema } } }) });
const data = { type: "object", properties: { data: { type: "string" } } };
const mutations: RateLimitGroupModel = { name: "mutations", description: "writes", windows: [{ limit: 1, intervalMs: 1000 }] };

/** A document with these paths (and components). */
function docWith(paths: Json, components: Json = {}): Json {
  return { openapi: "3.1.0", info: { title: "t", version: "1" }, paths, components };
}

/** The models of a document with one operation, `GET /things` unless given. */
function single(
  operation: Json,
  { method = "get", path = "/things", components = {}, groups = [mutations] }: { method?: string; path?: string; components?: Json; groups?: RateLimitGroupModel[] } = {},
) {
  return buildOperationModels(docWith({ [path]: { [method]: { operationId: "things.list", responses: { "200": ok(data) }, ...operation } } }, components), groups);
}

function only(operation: Json, options?: Parameters<typeof single>[1]) {
  const models = single(operation, options);
  expect(models).toHaveLength(1);
  return models[0]!;
}

/** The SpecError message building the models throws. */
function refusal(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as Error).message;
  }
  throw new Error("expected a SpecError");
}

describe("deref", () => {
  it("returns a value that is not a reference as it is, and follows chains of references", () => {
    const doc = { components: { schemas: { A: { $ref: "#/components/schemas/B" }, B: { type: "string" } } } };
    const plain = { type: "integer" };
    expect(deref(doc, plain)).toBe(plain);
    expect(deref(doc, "text")).toBe("text");
    expect(deref(doc, { $ref: 3 })).toEqual({ $ref: 3 });
    expect(deref(doc, { $ref: "#/components/schemas/A" })).toBe(doc.components.schemas.B);
  });

  it("unescapes ~1 and ~0 in every token, in that order", () => {
    const target = { type: "boolean" };
    const doc = { paths: { "/a/b/c": { get: target }, "~1x~y": { put: target } } };
    expect(deref(doc, { $ref: "#/paths/~1a~1b~1c/get" })).toBe(target);
    expect(deref(doc, { $ref: "#/paths/~01x~0y/put" })).toBe(target);
  });

  it("refuses remote, unresolved and cyclic references", () => {
    const doc: Json = { components: { schemas: { Loop: { $ref: "#/components/schemas/Loop" }, Text: "a string" } } };
    expect(refusal(() => deref(doc, { $ref: "other.yaml#/Thing" }))).toBe("only local references are allowed, found other.yaml#/Thing");
    expect(refusal(() => deref(doc, { $ref: "#/components/schemas/Missing" }))).toBe("unresolved reference #/components/schemas/Missing");
    expect(refusal(() => deref(doc, { $ref: "#/components/schemas/Text/length" }))).toBe("unresolved reference #/components/schemas/Text/length");
    expect(refusal(() => deref(doc, { $ref: "#/components/schemas/Loop" }))).toBe("reference cycle at #/components/schemas/Loop");
  });

  it("follows 33 references in a row, and calls a 34th a cycle", () => {
    const chain = (length: number): Json => {
      const schemas: Json = { S0: { type: "string" } };
      for (let i = 1; i <= length; i++) schemas[`S${i}`] = { $ref: `#/components/schemas/S${i - 1}` };
      return { components: { schemas } };
    };
    expect(deref(chain(33), { $ref: "#/components/schemas/S32" })).toEqual({ type: "string" });
    expect(refusal(() => deref(chain(34), { $ref: "#/components/schemas/S33" }))).toBe("reference cycle at #/components/schemas/S0");
  });
});

describe("pointerToken", () => {
  it("escapes every ~ and / (RFC 6901)", () => {
    expect(pointerToken("/things/{id}/~a~b")).toBe("~1things~1{id}~1~0a~0b");
    expect(pointerToken("plain")).toBe("plain");
  });
});

describe("buildOperationModels: the model of an operation", () => {
  it("fills every field of a plain GET", () => {
    const doc = docWith({ "/things": { get: { operationId: "things.list", responses: { "200": ok(data) } } } });
    expect(buildOperationModels(doc, [])).toEqual([
      {
        operationId: "things.list",
        segments: ["things", "list"],
        method: "GET",
        path: "/things",
        deprecated: false,
        tags: [],
        pathParams: [],
        queryParams: [],
        headerParams: [],
        body: null,
        success: { status: "200", contentType: "application/json", kind: "data" },
        errorStatuses: [],
        pagination: null,
        idempotent: true,
        rateLimitGroup: "none",
        chunk: null,
        carriesSecrets: false,
        bareData: false,
      },
    ]);
  });

  it("keeps summary, description, deprecated and tags when the spec gives them properly", () => {
    const model = only({ summary: "List things", description: "All of them.", deprecated: true, tags: ["Things", 7] });
    expect(model).toMatchObject({ summary: "List things", description: "All of them.", deprecated: true, tags: ["Things", "7"] });
    const loose = only({ summary: 1, description: null, deprecated: "yes", tags: "Things" });
    expect(loose).toMatchObject({ deprecated: false, tags: [] });
    expect("summary" in loose).toBe(false);
    expect("description" in loose).toBe(false);
  });

  it("reads every HTTP method of a path item, sorted by operationId, and skips what is not an operation", () => {
    const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    const item: Json = { summary: "things", parameters: [], description: "not an operation" };
    methods.forEach((method, i) => {
      item[method] = { operationId: `things.m${7 - i}${method}`, responses: { "200": ok() } };
    });
    const models = buildOperationModels(docWith({ "/things": item, "/skipped": "not a path item", "/also": null }), [mutations]);
    expect(models.map((m) => `${m.operationId} ${m.method}`)).toEqual([
      "things.m0trace TRACE",
      "things.m1patch PATCH",
      "things.m2head HEAD",
      "things.m3options OPTIONS",
      "things.m4delete DELETE",
      "things.m5post POST",
      "things.m6put PUT",
      "things.m7get GET",
    ]);
    expect(models.find((m) => m.method === "PATCH")?.segments).toEqual(["things", "m1patch"]);
  });

  it("sorts by operationId across paths", () => {
    const doc = docWith({
      "/b": { get: { operationId: "things.b", responses: { "200": ok() } } },
      "/a": { get: { operationId: "things.c", responses: { "200": ok() } } },
      "/c": { get: { operationId: "things.a", responses: { "200": ok() } } },
    });
    expect(buildOperationModels(doc, []).map((m) => m.path)).toEqual(["/c", "/b", "/a"]);
  });

  it("follows a path item given by reference, and has no operations without paths", () => {
    const doc: Json = {
      paths: { "/things": { $ref: "#/components/pathItems/Things" } },
      components: { pathItems: { Things: { get: { operationId: "things.list", responses: { "200": ok() } } } } },
    };
    expect(buildOperationModels(doc, []).map((m) => m.path)).toEqual(["/things"]);
    expect(buildOperationModels({}, [])).toEqual([]);
    expect(buildOperationModels({ paths: ["/things"] }, [])).toEqual([]);
  });

  it("sorts error statuses and keeps everything that does not start with 2", () => {
    const model = only({ responses: { default: ok(), "5XX": ok(), "429": ok(), "200": ok(data), "4XX": ok(), "404": ok(), "204": ok(), "400": ok() } });
    expect(model.errorStatuses).toEqual(["400", "404", "429", "4XX", "5XX", "default"]);
  });
});

describe("buildOperationModels: operationIds", () => {
  it("takes dotted camelCase paths of two segments or more", () => {
    for (const id of ["things.list", "things.rules.create", "a.b2C", "things2.x"]) expect(only({ operationId: id }).operationId).toBe(id);
  });

  it("refuses anything else, naming the method and path", () => {
    for (const id of ["things", "Things.list", "things.List", "things.list-all", "things..list", "things.list.", "2things.list", "things.li st", ["things.list"], 7, undefined]) {
      expect(refusal(() => single({ operationId: id }, { method: "post" }))).toBe("POST /things: operationId must be a dotted facade path such as gates.rules.create");
    }
  });

  it("refuses an operationId used twice, naming the first use", () => {
    const doc = docWith({
      "/things": { get: { operationId: "things.list", responses: { "200": ok() } } },
      "/widgets": { put: { operationId: "things.list", responses: { "200": ok() } } },
    });
    expect(refusal(() => buildOperationModels(doc, [mutations]))).toBe("PUT /widgets: operationId things.list is also used by GET /things");
  });
});

describe("buildOperationModels: parameters", () => {
  it("models each kind of parameter with its pointer, schema, description and example", () => {
    const doc = docWith(
      {
        "/things/{id}": {
          parameters: [
            { name: "id", in: "path", required: true, description: "The thing.", schema: { type: "string" }, example: "t-1" },
            { name: "x-trace", in: "header", schema: { type: "string" } },
          ],
          get: {
            operationId: "things.get",
            parameters: [{ $ref: "#/components/parameters/Tags" }, { name: "limit", in: "query", description: 5, schema: { type: "integer" }, example: null }],
            responses: { "200": ok(data) },
          },
        },
      },
      { parameters: { Tags: { name: "tags", in: "query", schema: { type: ["array", "null"], items: { type: "string" } } } } },
    );
    const [model] = buildOperationModels(doc, []);
    expect(model!.pathParams).toEqual([
      {
        name: "id",
        in: "path",
        required: true,
        description: "The thing.",
        example: "t-1",
        array: false,
        tsType: "string",
        secret: false,
        schema: { type: "string" },
        pointer: "#/paths/~1things~1{id}/parameters/0",
      },
    ]);
    expect("example" in model!.headerParams[0]!).toBe(false);
    expect(model!.headerParams).toEqual([
      { name: "x-trace", in: "header", required: false, array: false, tsType: "string", secret: false, schema: { type: "string" }, pointer: "#/paths/~1things~1{id}/parameters/1" },
    ]);
    expect(model!.queryParams).toEqual([
      {
        name: "tags",
        in: "query",
        required: false,
        array: true,
        tsType: "string",
        secret: false,
        schema: { type: ["array", "null"], items: { type: "string" } },
        pointer: "#/components/parameters/Tags",
      },
      {
        name: "limit",
        in: "query",
        required: false,
        example: null,
        array: false,
        tsType: "string",
        secret: false,
        schema: { type: "integer" },
        pointer: "#/paths/~1things~1{id}/get/parameters/1",
      },
    ]);
  });

  it("marks arrays by their schema, also through a reference", () => {
    const params = (schema: unknown) => only({ parameters: [{ name: "q", in: "query", schema }] }, { components: { schemas: { List: { type: "array" } } } }).queryParams[0]!.array;
    expect(params({ type: "array" })).toBe(true);
    expect(params({ type: ["null", "array"] })).toBe(true);
    expect(params({ $ref: "#/components/schemas/List" })).toBe(true);
    expect(params({ type: "string" })).toBe(false);
    expect(params({ type: ["string", "null"] })).toBe(false);
    expect(params(undefined)).toBe(false);
  });

  it("lets an operation's parameter replace the path item's of the same name and place, and keeps the same name elsewhere", () => {
    const doc = docWith({
      "/things/{id}": {
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string" } },
          { name: "id", in: "query", description: "shared", schema: { type: "string" } },
        ],
        get: { operationId: "things.get", parameters: [{ name: "id", in: "query", description: "own", schema: { type: "string" } }], responses: { "200": ok() } },
      },
    });
    const [model] = buildOperationModels(doc, []);
    expect(model!.pathParams.map((p) => p.pointer)).toEqual(["#/paths/~1things~1{id}/parameters/0"]);
    expect(model!.queryParams.map((p) => `${p.description} ${p.pointer}`)).toEqual(["own #/paths/~1things~1{id}/get/parameters/0"]);
  });

  it("puts path parameters in template order", () => {
    const doc = docWith({
      "/things/{thingId}/parts/{part}": {
        get: {
          operationId: "things.parts.get",
          parameters: [
            { name: "part", in: "path", required: true, schema: { type: "string" } },
            { name: "thingId", in: "path", required: true, schema: { type: "string" } },
          ],
          responses: { "200": ok() },
        },
      },
    });
    expect(buildOperationModels(doc, [])[0]!.pathParams.map((p) => p.name)).toEqual(["thingId", "part"]);
  });

  it("types a path parameter as its enum component, its literals, or string", () => {
    const components = {
      schemas: {
        Kind: { type: "string", enum: ["a", "b"] },
        Mixed: { enum: ["a", 1] },
        Free: { type: "string" },
        Empty: { type: "string", enum: [] },
      },
      other: { Kind: { type: "string", enum: ["x"] } },
    };
    const tsType = (schema: unknown) => only({ parameters: [{ name: "id", in: "path", required: true, schema }] }, { path: "/things/{id}", components }).pathParams[0]!.tsType;
    expect(tsType({ $ref: "#/components/schemas/Kind" })).toBe("Kind");
    expect(tsType({ $ref: "#/components/schemas/Empty" })).toBe("Empty");
    expect(tsType({ $ref: "#/components/schemas/Mixed" })).toBe("string");
    expect(tsType({ $ref: "#/components/schemas/Free" })).toBe("string");
    expect(tsType({ $ref: "#/components/other/Kind" })).toBe('"x"');
    expect(tsType({ enum: ["on", 'say "hi"'] })).toBe('"on" | "say \\"hi\\""');
    expect(tsType({ enum: [] })).toBe("string");
    expect(tsType({ enum: ["a", 2] })).toBe("string");
    expect(tsType({ enum: "a" })).toBe("string");
    expect(tsType(undefined)).toBe("string");
  });

  it("refuses malformed parameters and unsupported places", () => {
    expect(refusal(() => single({ parameters: ["q"] }))).toBe("GET /things: malformed parameter");
    expect(refusal(() => single({ parameters: [{ in: "query" }] }))).toBe("GET /things: malformed parameter");
    expect(refusal(() => single({ parameters: [{ name: "c", in: "cookie" }] }))).toBe('GET /things: parameter c is in "cookie", which the client does not support');
    expect(refusal(() => single({ parameters: [{ name: "c" }] }))).toBe('GET /things: parameter c is in "undefined", which the client does not support');
  });

  it("refuses path parameters that are undeclared, optional or not in the template", () => {
    expect(refusal(() => single({}, { path: "/things/{id}" }))).toBe("GET /things/{id}: path parameter {id} is not declared");
    expect(refusal(() => single({ parameters: [{ name: "id", in: "query", required: true }] }, { path: "/things/{id}" }))).toBe(
      "GET /things/{id}: path parameter {id} is not declared",
    );
    expect(refusal(() => single({ parameters: [{ name: "id", in: "path" }] }, { path: "/things/{id}" }))).toBe("GET /things/{id}: path parameter id must be required");
    expect(refusal(() => single({ parameters: [{ name: "id", in: "path", required: "yes" }] }, { path: "/things/{id}" }))).toBe(
      "GET /things/{id}: path parameter id must be required",
    );
    expect(refusal(() => single({ parameters: [{ name: "id", in: "path", required: true }] }))).toBe("GET /things: parameter id is not in the path template");
  });
});

describe("buildOperationModels: the success response", () => {
  it("takes the lowest 2xx status of three digits", () => {
    expect(only({ responses: { "204": ok(), "201": ok(data), "400": ok() } }).success.status).toBe("201");
    expect(only({ responses: { "2000": ok(), "202": ok() } }).success.status).toBe("202");
    expect(only({ responses: { "1200": ok(), "203": ok() } }).success.status).toBe("203");
    expect(only({ responses: { "2xx": ok(), "2a0": ok(), "299": ok() } }).success.status).toBe("299");
  });

  it("refuses an operation without one", () => {
    expect(refusal(() => single({ responses: { "400": ok(), default: ok() } }, { method: "delete" }))).toBe("DELETE /things: no 2xx response");
    expect(refusal(() => single({ responses: undefined }))).toBe("GET /things: no 2xx response");
  });

  it("has kind none and no content type without content, also through a reference", () => {
    expect(only({ responses: { "204": ok() } }).success).toEqual({ status: "204", contentType: null, kind: "none" });
    expect(only({ responses: { "200": { description: "ok", content: "none" } } }).success).toEqual({ status: "200", contentType: null, kind: "none" });
    const components = { responses: { Listed: { description: "ok", content: { "application/json": { schema: { properties: { pagination: {} } } } } } } };
    expect(only({ responses: { "200": { $ref: "#/components/responses/Listed" } } }, { components }).success).toEqual({
      status: "200",
      contentType: "application/json",
      kind: "list",
    });
  });

  it("prefers JSON, else takes the first content type; text is text", () => {
    const content = (types: string[]) => ({ "200": { description: "ok", content: Object.fromEntries(types.map((type) => [type, { schema: data }])) } });
    expect(only({ responses: content(["text/plain", "application/json"]) }).success).toEqual({ status: "200", contentType: "application/json", kind: "data" });
    expect(only({ responses: content(["text/csv", "text/plain"]) }).success).toEqual({ status: "200", contentType: "text/csv", kind: "text" });
    expect(only({ responses: content(["application/problem+json"]) }).success).toEqual({ status: "200", contentType: "application/problem+json", kind: "data" });
  });

  it("reads the kind from the declared properties, through references and allOf", () => {
    const kind = (schema: unknown) =>
      only({ responses: { "200": ok(schema) } }, { components: { schemas: { Envelope: { properties: { message: {}, data: {} } }, Page: { properties: { pagination: {} } } } } })
        .success.kind;
    expect(kind({ allOf: [{ $ref: "#/components/schemas/Envelope" }, { $ref: "#/components/schemas/Page" }] })).toBe("list");
    expect(kind({ allOf: [{ $ref: "#/components/schemas/Envelope" }] })).toBe("data");
    expect(kind({ properties: { message: {} } })).toBe("message");
    expect(kind({ properties: { other: {} } })).toBe("body");
    expect(kind({ properties: "data" })).toBe("body");
    expect(kind({ allOf: { properties: { data: {} } } })).toBe("body");
    expect(only({ responses: { "200": { description: "ok", content: { "application/json": "none" } } } }).success.kind).toBe("body");
    expect(kind("data")).toBe("body");
  });

  it("takes x-response-kind over what the schema says, and refuses an unknown one", () => {
    expect(only({ "x-response-kind": "body" }).success.kind).toBe("body");
    expect(only({ "x-response-kind": "text", responses: { "200": { description: "ok", content: { "application/json": {} } } } }).success.kind).toBe("text");
    expect(refusal(() => single({ "x-response-kind": "stream" }))).toBe("GET /things: x-response-kind must be one of data, list, message, text, body, none");
    // Without content there is nothing to override.
    expect(only({ "x-response-kind": "stream", responses: { "204": ok() } }).success.kind).toBe("none");
  });
});

describe("buildOperationModels: request bodies", () => {
  it("models the body, JSON first, following references", () => {
    const body = (requestBody: unknown) =>
      only({ requestBody }, { method: "post", components: { requestBodies: { Things: { required: true, content: { "text/csv": {} } } } } }).body;
    expect(body({ content: { "text/plain": {}, "application/json": {} }, required: true })).toEqual({ required: true, contentType: "application/json" });
    expect(body({ content: { "text/plain": {}, "text/csv": {} }, required: "yes" })).toEqual({ required: false, contentType: "text/plain" });
    expect(body({ $ref: "#/components/requestBodies/Things" })).toEqual({ required: true, contentType: "text/csv" });
  });

  it("refuses a body without content", () => {
    expect(refusal(() => single({ requestBody: { required: true } }, { method: "post" }))).toBe("POST /things: requestBody without content");
    expect(refusal(() => single({ requestBody: { content: {} } }, { method: "post" }))).toBe("POST /things: requestBody without content");
    expect(refusal(() => single({ requestBody: "json" }, { method: "post" }))).toBe("POST /things: requestBody without content");
  });
});

describe("buildOperationModels: extensions", () => {
  it("x-pagination: page on a list, refused elsewhere or with another value", () => {
    const list = { "200": ok({ properties: { data: {}, pagination: {} } }) };
    expect(only({ "x-pagination": "page", responses: list }).pagination).toBe("page");
    expect(only({ responses: list }).pagination).toBeNull();
    expect(refusal(() => single({ "x-pagination": "cursor", responses: list }))).toBe('GET /things: x-pagination must be "page"');
    expect(refusal(() => single({ "x-pagination": "page" }))).toBe("GET /things: x-pagination: page needs a ListEnvelope response (with pagination)");
  });

  it("x-idempotent overrides the method's default, and must be a boolean", () => {
    expect(only({}, { method: "post" }).idempotent).toBe(false);
    expect(only({ "x-idempotent": true }, { method: "post" }).idempotent).toBe(true);
    expect(only({ "x-idempotent": false }, { method: "put" }).idempotent).toBe(false);
    expect(only({}, { method: "delete" }).idempotent).toBe(true);
    expect(refusal(() => single({ "x-idempotent": "yes" }, { method: "patch" }))).toBe("PATCH /things: x-idempotent must be a boolean");
  });

  it("x-rate-limit-group names a declared group; the method's default otherwise", () => {
    const bulk: RateLimitGroupModel = { name: "bulk", description: "big writes", windows: [{ limit: 1, intervalMs: 1000 }] };
    expect(only({}, { method: "post" }).rateLimitGroup).toBe("mutations");
    expect(only({}, { method: "head", groups: [] }).rateLimitGroup).toBe("none");
    expect(only({ "x-rate-limit-group": "bulk" }, { method: "post", groups: [mutations, bulk] }).rateLimitGroup).toBe("bulk");
    expect(only({ "x-rate-limit-group": "none" }, { method: "post", groups: [] }).rateLimitGroup).toBe("none");
    expect(refusal(() => single({ "x-rate-limit-group": "bulk" }, { method: "post" }))).toBe(
      "POST /things: x-rate-limit-group bulk is not declared in x-rate-limit-groups (declared: none, mutations)",
    );
    expect(refusal(() => single({ "x-rate-limit-group": 3 }, { method: "post" }))).toBe(
      "POST /things: x-rate-limit-group 3 is not declared in x-rate-limit-groups (declared: none, mutations)",
    );
    expect(refusal(() => single({}, { method: "put", groups: [bulk] }))).toBe(
      "PUT /things: its method's default rate-limit group, mutations, is not declared in x-rate-limit-groups (declared: none, bulk)",
    );
  });

  it("x-chunk needs a field, a number of items and a body", () => {
    const body = { content: { "application/json": {} } };
    expect(only({ requestBody: body, "x-chunk": { field: "ids", maxItems: 100 } }, { method: "post" }).chunk).toEqual({ field: "ids", maxItems: 100 });
    const message = "POST /things: x-chunk needs { field, maxItems } and a request body";
    for (const chunk of [["ids", 100], { maxItems: 100 }, { field: "ids" }, { field: "ids", maxItems: "100" }, "ids"]) {
      expect(refusal(() => single({ requestBody: body, "x-chunk": chunk }, { method: "post" }))).toBe(message);
    }
    expect(refusal(() => single({ "x-chunk": { field: "ids", maxItems: 100 } }, { method: "post" }))).toBe(message);
  });

  it("x-bare-data: true, only on an operation that returns data", () => {
    expect(only({ "x-bare-data": true }).bareData).toBe(true);
    const message = "GET /things: x-bare-data must be true, on an operation that returns the envelope's data";
    expect(refusal(() => single({ "x-bare-data": false }))).toBe(message);
    expect(refusal(() => single({ "x-bare-data": true, responses: { "200": ok({ properties: { message: {} } }) } }))).toBe(message);
  });
});

describe("buildOperationModels: secrets", () => {
  it("carries secrets when a parameter is secret", () => {
    const model = only({
      parameters: [
        { name: "key", in: "header", "x-secret": true },
        { name: "q", in: "query", "x-secret": "yes" },
      ],
    });
    expect(model.headerParams[0]!.secret).toBe(true);
    expect(model.queryParams[0]!.secret).toBe(false);
    expect(model.carriesSecrets).toBe(true);
    expect(only({ parameters: [{ name: "q", in: "query", "x-secret": "yes" }] }).carriesSecrets).toBe(false);
  });

  it("carries secrets when the body or a response reaches an x-secret field, through references, arrays and cycles", () => {
    const components = {
      schemas: {
        Key: { type: "string", "x-secret": true },
        Node: { type: "object", properties: { next: { $ref: "#/components/schemas/Node" } } },
        Either: { oneOf: [{ type: "string" }, { $ref: "#/components/schemas/Key" }] },
      },
    };
    const secrets = (operation: Json) => only(operation, { method: "post", components }).carriesSecrets;
    const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
    expect(secrets({ requestBody: json({ properties: { key: { $ref: "#/components/schemas/Key" } } }) })).toBe(true);
    expect(secrets({ responses: { "200": ok({ $ref: "#/components/schemas/Either" }) } })).toBe(true);
    expect(secrets({ responses: { "200": ok(data), "400": ok({ properties: { key: { type: "string", "x-secret": true } } }) } })).toBe(true);
    expect(
      secrets({ requestBody: json({ $ref: "#/components/schemas/Node" }), responses: { "200": ok({ properties: { k: { "x-secret": "no", default: null, example: 3 } } }) } }),
    ).toBe(false);
    // The same schema twice: the second visit is skipped, not misread.
    expect(secrets({ requestBody: json({ allOf: [{ $ref: "#/components/schemas/Node" }, { $ref: "#/components/schemas/Node" }] }) })).toBe(false);
  });
});
