// The simulator's table (scripts/lib/emit-simulator.ts) built from small documents: a `widgets`
// collection with its lifecycle, state changes and sub-collections beside it, and what each
// operation and collection entry carries (templates, examples, filters, schema keys).
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/core/json.js";
import { buildSimulatorTable, emitSimulatorTable } from "../../scripts/lib/emit-simulator.js";
import { SpecError } from "../../scripts/lib/load-spec.js";
import type { OperationModel } from "../../scripts/lib/operation-model.js";
import { operationModel, pathParam } from "../helpers/operation-model.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
/** A success envelope around `data`. */
const envelope = (data: unknown) => ({ type: "object", properties: { message: { type: "string" }, data } });
/** A JSON body or answer: its schema and, when given, its example. */
const json = (schema: unknown, example?: unknown) => ({ content: { "application/json": example === undefined ? { schema } : { schema, example } } });
const ok = (schema: unknown, example?: unknown) => ({ responses: { "200": json(schema, example) } });

/** A model whose path parameters are read from its path. */
function model(operationId: string, method: string, path: string, more: Partial<OperationModel> = {}): OperationModel {
  const params = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => pathParam(match[1]!));
  return operationModel(operationId, method, path, { pathParams: params, ...more });
}
const listing = { success: { status: "200", contentType: "application/json", kind: "list" as const } };
const messageOnly = { success: { status: "200", contentType: "application/json", kind: "message" as const } };
const bodyOf = (required: boolean) => ({ body: { required, contentType: "application/json" } });
const query = (name: string, more: Partial<OperationModel["queryParams"][number]> = {}): OperationModel["queryParams"][number] => ({
  ...pathParam(name),
  in: "query",
  required: false,
  ...more,
});

/** A document with operations by `METHOD path` and schema components by name. */
function docOf(operations: Record<string, JsonObject>, schemas: JsonObject = {}): JsonObject {
  const paths: JsonObject = {};
  for (const [key, operation] of Object.entries(operations)) {
    const [method, path] = key.split(" ") as [string, string];
    paths[path] = { ...(paths[path] as JsonObject | undefined), [method.toLowerCase()]: operation };
  }
  return { openapi: "3.1.0", paths, components: { schemas } };
}

function widgetSchema(): JsonObject {
  return {
    type: "object",
    required: ["id", "name"],
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      size: { type: "integer" },
      tags: { type: "array", items: { type: "string" } },
      rules: { type: "array", items: { type: "object" } },
    },
  };
}

const widget = (more: JsonObject = {}): JsonObject => ({ id: "w1", name: "First", size: 3, tags: ["blue"], rules: [{ id: "r1" }], ...more });

/** Get and list of widgets (enough for a collection), plus `operations`; the models of all of them. */
function widgetsApi(operations: Record<string, JsonObject> = {}, models: OperationModel[] = [], schemas: JsonObject = {}) {
  const doc = docOf(
    {
      "GET /widgets": ok(envelope({ type: "array", items: ref("Widget") }), { message: "Widgets listed", data: [widget()] }),
      "GET /widgets/{id}": ok(envelope(ref("Widget")), { message: "Widget read", data: widget() }),
      ...operations,
    },
    { Widget: widgetSchema(), ...schemas },
  );
  return { doc, models: [model("widgets.list", "GET", "/widgets", listing), model("widgets.get", "GET", "/widgets/{id}"), ...models] };
}

function specError(run: () => unknown): Error {
  try {
    run();
  } catch (caught) {
    expect(caught).toBeInstanceOf(SpecError);
    return caught as Error;
  }
  throw new Error("expected a SpecError");
}

describe("buildSimulatorTable: collections", () => {
  it("keys a collection by its item path's parameter and keeps an example entity with its arrays emptied", () => {
    const { doc, models } = widgetsApi();
    const table = buildSimulatorTable(doc, models);
    expect(table.collections).toStrictEqual({ widgets: { key: "id", template: 0, keyFromName: false, fields: { rules: "rules" } } });
    expect(table.examples[0]).toStrictEqual({ id: "w1", name: "First", size: 3, tags: [], rules: [] });
    // The example documents are not changed.
    expect(((((doc.paths as JsonObject)["/widgets/{id}"] as JsonObject).get as JsonObject).responses as JsonObject)["200"]).toMatchObject({
      content: { "application/json": { example: { data: { tags: ["blue"] } } } },
    });
  });

  it("keeps an array the entity schema needs non-empty, and empties the others", () => {
    const schema = widgetSchema();
    (schema.properties as JsonObject).tags = { type: "array", items: { type: "string" }, minItems: 1 };
    const { doc, models } = widgetsApi({}, [], { Widget: schema });
    const table = buildSimulatorTable(doc, models);
    expect(table.examples[0]).toStrictEqual({ id: "w1", name: "First", size: 3, tags: ["blue"], rules: [] });
  });

  it("merges the fields a list example and a read example show into one template (the read's values win)", () => {
    const { doc, models } = widgetsApi({
      "GET /widgets": ok(envelope({ type: "array", items: ref("Widget") }), { data: [{ id: "w0", name: "Listed", size: 1 }] }),
      "GET /widgets/{id}": ok(envelope(ref("Widget")), { data: { id: "w1", name: "Read" } }),
    });
    const table = buildSimulatorTable(doc, models);
    expect(table.examples[table.collections.widgets!.template]).toStrictEqual({ id: "w1", name: "Read", size: 1 });
  });

  it("takes the template from a list alone, or a read alone, and the entity schema from the list's items", () => {
    const listOnly = docOf({ "GET /widgets": ok(envelope({ type: "array", items: ref("Widget") }), { data: [widget({ size: 5 })] }) }, { Widget: widgetSchema() });
    const fromList = buildSimulatorTable(listOnly, [model("widgets.list", "GET", "/widgets", listing)]);
    expect(fromList.examples[fromList.collections.widgets!.template]).toStrictEqual(widget({ size: 5, tags: [], rules: [] }));
    // The entity schema came from the list: a rules array is a field the collection keeps rules in.
    expect(fromList.collections.widgets!.fields).toStrictEqual({ rules: "rules" });

    const readOnly = docOf({ "GET /widgets/{id}": ok(envelope(ref("Widget")), { data: widget({ size: 6 }) }) }, { Widget: widgetSchema() });
    const fromRead = buildSimulatorTable(readOnly, [model("widgets.get", "GET", "/widgets/{id}")]);
    expect(fromRead.examples[fromRead.collections.widgets!.template]).toStrictEqual(widget({ size: 6, tags: [], rules: [] }));
  });

  it("ignores a list example whose data is not a list of objects", () => {
    for (const data of [[], ["w1"], "w1"]) {
      const { doc, models } = widgetsApi({
        "GET /widgets": ok(envelope({ type: "array", items: ref("Widget") }), { data }),
        "GET /widgets/{id}": ok(envelope(ref("Widget")), { data: { id: "w1", name: "Read" } }),
      });
      const table = buildSimulatorTable(doc, models);
      expect(table.examples[table.collections.widgets!.template]).toStrictEqual({ id: "w1", name: "Read" });
    }
  });

  it("takes the entity from a create's answer when there is no read, and its example from there", () => {
    const doc = docOf(
      {
        "GET /widgets": ok(envelope({ type: "array" }), { data: "none" }),
        "POST /widgets": { responses: { "201": json(envelope(ref("Widget")), { message: "Made", data: widget({ size: 7 }) }) } },
      },
      { Widget: widgetSchema() },
    );
    const created = { success: { status: "201", contentType: "application/json", kind: "data" as const } };
    const table = buildSimulatorTable(doc, [model("widgets.list", "GET", "/widgets", listing), model("widgets.create", "POST", "/widgets", created)]);
    expect(table.examples[table.collections.widgets!.template]).toStrictEqual(widget({ size: 7, tags: [], rules: [] }));
    expect(table.collections.widgets!.fields).toStrictEqual({ rules: "rules" });
  });

  it("keeps the template as it is when the entity schema is inline (nothing to validate against)", () => {
    const doc = docOf({ "GET /widgets/{id}": ok(envelope(widgetSchema()), { data: widget() }) });
    const table = buildSimulatorTable(doc, [model("widgets.get", "GET", "/widgets/{id}")]);
    expect(table.examples[table.collections.widgets!.template]).toStrictEqual(widget());
    expect(table.collections.widgets!.fields).toStrictEqual({ rules: "rules" });
  });

  it("refuses a collection without an example entity, or with one the entity schema refuses", () => {
    const bare = docOf({ "GET /widgets/{id}": ok(envelope(ref("Widget"))) }, { Widget: widgetSchema() });
    expect(specError(() => buildSimulatorTable(bare, [model("widgets.get", "GET", "/widgets/{id}")])).message).toBe(
      "simulator: collection widgets has no example entity (an example of its get, create or list)",
    );
    const notData = docOf({ "GET /widgets/{id}": ok(envelope(ref("Widget")), { data: "w1" }) }, { Widget: widgetSchema() });
    expect(specError(() => buildSimulatorTable(notData, [model("widgets.get", "GET", "/widgets/{id}")])).message).toMatch(/collection widgets has no example entity/);
    const invalid = docOf({ "GET /widgets/{id}": ok(envelope(ref("Widget")), { data: { id: "w1" } }) }, { Widget: widgetSchema() });
    expect(specError(() => buildSimulatorTable(invalid, [model("widgets.get", "GET", "/widgets/{id}")])).message).toBe(
      "simulator: the example widgets entity does not validate against Widget",
    );
  });

  it("keys by the item path's parameter when the entity has that field, else by id", () => {
    const byName = (field: string) =>
      docOf(
        {
          "DELETE /widgets/{name}": { responses: { "204": { description: "gone" } } },
          "GET /widgets": ok(envelope({ type: "array", items: ref("Widget") }), { data: [widget()] }),
        },
        { Widget: widgetSchema(), [field]: {} },
      );
    const models = [model("widgets.list", "GET", "/widgets", listing), model("widgets.delete", "DELETE", "/widgets/{name}")];
    expect(buildSimulatorTable(byName("x"), models).collections.widgets).toMatchObject({ key: "name", keyFromName: true });
    const bySlug = docOf({ "GET /widgets/{slug}": ok(envelope(ref("Widget")), { data: widget() }) }, { Widget: widgetSchema() });
    expect(buildSimulatorTable(bySlug, [model("widgets.get", "GET", "/widgets/{slug}")]).collections.widgets).toMatchObject({ key: "id", keyFromName: false });
    // A list alone has no item path: keyed by id.
    const listOnly = docOf({ "GET /widgets": ok(envelope({ type: "array", items: ref("Widget") }), { data: [widget()] }) }, { Widget: widgetSchema() });
    expect(buildSimulatorTable(listOnly, [model("widgets.list", "GET", "/widgets", listing)]).collections.widgets!.key).toBe("id");
    // Even when the entity has a field with an empty name.
    const blank = docOf(
      { "GET /widgets": ok(envelope({ type: "array", items: ref("Widget") }), { data: [{ id: "w1", "": "x" }] }) },
      { Widget: { type: "object", properties: { id: { type: "string" }, "": { type: "string" } } } },
    );
    expect(buildSimulatorTable(blank, [model("widgets.list", "GET", "/widgets", listing)]).collections.widgets!.key).toBe("id");
  });

  it("takes a created entity's key from its name when the create's answer keys it by the name it was sent", () => {
    const table = (body: unknown, answer: unknown) => {
      const { doc, models } = widgetsApi({ "POST /widgets": { requestBody: json(ref("Widget"), body), responses: { "201": json(envelope(ref("Widget")), answer) } } }, [
        model("widgets.create", "POST", "/widgets", { ...bodyOf(true), success: { status: "201", contentType: "application/json", kind: "data" } }),
      ]);
      return buildSimulatorTable(doc, models).collections.widgets!.keyFromName;
    };
    expect(table({ name: "w9" }, { data: widget({ id: "w9" }) })).toBe(true);
    expect(table({ name: "Ninth" }, { data: widget({ id: "w9", name: "Ninth" }) })).toBe(false);
    expect(table({ size: 1 }, { data: widget({ id: undefined }) })).toBe(false);
    expect(table("w9", { data: widget({ id: "w9" }) })).toBe(false);
    expect(table({ name: "w9" }, "w9")).toBe(false);
    expect(table({ name: "w9" }, { data: "w9" })).toBe(false);
  });

  it("keeps no rules field when the entity's rules are not a list, or it has none", () => {
    const schema = widgetSchema();
    (schema.properties as JsonObject).rules = { type: "object" };
    const { doc, models } = widgetsApi({ "GET /widgets/{id}": ok(envelope(ref("Widget")), { data: widget({ rules: {} }) }) }, [], { Widget: schema });
    expect(buildSimulatorTable(doc, models).collections.widgets!.fields).toStrictEqual({});
  });

  it("gives a collection with an overrides read the empty overrides value, its arrays emptied", () => {
    const overrides = { passingUserIDs: ["u1"], failingUserIDs: [], environment: "prod" };
    const { doc, models } = widgetsApi({ "GET /widgets/{id}/overrides": ok(envelope({ type: "object" }), { data: overrides }) }, [
      model("widgets.overrides.get", "GET", "/widgets/{id}/overrides"),
    ]);
    const table = buildSimulatorTable(doc, models);
    const empty = table.collections.widgets!.empty!.overrides!;
    expect(table.examples[empty]).toStrictEqual({ passingUserIDs: [], failingUserIDs: [], environment: "prod" });
    expect(overrides.passingUserIDs).toEqual(["u1"]);
    // Without an example, the empty value is null.
    const bare = widgetsApi({ "GET /widgets/{id}/overrides": ok(envelope({ type: "object" })) }, [model("widgets.overrides.get", "GET", "/widgets/{id}/overrides")]);
    const bareTable = buildSimulatorTable(bare.doc, bare.models);
    expect(bareTable.examples[bareTable.collections.widgets!.empty!.overrides!]).toBeNull();
  });

  it("keeps each distinct example once", () => {
    const { doc, models } = widgetsApi(
      {
        "GET /widgets/{id}/overrides": ok(envelope({ type: "object" }), { data: { a: 1 } }),
        "GET /status": ok(envelope({ type: "object" }), { data: { a: 1 } }),
        "GET /health": ok(envelope({ type: "object" }), { data: { a: 1 } }),
        "GET /version": ok(envelope({ type: "object" }), { data: { a: 2 } }),
      },
      [
        model("widgets.overrides.get", "GET", "/widgets/{id}/overrides"),
        model("status.get", "GET", "/status"),
        model("health.get", "GET", "/health"),
        model("version.get", "GET", "/version"),
      ],
    );
    const table = buildSimulatorTable(doc, models);
    // The template, the empty overrides, one answer for status and health (the same), and version's.
    expect(table.examples).toStrictEqual([widget({ tags: [], rules: [] }), { a: 1 }, { data: { a: 1 } }, { data: { a: 2 } }]);
    expect(table.operations["status.get"]!.example).toBe(table.operations["health.get"]!.example);
    expect(table.operations["version.get"]!.example).not.toBe(table.operations["status.get"]!.example);
    expect(new Set(table.examples.map((value) => JSON.stringify(value))).size).toBe(table.examples.length);
  });
});

describe("buildSimulatorTable: operations", () => {
  it("gives the lifecycle operations their role, collection, status and message", () => {
    const { doc, models } = widgetsApi(
      {
        "POST /widgets": { requestBody: json(ref("Widget")), responses: { "201": json(envelope(ref("Widget")), { message: "Widget made", data: widget() }) } },
        "POST /widgets/{id}": { requestBody: json(ref("Widget")), ...ok(envelope(ref("Widget"))) },
        "PATCH /widgets/{id}": { requestBody: json(ref("Widget")), ...ok(envelope(ref("Widget")), { message: 3 }) },
        "DELETE /widgets/{id}": ok({ type: "object", properties: { message: { type: "string" } } }, { message: "Widget gone" }),
      },
      [
        model("widgets.create", "POST", "/widgets", { ...bodyOf(true), success: { status: "201", contentType: "application/json", kind: "data" } }),
        model("widgets.update", "POST", "/widgets/{id}", bodyOf(false)),
        model("widgets.patch", "PATCH", "/widgets/{id}", bodyOf(false)),
        model("widgets.delete", "DELETE", "/widgets/{id}", messageOnly),
      ],
    );
    const { operations } = buildSimulatorTable(doc, models);
    expect(operations).toStrictEqual({
      "widgets.list": { role: "list", message: "Widgets listed", collection: "widgets" },
      "widgets.get": { role: "get", message: "Widget read", collection: "widgets" },
      "widgets.create": { role: "create", message: "Widget made", status: 201, collection: "widgets", body: "!Widget" },
      "widgets.update": { role: "update", message: "OK", collection: "widgets", body: "Widget" },
      "widgets.patch": { role: "patch", message: "OK", collection: "widgets", body: "Widget" },
      "widgets.delete": { role: "delete", message: "Widget gone", collection: "widgets" },
    });
  });

  it("answers a stateless or scoped operation with its example, which carries the message", () => {
    const { doc, models } = widgetsApi(
      {
        "GET /status": ok(envelope({ type: "object" }), { message: "Fine", data: { up: true } }),
        "GET /widgets/{id}/checks": ok(envelope({ type: "object" }), { message: "Checked", data: { passed: 2 } }),
        "GET /nothing": { responses: { "200": { description: "no example" } } },
      },
      [
        model("status.get", "GET", "/status"),
        model("widgets.checks.get", "GET", "/widgets/{id}/checks"),
        model("nothing.get", "GET", "/nothing", { success: { status: "204", contentType: null, kind: "none" } }),
      ],
    );
    const table = buildSimulatorTable(doc, models);
    expect(table.operations["status.get"]).toStrictEqual({ role: "stateless", example: 1 });
    expect(table.examples[1]).toStrictEqual({ message: "Fine", data: { up: true } });
    expect(table.operations["widgets.checks.get"]).toStrictEqual({ role: "scoped", collection: "widgets", example: 2 });
    expect(table.examples[2]).toStrictEqual({ message: "Checked", data: { passed: 2 } });
    // An operation answering nothing has no example, and keeps its message.
    expect(table.operations["nothing.get"]).toStrictEqual({ role: "stateless", message: "OK", status: 204 });
  });

  it("answers a text operation with the example of its content type, or an empty text", () => {
    const text = (content: JsonObject) => {
      const doc = docOf({ "GET /report": { responses: { "200": { content } } } });
      const table = buildSimulatorTable(doc, [model("report.get", "GET", "/report", { success: { status: "200", contentType: "text/csv", kind: "text" } })]);
      return table.examples[table.operations["report.get"]!.example!];
    };
    expect(text({ "text/csv": { example: "a,b\n1,2" } })).toBe("a,b\n1,2");
    expect(text({ "text/csv": { examples: { first: { value: "x,y" }, second: { value: "z" } } } })).toBe("x,y");
    expect(text({ "text/plain": { example: "plain" } })).toBe("");
    expect(text({})).toBe("");
    const noResponse = docOf({ "GET /report": { responses: {} } });
    const table = buildSimulatorTable(noResponse, [model("report.get", "GET", "/report", { success: { status: "200", contentType: "text/csv", kind: "text" } })]);
    expect(table.examples[table.operations["report.get"]!.example!]).toBe("");
    expect(table.operations["report.get"]).toStrictEqual({ role: "stateless", example: 0 });
    // A text answer without a content type in the model.
    const untyped = docOf({ "GET /report": { responses: { "200": { content: { "": { example: "blank" } } } } } });
    const untypedTable = buildSimulatorTable(untyped, [model("report.get", "GET", "/report", { success: { status: "200", contentType: null, kind: "text" } })]);
    expect(untypedTable.examples[0]).toBe("blank");
  });

  it("reads examples from `example`, else the first of `examples` (referenced or not)", () => {
    const answer = (media: JsonObject, more: JsonObject = {}) => {
      const doc = { ...docOf({ "GET /status": { responses: { "200": { content: { "application/json": { schema: envelope({}), ...media } } } } } }), ...more };
      const table = buildSimulatorTable(doc, [model("status.get", "GET", "/status")]);
      return table.examples[table.operations["status.get"]!.example!];
    };
    expect(answer({ example: { message: "one" }, examples: { a: { value: { message: "two" } } } })).toStrictEqual({ message: "one" });
    expect(answer({ example: null })).toBeNull();
    expect(answer({ examples: { a: { value: { message: "two" } }, b: { value: { message: "three" } } } })).toStrictEqual({ message: "two" });
    expect(answer({ examples: { a: { $ref: "#/components/examples/Two" } } }, { components: { examples: { Two: { value: { message: "shared" } } } } })).toStrictEqual({
      message: "shared",
    });
    expect(answer({ examples: { a: "two" } })).toBeNull();
    expect(answer({ examples: "two" })).toBeNull();
    expect(answer({})).toBeNull();
  });

  it("follows references to path items, responses and request bodies", () => {
    const doc: JsonObject = {
      openapi: "3.1.0",
      paths: {
        "/widgets": { $ref: "#/components/pathItems/Widgets" },
        "/widgets/{id}": { get: { responses: { "200": { $ref: "#/components/responses/WidgetRead" } } } },
      },
      components: {
        schemas: { Widget: widgetSchema(), WidgetBody: { type: "object", properties: { name: { type: "string" } } } },
        pathItems: {
          Widgets: { post: { requestBody: { $ref: "#/components/requestBodies/NewWidget" }, responses: { "201": json(envelope(ref("Widget")), { message: "Made" }) } } },
        },
        responses: { WidgetRead: json(envelope(ref("Widget")), { message: "Read", data: widget() }) },
        requestBodies: { NewWidget: json(ref("WidgetBody"), { name: "w1" }) },
      },
    };
    const table = buildSimulatorTable(doc, [
      model("widgets.get", "GET", "/widgets/{id}"),
      model("widgets.create", "POST", "/widgets", { ...bodyOf(true), success: { status: "201", contentType: "application/json", kind: "data" } }),
    ]);
    expect(table.operations["widgets.get"]).toStrictEqual({ role: "get", message: "Read", collection: "widgets" });
    expect(table.operations["widgets.create"]).toStrictEqual({ role: "create", message: "Made", status: 201, collection: "widgets", body: "!WidgetBody" });
    expect(table.collections.widgets!.keyFromName).toBe(false);
    expect(table.schemas).toStrictEqual({ WidgetBody: { type: "object", properties: { name: "string" } } });
  });

  it("names the request body's schema only when the model has a body and the spec a JSON one", () => {
    const { doc, models } = widgetsApi(
      {
        "POST /a": { requestBody: json({ type: "object", properties: { n: { type: "integer" } } }), ...ok(envelope({})) },
        "POST /b": { requestBody: json(ref("Widget")), ...ok(envelope({})) },
        "POST /c": { requestBody: { content: { "text/plain": { schema: { type: "string" } } } }, ...ok(envelope({})) },
        "POST /d": { requestBody: { content: "none" }, ...ok(envelope({})) },
      },
      [
        model("a.run", "POST", "/a", bodyOf(true)),
        model("b.run", "POST", "/b"),
        model("c.run", "POST", "/c", { body: { required: true, contentType: "text/plain" } }),
        model("d.run", "POST", "/d", bodyOf(true)),
      ],
    );
    const { operations, schemas } = buildSimulatorTable(doc, models);
    expect(operations["a.run"]!.body).toBe("!~0");
    expect(schemas["~0"]).toStrictEqual({ type: "object", properties: { n: "integer" } });
    expect(operations["b.run"]).not.toHaveProperty("body");
    expect(operations["c.run"]).not.toHaveProperty("body");
    expect(operations["d.run"]).not.toHaveProperty("body");
  });

  it("refuses x-simulator-sets naming a field the entity does not have, and keeps the sets that name fields", () => {
    const launch = (sets: JsonObject) =>
      widgetsApi({ "PUT /widgets/{id}/launch": { "x-simulator-sets": sets, ...ok(envelope(ref("Widget"))) } }, [model("widgets.launch", "PUT", "/widgets/{id}/launch")]);
    const good = launch({ size: 10, name: "$body.name" });
    expect(buildSimulatorTable(good.doc, good.models).operations["widgets.launch"]).toStrictEqual({
      role: "state",
      message: "OK",
      collection: "widgets",
      sets: { size: 10, name: "$body.name" },
      returns: "entity",
    });
    const bad = launch({ size: 10, colour: "red", shine: true });
    expect(specError(() => buildSimulatorTable(bad.doc, bad.models)).message).toBe(
      "PUT /widgets/{id}/launch: x-simulator-sets names colour, shine, not fields of the widgets entity",
    );
  });

  it("answers a state change with the entity, a message, or the example", () => {
    const state = (answer: JsonObject, more: Partial<OperationModel> = {}) => {
      const { doc, models } = widgetsApi({ "PUT /widgets/{id}/launch": { ...answer } }, [model("widgets.launch", "PUT", "/widgets/{id}/launch", more)]);
      const table = buildSimulatorTable(doc, models);
      return table.operations["widgets.launch"]!;
    };
    expect(state(ok(envelope(ref("Widget")))).returns).toBe("entity");
    expect(state(ok({ type: "object", properties: { message: { type: "string" } } }, { message: "Launched" }), messageOnly)).toStrictEqual({
      role: "state",
      message: "Launched",
      collection: "widgets",
      sets: {},
      returns: "message",
    });
    expect(state(ok(envelope({ type: "object", properties: { id: { type: "string" } } }), { data: { id: "w1" } }))).toStrictEqual({
      role: "state",
      collection: "widgets",
      sets: {},
      returns: "example",
      example: 1,
    });
    // An entity given inline is no reference to compare with.
    const inline = widgetsApi({ "PUT /widgets/{id}/launch": ok(envelope(widgetSchema()), { data: widget() }) }, [model("widgets.launch", "PUT", "/widgets/{id}/launch")]);
    inline.doc.paths = { ...(inline.doc.paths as JsonObject), "/widgets/{id}": { get: ok(envelope(widgetSchema()), { data: widget() }) } };
    expect(buildSimulatorTable(inline.doc, inline.models).operations["widgets.launch"]!.returns).toBe("example");
  });

  it("answers sub-collection operations by what their success schema holds", () => {
    const rule = { type: "object", properties: { id: { type: "string" } } };
    const withRules = { type: "object", properties: { rules: { type: "array", items: rule } } };
    const sub = (id: string, method: string, path: string, data: unknown, more: Partial<OperationModel> = {}) => {
      const { doc, models } = widgetsApi({ [`${method} ${path}`]: ok(envelope(data), { data: "example" }) }, [model(id, method, path, more)]);
      const { operations } = buildSimulatorTable(doc, models);
      const { role, returns, sub: kind } = operations[id]!;
      return [role, kind?.kind, returns].join(" ");
    };
    expect(sub("widgets.rules.list", "GET", "/widgets/{id}/rules", { type: "array", items: withRules })).toBe("sub rules wrappedList");
    expect(sub("widgets.rules.list", "GET", "/widgets/{id}/rules", { type: "array", items: rule })).toBe("sub rules example");
    expect(sub("widgets.rules.add", "POST", "/widgets/{id}/rules", withRules)).toBe("sub rules wrapped");
    expect(sub("widgets.rules.add", "POST", "/widgets/{id}/rules", { allOf: [rule, withRules] })).toBe("sub rules wrapped");
    expect(sub("widgets.rules.get", "GET", "/widgets/{id}/rules/{ruleID}", rule)).toBe("sub rules item");
    expect(sub("widgets.rules.add", "POST", "/widgets/{id}/rules", rule)).toBe("sub rules example");
    expect(sub("widgets.rules.update", "POST", "/widgets/{id}/rules", ref("Widget"))).toBe("sub rules entity");
    expect(sub("widgets.overrides.update", "POST", "/widgets/{id}/overrides", rule)).toBe("sub overrides value");
    expect(sub("widgets.idList.get", "GET", "/widgets/{id}/idList", rule)).toBe("sub idList value");
    expect(sub("widgets.idList.add", "POST", "/widgets/{id}/idList", rule)).toBe("sub idList example");
    expect(sub("widgets.rules.delete", "DELETE", "/widgets/{id}/rules", rule, messageOnly)).toBe("sub rules message");
  });

  it("keeps a sub-collection operation's kind, verb and addressing, and a read's lookup fields", () => {
    const { doc, models } = widgetsApi(
      {
        "DELETE /widgets/{id}/rules/{ruleName}": ok({ type: "object", properties: { message: { type: "string" } } }, { message: "Removed" }),
        "GET /widgets/by/{name}/{size}": ok(envelope(ref("Widget")), { data: widget() }),
      },
      [model("widgets.rules.deleteByName", "DELETE", "/widgets/{id}/rules/{ruleName}", messageOnly), model("widgets.getByNameAndSize", "GET", "/widgets/by/{name}/{size}")],
    );
    const { operations } = buildSimulatorTable(doc, models);
    expect(operations["widgets.rules.deleteByName"]).toStrictEqual({
      role: "sub",
      message: "Removed",
      collection: "widgets",
      sub: { kind: "rules", verb: "deleteByName", by: "name" },
      returns: "message",
    });
    expect(operations["widgets.getByNameAndSize"]).toStrictEqual({ role: "get", message: "OK", collection: "widgets", lookup: ["name", "size"] });
  });

  it("answers a lifecycle operation whose answer is another shape than the entity with the example merged with the entity's fields", () => {
    const made = { type: "object", required: ["id"], properties: { id: { type: "string" }, size: { type: "integer" }, link: { type: "string" } } };
    const { doc, models } = widgetsApi(
      {
        "POST /widgets": { requestBody: json(ref("Widget")), responses: { "201": json(envelope(ref("WidgetMade")), { message: "Made", data: { id: "w1", link: "/w1" } }) } },
        "POST /widgets/{id}": { requestBody: json(ref("Widget")), ...ok(envelope(widgetSchema()), { data: widget() }) },
        "PATCH /widgets/{id}": { requestBody: json(ref("Widget")), ...ok(envelope(ref("Widget")), { data: widget() }) },
        "DELETE /widgets/{id}": ok(envelope(ref("WidgetMade")), { message: "Gone", data: { id: "w1" } }),
      },
      [
        model("widgets.create", "POST", "/widgets", { ...bodyOf(true), success: { status: "201", contentType: "application/json", kind: "data" } }),
        model("widgets.update", "POST", "/widgets/{id}", bodyOf(true)),
        model("widgets.patch", "PATCH", "/widgets/{id}", bodyOf(true)),
        model("widgets.delete", "DELETE", "/widgets/{id}", { success: { status: "200", contentType: "application/json", kind: "body" } }),
      ],
      { WidgetMade: made },
    );
    const table = buildSimulatorTable(doc, models);
    const create = table.operations["widgets.create"]!;
    expect(create).toStrictEqual({
      role: "create",
      message: "Made",
      status: 201,
      collection: "widgets",
      returns: "merged",
      picks: ["id", "size"],
      example: create.example,
      body: "!Widget",
    });
    expect(table.examples[create.example!]).toStrictEqual({ message: "Made", data: { id: "w1", link: "/w1" } });
    // The same shape written inline is the entity: no merge.
    expect(table.operations["widgets.update"]).toStrictEqual({ role: "update", message: "OK", collection: "widgets", body: "!Widget" });
    expect(table.operations["widgets.patch"]).toStrictEqual({ role: "patch", message: "OK", collection: "widgets", body: "!Widget" });
    // Only a data answer is merged.
    expect(table.operations["widgets.delete"]).toStrictEqual({ role: "delete", message: "Gone", collection: "widgets" });
  });

  it("merges the answer of every lifecycle role, and of no other", () => {
    const made = { type: "object", properties: { size: { type: "integer" }, link: { type: "string" }, id: { type: "string" } } };
    const returns = (method: string, path: string, id: string) => {
      const { doc, models } = widgetsApi({ [`${method} ${path}`]: ok(envelope(ref("WidgetMade")), { message: "Done", data: { id: "w1" } }) }, [model(id, method, path)], {
        WidgetMade: made,
      });
      const entry = buildSimulatorTable(doc, models).operations[id]!;
      return entry.returns === "merged" ? `merged ${entry.picks!.join(",")} ${entry.message}` : entry.returns;
    };
    expect(returns("POST", "/widgets/{id}", "widgets.update")).toBe("merged id,size Done");
    expect(returns("PATCH", "/widgets/{id}", "widgets.patch")).toBe("merged id,size Done");
    expect(returns("DELETE", "/widgets/{id}", "widgets.delete")).toBe("merged id,size Done");
    expect(returns("GET", "/widgets/by/{name}", "widgets.getByName")).toBe("merged id,size Done");
    expect(returns("GET", "/widgets/{id}/checks", "widgets.checks.get")).toBeUndefined();
    expect(returns("PUT", "/widgets/{id}/launch", "widgets.launch")).toBe("example");
    expect(returns("GET", "/status", "status.get")).toBeUndefined();
  });

  it("does not merge when neither the answer nor the entity is a component", () => {
    const doc = docOf({
      "GET /widgets/{id}": ok(envelope(widgetSchema()), { data: widget() }),
      "POST /widgets/{id}": ok(envelope({ type: "object", properties: { link: { type: "string" } } }), { data: { link: "/w1" } }),
    });
    const table = buildSimulatorTable(doc, [model("widgets.get", "GET", "/widgets/{id}"), model("widgets.update", "POST", "/widgets/{id}")]);
    expect(table.operations["widgets.update"]).toStrictEqual({ role: "update", message: "OK", collection: "widgets" });
  });

  it("answers any operation with a text answer with its example, whatever its role", () => {
    const { doc, models } = widgetsApi(
      {
        "DELETE /widgets/{id}": { responses: { "200": { content: { "text/plain": { example: "deleted" } } } } },
        "GET /widgets/{id}/overrides": { responses: { "200": { content: { "text/plain": { example: "none" } } } } },
      },
      [
        model("widgets.delete", "DELETE", "/widgets/{id}", { success: { status: "200", contentType: "text/plain", kind: "text" } }),
        model("widgets.overrides.get", "GET", "/widgets/{id}/overrides", { success: { status: "200", contentType: "text/plain", kind: "text" } }),
      ],
    );
    const table = buildSimulatorTable(doc, models);
    const del = table.operations["widgets.delete"]!;
    expect(del).toStrictEqual({ role: "delete", collection: "widgets", example: del.example });
    expect(table.examples[del.example!]).toBe("deleted");
    const overrides = table.operations["widgets.overrides.get"]!;
    expect(overrides).toMatchObject({ role: "sub", returns: "value" });
    expect(table.examples[overrides.example!]).toBe("none");
  });

  it("filters a list by the query parameters that name entity fields: lists by any value, others by equality", () => {
    const { doc, models } = widgetsApi({}, []);
    models[0] = model("widgets.list", "GET", "/widgets", {
      ...listing,
      queryParams: [query("page"), query("limit"), query("tags", { array: true }), query("size"), query("colour"), query("name")],
    });
    const list = buildSimulatorTable(doc, models).operations["widgets.list"]!;
    expect(list.filters).toStrictEqual({ tags: "any", size: "equal", name: "equal" });
    expect(Object.keys(list.filters!)).toEqual(["tags", "size", "name"]);
    expect(list.query).toStrictEqual({ page: "~0", limit: "~0", tags: "*~0", size: "~0", colour: "~0", name: "~0" });
    const plain = widgetsApi();
    plain.models[0] = model("widgets.list", "GET", "/widgets", { ...listing, queryParams: [query("page"), query("colour")] });
    expect(buildSimulatorTable(plain.doc, plain.models).operations["widgets.list"]).not.toHaveProperty("filters");
  });

  it("keeps a list's page and limit out of its filters even when the entity has such fields", () => {
    const schema = widgetSchema();
    Object.assign(schema.properties as JsonObject, { page: { type: "integer" }, limit: { type: "integer" } });
    const { doc, models } = widgetsApi({}, [], { Widget: schema });
    models[0] = model("widgets.list", "GET", "/widgets", { ...listing, queryParams: [query("page"), query("limit"), query("size")] });
    expect(buildSimulatorTable(doc, models).operations["widgets.list"]!.filters).toStrictEqual({ size: "equal" });
  });

  it("keeps x-simulator-hidden on a list, and refuses one that names no entity field, no values or no query parameter", () => {
    const hidden = (value: unknown, queryParams = [query("showAll")]) => {
      const { doc, models } = widgetsApi({
        "GET /widgets": { "x-simulator-hidden": value, ...ok(envelope({ type: "array", items: ref("Widget") }), { data: [widget()] }) },
      });
      models[0] = model("widgets.list", "GET", "/widgets", { ...listing, queryParams });
      return () => buildSimulatorTable(doc, models).operations["widgets.list"]!.hidden;
    };
    expect(hidden({ field: "size", values: [0], unless: "showAll" })()).toStrictEqual({ field: "size", values: [0], unless: "showAll" });
    const message = "GET /widgets: x-simulator-hidden needs { field: <entity field>, values: [...], unless: <query parameter> }";
    expect(specError(hidden({ field: "colour", values: [0], unless: "showAll" })).message).toBe(message);
    expect(specError(hidden({ field: 3, values: [0], unless: "showAll" })).message).toBe(message);
    expect(specError(hidden({ field: "size", values: 0, unless: "showAll" })).message).toBe(message);
    expect(specError(hidden({ field: "size", values: [0], unless: "all" })).message).toBe(message);
    expect(specError(hidden({ field: "size", values: [0], unless: "showAll" }, [])).message).toBe(message);
    expect(specError(hidden("size")).message).toBe(message);
    expect(specError(hidden(null)).message).toBe(message);
    expect(hidden(undefined)()).toBeUndefined();
  });

  it("reads x-simulator-hidden only on lists", () => {
    const { doc, models } = widgetsApi({ "GET /widgets/{id}": { "x-simulator-hidden": "nonsense", ...ok(envelope(ref("Widget")), { data: widget() }) } });
    expect(buildSimulatorTable(doc, models).operations["widgets.get"]).not.toHaveProperty("hidden");
  });

  it("gives each query parameter its schema key, after ! when required and * when repeated, with path-level and referenced parameters", () => {
    const doc = docOf({
      "GET /search": {
        parameters: [
          { name: "term", in: "query", schema: { type: "string" } },
          { $ref: "#/components/parameters/Kinds" },
          { name: "size", in: "query", schema: { type: "integer", minimum: 1 } },
          { name: "x-trace", in: "header", schema: { type: "boolean" } },
          { in: "query", schema: { type: "number" } },
          { name: "term", in: "header", schema: { type: "boolean" } },
          null,
        ],
        ...ok(envelope({}), { data: [] }),
      },
    });
    ((doc.paths as JsonObject)["/search"] as JsonObject).parameters = [
      { name: "size", in: "query", schema: { type: "number" } },
      { name: "page", in: "query", schema: { type: "integer" } },
      { name: "term", in: "path", schema: { type: "boolean" } },
    ];
    (doc.components as JsonObject).parameters = { Kinds: { name: "kinds", in: "query", schema: { type: "array", items: { enum: ["a", "b"] } } } };
    const models = [
      model("search.run", "GET", "/search", {
        queryParams: [query("term", { required: true }), query("kinds", { array: true }), query("size"), query("page", { required: true, array: true }), query("missing")],
      }),
    ];
    const table = buildSimulatorTable(doc, models);
    expect(table.operations["search.run"]!.query).toStrictEqual({ term: "!~0", kinds: "*~1", size: "~2", page: "!*~3", missing: "~4" });
    expect(table.schemas).toStrictEqual({ "~0": "string", "~1": { type: "array", items: { enum: ["a", "b"] } }, "~2": { type: "integer", minimum: 1 }, "~3": "integer", "~4": {} });
    // No query parameters: no query entry.
    const bare = buildSimulatorTable(doc, [model("search.run", "GET", "/search")]);
    expect(bare.operations["search.run"]).toStrictEqual({ role: "stateless", example: 0 });
  });

  it("reads parameters when the path item has none, or lists them oddly", () => {
    const doc = docOf({ "GET /search": { parameters: "none", ...ok(envelope({})) } });
    ((doc.paths as JsonObject)["/search"] as JsonObject).parameters = { size: 1 };
    const table = buildSimulatorTable(doc, [model("search.run", "GET", "/search", { queryParams: [query("size")] })]);
    expect(table.operations["search.run"]!.query).toStrictEqual({ size: "~0" });
    expect(table.schemas).toStrictEqual({ "~0": {} });
  });
});

describe("buildSimulatorTable: fields a write does not copy", () => {
  /** The skips of an update whose body is `body` on an entity with `entity`'s properties. */
  function skips(body: JsonObject, entity: JsonObject, schemas: JsonObject = {}): readonly string[] | undefined {
    const widgetProps = { id: { type: "string" }, name: { type: "string" }, ...entity };
    const { doc, models } = widgetsApi(
      {
        "GET /widgets/{id}": ok(envelope(ref("Widget")), { data: { id: "w1", name: "First" } }),
        "GET /widgets": ok(envelope({ type: "array", items: ref("Widget") }), { data: [{ id: "w1", name: "First" }] }),
        "POST /widgets/{id}": { requestBody: json({ type: "object", properties: body }), ...ok(envelope(ref("Widget"))) },
      },
      [model("widgets.update", "POST", "/widgets/{id}", bodyOf(true))],
      { Widget: { type: "object", required: ["id"], properties: widgetProps }, ...schemas },
    );
    return buildSimulatorTable(doc, models).operations["widgets.update"]!.skips;
  }

  it("copies fields of the same shape, and skips fields the entity does not keep in that shape", () => {
    expect(skips({ name: { type: "string", description: "sent" } }, {})).toBeUndefined();
    expect(skips({ name: { type: "integer" } }, {})).toEqual(["name"]);
    // Fields the entity does not have are not skipped: the simulator keeps what it is sent.
    expect(skips({ colour: { type: "string" } }, {})).toBeUndefined();
    expect(skips({ zeta: { type: "string" }, name: { type: "integer" }, id: { type: "integer" } }, { zeta: { type: "boolean" } })).toEqual(["id", "name", "zeta"]);
  });

  it("copies primitives the entity accepts: an integer into a number, into a union, an enum into a wider enum", () => {
    expect(skips({ size: { type: "integer" } }, { size: { type: "number" } })).toBeUndefined();
    expect(skips({ size: { type: "number" } }, { size: { type: "integer" } })).toEqual(["size"]);
    expect(skips({ size: { type: "integer" } }, { size: { type: ["string", "null"] } })).toEqual(["size"]);
    expect(skips({ size: { type: "string" } }, { size: { type: ["string", "null"] } })).toBeUndefined();
    expect(skips({ size: { type: ["string", "null"] } }, { size: { type: "string" } })).toEqual(["size"]);
    expect(skips({ kind: { type: "string", enum: ["a"] } }, { kind: { type: "string", enum: ["a", "b"] } })).toBeUndefined();
    expect(skips({ kind: { type: "string", enum: ["a", "c"] } }, { kind: { type: "string", enum: ["a", "b"] } })).toEqual(["kind"]);
    expect(skips({ kind: { type: "string" } }, { kind: { type: "string", enum: ["a", "b"] } })).toEqual(["kind"]);
    expect(skips({ kind: { type: "string", enum: ["a"] } }, { kind: { type: "string" } })).toBeUndefined();
    expect(skips({ kind: { type: "string", enum: ["a"] } }, { kind: { type: "integer" } })).toEqual(["kind"]);
  });

  it("does not count objects, lists or unknown types as primitives", () => {
    expect(skips({ size: { type: "object" } }, { size: { type: "string" } })).toEqual(["size"]);
    expect(skips({ size: { type: "string" } }, { size: { type: "object" } })).toEqual(["size"]);
    expect(skips({ size: { type: "string", properties: {} } }, { size: { type: "string" } })).toEqual(["size"]);
    expect(skips({ size: { type: "string" } }, { size: { type: "string", items: {} } })).toEqual(["size"]);
    expect(skips({ size: { type: "integer", description: "x" } }, { size: { type: "number", properties: { a: {} } } })).toEqual(["size"]);
    expect(skips({ size: { enum: ["a"] } }, { size: { type: "string" } })).toEqual(["size"]);
    expect(skips({ size: { type: ["string", "object"] } }, { size: { type: ["string", "object", "null"] } })).toEqual(["size"]);
  });

  it("compares lists by their items, and objects by their whole shape (references followed, descriptions dropped)", () => {
    expect(skips({ ids: { type: "array", items: { type: "integer" } } }, { ids: { type: "array", items: { type: "number" } } })).toBeUndefined();
    expect(skips({ ids: { type: "string" } }, { ids: { type: "array", items: { type: "string" } } })).toEqual(["ids"]);
    expect(skips({ ids: { type: "array", items: { type: "string" } } }, { ids: { type: "string" } })).toEqual(["ids"]);
    expect(skips({ ids: { type: "array", items: { type: "number" } } }, { ids: { type: "array", items: { type: "integer" } } })).toEqual(["ids"]);
    const part = { type: "object", required: ["a"], properties: { a: { type: "string", description: "the a" } }, additionalProperties: false };
    expect(skips({ part: ref("Part") }, { part: { ...part, description: "kept", properties: { a: { type: "string" } } } }, { Part: part })).toBeUndefined();
    expect(skips({ part: ref("Part") }, { part: { ...part, required: ["b"] } }, { Part: part })).toEqual(["part"]);
    expect(skips({ part: ref("Part") }, { part: { ...part, additionalProperties: true } }, { Part: part })).toEqual(["part"]);
    expect(skips({ part: { allOf: [ref("Part")] } }, { part: { allOf: [part] } }, { Part: part })).toBeUndefined();
    expect(skips({ part: { oneOf: [ref("Part")] } }, { part: { anyOf: [part] } }, { Part: part })).toEqual(["part"]);
    expect(skips({ part: { anyOf: [ref("Part")] } }, { part: { anyOf: [{ ...part, properties: { a: { type: "integer" } } }] } }, { Part: part })).toEqual(["part"]);
    expect(skips({ kind: { enum: ["a", "b"], const: "a" } }, { kind: { enum: ["a", "b"], const: "a", title: "K" } })).toBeUndefined();
    expect(skips({ kind: { const: "a" } }, { kind: { const: "b" } })).toEqual(["kind"]);
    expect(skips({ kind: { enum: ["a", "b"] } }, { kind: { enum: ["b", "a"] } })).toEqual(["kind"]);
  });

  it("compares lists only with lists, and booleans like the other primitives", () => {
    expect(skips({ ids: { type: "object" } }, { ids: { type: "array" } })).toEqual(["ids"]);
    expect(skips({ ids: { type: "array" } }, { ids: { type: "object" } })).toEqual(["ids"]);
    expect(skips({ ids: { type: "array" } }, { ids: { type: "array", description: "kept" } })).toBeUndefined();
    expect(skips({ size: { type: "string" } }, { size: { type: "number" } })).toEqual(["size"]);
    expect(skips({ on: { type: "boolean" } }, { on: { type: ["boolean", "null"] } })).toBeUndefined();
    expect(skips({ on: { type: "null" } }, { on: { type: ["boolean", "null"] } })).toBeUndefined();
  });

  it("compares allOf, oneOf and anyOf parts, and the schemas of additional properties without their descriptions", () => {
    expect(skips({ part: { allOf: [{ type: "string" }] } }, { part: { allOf: [{ type: "integer" }] } })).toEqual(["part"]);
    expect(skips({ part: { oneOf: [{ type: "string" }] } }, { part: { oneOf: [{ type: "integer" }] } })).toEqual(["part"]);
    expect(skips({ part: { anyOf: [{ type: "string" }] } }, { part: { anyOf: [{ type: "integer" }] } })).toEqual(["part"]);
    expect(skips({ part: { oneOf: [{ type: "string", description: "sent" }] } }, { part: { oneOf: [{ type: "string" }] } })).toBeUndefined();
    const map = (values: JsonObject) => ({ type: "object", additionalProperties: values });
    expect(skips({ tags: map({ type: "string", description: "sent" }) }, { tags: map({ type: "string" }) })).toBeUndefined();
    expect(skips({ tags: map({ type: "string" }) }, { tags: map({ type: "integer" }) })).toEqual(["tags"]);
    // Enum values are data, even objects: compared whole.
    expect(skips({ kind: { enum: [{ a: 1 }] } }, { kind: { enum: [{ a: 2 }] } })).toEqual(["kind"]);
    expect(skips({ kind: { enum: [{ type: "x", a: 1 }] } }, { kind: { enum: [{ type: "x", a: 1 }] } })).toBeUndefined();
  });

  it("drops descriptions eight levels down through lists of parts and items too", () => {
    const leaf = { Leaf: { type: "string", description: "sent" } };
    const parts = (depth: number, at: unknown): unknown => (depth === 0 ? at : { allOf: [parts(depth - 1, at)] });
    expect(skips({ deep: parts(8, ref("Leaf")) }, { deep: parts(8, { type: "string" }) }, leaf)).toBeUndefined();
    expect(skips({ deep: parts(9, ref("Leaf")) }, { deep: parts(9, { type: "string" }) }, leaf)).toEqual(["deep"]);
    const items = (depth: number, at: unknown): unknown => (depth === 0 ? at : { type: "object", additionalProperties: items(depth - 1, at) });
    expect(skips({ deep: items(8, ref("Leaf")) }, { deep: items(8, { type: "string" }) }, leaf)).toBeUndefined();
    expect(skips({ deep: items(9, ref("Leaf")) }, { deep: items(9, { type: "string" }) }, leaf)).toEqual(["deep"]);
  });

  it("takes a property schema of null for no declaration at all", () => {
    expect(skips({ ids: null }, { ids: { type: "array" } })).toEqual(["ids"]);
    expect(skips({ ids: null }, { ids: { type: "string" } })).toEqual(["ids"]);
    expect(skips({ ids: { type: "array" } }, { ids: null })).toEqual(["ids"]);
    expect(skips({ ids: null }, { ids: null })).toBeUndefined();
  });

  it("drops descriptions down to eight levels when comparing shapes, and compares deeper schemas whole", () => {
    const nested = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : { type: "object", properties: { next: nested(depth - 1, leaf) } });
    const leaf = { Leaf: { type: "string", description: "sent" } };
    expect(skips({ deep: nested(8, ref("Leaf")) }, { deep: nested(8, { type: "string" }) }, leaf)).toBeUndefined();
    expect(skips({ deep: nested(9, ref("Leaf")) }, { deep: nested(9, { type: "string" }) }, leaf)).toEqual(["deep"]);
    expect(skips({ deep: nested(9, ref("Leaf")) }, { deep: nested(9, ref("Leaf")) }, leaf)).toBeUndefined();
  });

  it("reads the body's and the entity's fields through references, allOf, oneOf and anyOf (the first declaration wins)", () => {
    const { doc, models } = widgetsApi(
      {
        "PATCH /widgets/{id}": {
          requestBody: json({
            allOf: [ref("Named"), { oneOf: [{ properties: { size: { type: "string" } } }] }, { anyOf: [{ properties: { size: { type: "integer" }, tags: { type: "string" } } }] }],
          }),
          ...ok(envelope(ref("Widget"))),
        },
      },
      [model("widgets.patch", "PATCH", "/widgets/{id}", bodyOf(false))],
      { Named: { type: "object", properties: { name: { type: "integer" } } } },
    );
    expect(buildSimulatorTable(doc, models).operations["widgets.patch"]!.skips).toEqual(["name", "size", "tags"]);
  });

  it("does not skip the field the collection keeps rules in, and checks creates and patches too, never other roles", () => {
    const run = (method: string, path: string, id: string) => {
      const { doc, models } = widgetsApi(
        {
          [`${method} ${path}`]: { requestBody: json({ type: "object", properties: { rules: { type: "object" }, size: { type: "string" } } }), ...ok(envelope(ref("Widget"))) },
        },
        [model(id, method, path, bodyOf(true))],
      );
      return buildSimulatorTable(doc, models).operations[id]!.skips;
    };
    expect(run("POST", "/widgets", "widgets.create")).toEqual(["size"]);
    expect(run("PATCH", "/widgets/{id}", "widgets.patch")).toEqual(["size"]);
    expect(run("POST", "/widgets/{id}", "widgets.update")).toEqual(["size"]);
    expect(run("POST", "/widgets/{id}/copy", "widgets.copy")).toBeUndefined();
    expect(run("POST", "/widgets/{id}/rules", "widgets.rules.add")).toBeUndefined();
    // Without a rules field on the entity, rules is one more field to compare.
    const schema = widgetSchema();
    delete (schema.properties as JsonObject).rules;
    const { doc, models } = widgetsApi(
      {
        "GET /widgets/{id}": ok(envelope(ref("Widget")), { data: { id: "w1", name: "First" } }),
        "GET /widgets": ok(envelope({ type: "array", items: ref("Widget") }), { data: [{ id: "w1", name: "First" }] }),
        "PATCH /widgets/{id}": { requestBody: json({ type: "object", properties: { rules: { type: "object" } } }), ...ok(envelope(ref("Widget"))) },
      },
      [model("widgets.patch", "PATCH", "/widgets/{id}", bodyOf(true))],
      { Widget: { ...schema, properties: { ...(schema.properties as JsonObject), rules: { type: "object", properties: { a: {} } } } } },
    );
    expect(buildSimulatorTable(doc, models).operations["widgets.patch"]!.skips).toEqual(["rules"]);
  });
});

describe("buildSimulatorTable: the entity's fields", () => {
  it("finds the data schema through allOf (the last declaration wins) and fields through oneOf and anyOf, with lists marked", () => {
    const doc = docOf(
      {
        "GET /widgets": ok(envelope({ type: "array", items: ref("Widget") }), { data: [{ id: "w1" }] }),
        "GET /widgets/{id}": ok({ allOf: [envelope({ type: "object" }), { properties: { data: ref("Widget") } }] }, { data: { id: "w1" } }),
      },
      {
        Widget: {
          allOf: [{ properties: { id: { type: "string" }, tags: { type: "string" } } }, { oneOf: [{ properties: { tags: { type: ["array", "null"] } } }] }],
          anyOf: [{ properties: { labels: { $ref: "#/components/schemas/Labels" }, owner: { type: "string" } } }],
        },
        Labels: { type: "array" },
      },
    );
    const models = [
      model("widgets.list", "GET", "/widgets", { ...listing, queryParams: [query("tags"), query("labels"), query("owner"), query("id"), query("other")] }),
      model("widgets.get", "GET", "/widgets/{id}"),
    ];
    expect(buildSimulatorTable(doc, models).operations["widgets.list"]!.filters).toStrictEqual({ tags: "any", labels: "any", owner: "equal", id: "equal" });
  });

  it("counts a property declared null as a field that is no list", () => {
    const doc = docOf(
      { "GET /widgets": ok(envelope({ type: "array", items: ref("Widget") }), { data: [{ id: "w1" }] }) },
      { Widget: { type: "object", properties: { id: { type: "string" }, hole: null } } },
    );
    const models = [model("widgets.list", "GET", "/widgets", { ...listing, queryParams: [query("hole")] })];
    expect(buildSimulatorTable(doc, models).operations["widgets.list"]!.filters).toStrictEqual({ hole: "equal" });
  });

  it("keeps a field marked a list once any declaration makes it one", () => {
    const doc = docOf(
      { "GET /widgets": ok(envelope({ type: "array", items: ref("Widget") }), { data: [{ id: "w1" }] }) },
      { Widget: { allOf: [{ properties: { tags: { type: "array" } } }, { properties: { tags: { type: "string" } } }] } },
    );
    const models = [model("widgets.list", "GET", "/widgets", { ...listing, queryParams: [query("tags")] })];
    expect(buildSimulatorTable(doc, models).operations["widgets.list"]!.filters).toStrictEqual({ tags: "any" });
  });

  it("reads fields sixteen allOf levels deep, and no deeper", () => {
    const nested = (depth: number): JsonObject => (depth === 0 ? { properties: { size: { type: "integer" } } } : { allOf: [nested(depth - 1)] });
    const filters = (depth: number) => {
      const doc = docOf({ "GET /widgets": ok(envelope({ type: "array", items: ref("Widget") }), { data: [{ id: "w1" }] }) }, { Widget: nested(depth) });
      return buildSimulatorTable(doc, [model("widgets.list", "GET", "/widgets", { ...listing, queryParams: [query("size")] })]).operations["widgets.list"]!.filters;
    };
    expect(filters(16)).toStrictEqual({ size: "equal" });
    expect(filters(17)).toBeUndefined();
  });

  it("finds the data schema sixteen allOf levels deep, and no deeper", () => {
    const nested = (depth: number): JsonObject => (depth === 0 ? envelope(ref("Widget")) : { allOf: [nested(depth - 1)] });
    const fields = (depth: number) => {
      const doc = docOf({ "GET /widgets/{id}": ok(nested(depth), { data: widget() }) }, { Widget: widgetSchema() });
      return buildSimulatorTable(doc, [model("widgets.get", "GET", "/widgets/{id}")]).collections.widgets!.fields;
    };
    expect(fields(16)).toStrictEqual({ rules: "rules" });
    expect(fields(17)).toStrictEqual({});
  });

  it("reads properties sixteen levels deep for the fields a write skips, and no deeper", () => {
    const nested = (depth: number): JsonObject => (depth === 0 ? { properties: { size: { type: "string" } } } : { allOf: [nested(depth - 1)] });
    const skips = (depth: number) => {
      const { doc, models } = widgetsApi({ "PATCH /widgets/{id}": { requestBody: json(nested(depth)), ...ok(envelope(ref("Widget"))) } }, [
        model("widgets.patch", "PATCH", "/widgets/{id}", bodyOf(true)),
      ]);
      return buildSimulatorTable(doc, models).operations["widgets.patch"]!.skips;
    };
    expect(skips(16)).toEqual(["size"]);
    expect(skips(17)).toBeUndefined();
  });
});

describe("emitSimulatorTable", () => {
  it("writes the collection names as a union and the table as one JSON string", () => {
    const doc = docOf(
      {
        "GET /widgets": ok(envelope({ type: "array", items: ref("Widget") }), { data: [widget()] }),
        "GET /gadgets": ok(envelope({ type: "array", items: ref("Widget") }), { data: [widget()] }),
      },
      { Widget: widgetSchema() },
    );
    const models = [model("widgets.list", "GET", "/widgets", listing), model("gadgets.list", "GET", "/gadgets", listing)];
    const text = emitSimulatorTable(doc, models);
    const table = buildSimulatorTable(doc, models);
    expect(text).toBe(
      [
        "// Code generated by scripts/generate.ts from spec/. DO NOT EDIT.",
        'import type { SimulatorTable } from "../src/testing/simulator/table.js";',
        "",
        "/** The collections the simulator keeps, by facade name: what `seed`, `snapshot` and `collections` take. */",
        "export type SimulatorCollectionName =",
        '  | "gadgets"',
        '  | "widgets";',
        "",
        "/** The simulator's table (src/testing/simulator/table.ts describes it): one JSON string, parsed once when the module loads. */",
        `export const simulatorTable: SimulatorTable = JSON.parse(${JSON.stringify(JSON.stringify(table))});`,
        "",
      ].join("\n"),
    );
    expect(JSON.parse(JSON.parse(text.split("JSON.parse(")[1]!.slice(0, -3)))).toStrictEqual(table);
  });
});
