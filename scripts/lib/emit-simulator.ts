// generated/simulator.ts: the table the Console API simulator (src/testing/simulator/) dispatches on.
// Per operation its role, collection, success status and message, list filters and the keys of the
// request schemas it validates input against; per collection its key and an entity template; and
// only the examples and the (compacted) request schemas those refer to, not the whole document.
import { isObject, type JsonObject } from "../../src/core/json.js";
import type { SimulatorCollection, SimulatorOperation, SimulatorReturns, SimulatorTable } from "../../src/testing/simulator/table.js";
import { validateValue } from "../../src/testing/simulator/validate.js";
import { SpecError } from "./load-spec.js";
import { GENERATED_HEADER } from "./naming.js";
import { deref, type OperationModel } from "./operation-model.js";
import { type CollectionShape, findCollections, type OperationRole, roleOf } from "./simulator-roles.js";
import { SchemaCollector } from "./simulator-schemas.js";

const SCHEMA_REF = "#/components/schemas/";

function operationObject(doc: JsonObject, model: OperationModel): JsonObject {
  const item = deref(doc, (doc.paths as JsonObject)[model.path]);
  const operation = isObject(item) ? item[model.method.toLowerCase()] : undefined;
  return isObject(operation) ? operation : {};
}

function exampleOf(doc: JsonObject, media: unknown): unknown {
  if (!isObject(media)) return undefined;
  if ("example" in media) return media.example;
  if (isObject(media.examples)) {
    const first = deref(doc, Object.values(media.examples)[0]);
    return isObject(first) ? first.value : undefined;
  }
  return undefined;
}

function jsonMedia(doc: JsonObject, holder: unknown): JsonObject | undefined {
  const resolved = deref(doc, holder);
  const content = isObject(resolved) && isObject(resolved.content) ? resolved.content : undefined;
  const media = content?.["application/json"];
  return isObject(media) ? media : undefined;
}

function successMedia(doc: JsonObject, model: OperationModel): JsonObject | undefined {
  const responses = operationObject(doc, model).responses;
  return isObject(responses) ? jsonMedia(doc, responses[model.success.status]) : undefined;
}

/** The narrowed `data` property of a success schema (the last declaration found through `allOf`). */
function dataSchema(doc: JsonObject, model: OperationModel): unknown {
  let found: unknown;
  const visit = (node: unknown, depth: number): void => {
    const resolved = deref(doc, node);
    if (!isObject(resolved) || depth > 16) return;
    if (isObject(resolved.properties) && "data" in resolved.properties) found = resolved.properties.data;
    if (Array.isArray(resolved.allOf)) for (const part of resolved.allOf) visit(part, depth + 1);
  };
  visit(successMedia(doc, model)?.schema, 0);
  return found;
}

function refName(schema: unknown): string | undefined {
  return isObject(schema) && typeof schema.$ref === "string" && schema.$ref.startsWith(SCHEMA_REF) ? schema.$ref.slice(SCHEMA_REF.length) : undefined;
}

/** Property names a schema declares, through references, `allOf`, `oneOf` and `anyOf`; with whether each is an array. */
function fieldsOf(doc: JsonObject, schema: unknown): Map<string, boolean> {
  const fields = new Map<string, boolean>();
  const visit = (node: unknown, depth: number): void => {
    const resolved = deref(doc, node);
    if (!isObject(resolved) || depth > 16) return;
    if (isObject(resolved.properties)) {
      for (const [name, child] of Object.entries(resolved.properties)) {
        const type = (deref(doc, child) as JsonObject | undefined)?.type;
        fields.set(name, fields.get(name) === true || type === "array" || (Array.isArray(type) && type.includes("array")));
      }
    }
    for (const key of ["allOf", "oneOf", "anyOf"]) if (Array.isArray(resolved[key])) for (const part of resolved[key]) visit(part, depth + 1);
  };
  visit(schema, 0);
  return fields;
}

/** Property schemas a schema declares, through references, `allOf`, `oneOf` and `anyOf` (the first declaration wins). */
function propertySchemas(doc: JsonObject, schema: unknown): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const visit = (node: unknown, depth: number): void => {
    const resolved = deref(doc, node);
    if (!isObject(resolved) || depth > 16) return;
    if (isObject(resolved.properties)) for (const [name, child] of Object.entries(resolved.properties)) if (!found.has(name)) found.set(name, child);
    for (const key of ["allOf", "oneOf", "anyOf"]) if (Array.isArray(resolved[key])) for (const part of resolved[key]) visit(part, depth + 1);
  };
  visit(schema, 0);
  return found;
}

const SHAPE_KEYS = new Set(["type", "enum", "const", "properties", "required", "items", "allOf", "oneOf", "anyOf", "additionalProperties"]);

/** A schema's structure with references followed and descriptions dropped, to compare what is sent with what is kept. */
function shapeOf(doc: JsonObject, schema: unknown, depth = 0): unknown {
  const resolved = deref(doc, schema);
  if (depth > 8 || !isObject(resolved)) return resolved;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(resolved)) {
    if (!SHAPE_KEYS.has(key)) continue;
    if (key === "properties" && isObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, shapeOf(doc, child, depth + 1)]));
    else if (Array.isArray(value) && key !== "enum" && key !== "required") out[key] = value.map((part) => shapeOf(doc, part, depth + 1));
    else out[key] = isObject(value) ? shapeOf(doc, value, depth + 1) : value;
  }
  return out;
}

const PRIMITIVES = new Set(["string", "number", "integer", "boolean", "null"]);

function primitiveTypes(shape: unknown): string[] | undefined {
  if (!isObject(shape) || shape.type === undefined || "properties" in shape || "items" in shape) return undefined;
  const types = (Array.isArray(shape.type) ? shape.type : [shape.type]).map(String);
  return types.every((type) => PRIMITIVES.has(type)) ? types : undefined;
}

/** Whether a value valid against `sent` is also valid where the entity keeps `kept`: the same shape, or primitives the entity accepts (lists of them too). */
function fits(sent: unknown, kept: unknown): boolean {
  if (JSON.stringify(sent) === JSON.stringify(kept)) return true;
  const sentTypes = primitiveTypes(sent);
  const keptTypes = primitiveTypes(kept);
  if (sentTypes && keptTypes) {
    const accepts = (type: string) => keptTypes.includes(type) || (type === "integer" && keptTypes.includes("number"));
    const keptEnum = isObject(kept) ? kept.enum : undefined;
    const sentEnum = isObject(sent) ? sent.enum : undefined;
    if (Array.isArray(keptEnum) && !(Array.isArray(sentEnum) && sentEnum.every((value) => keptEnum.includes(value)))) return false;
    return sentTypes.every(accepts);
  }
  if (isObject(sent) && isObject(kept) && sent.type === "array" && kept.type === "array") return fits(sent.items, kept.items);
  return false;
}

/** The body fields a create, update or patch does not copy onto the entity: those whose sent shape does not fit what the entity keeps. */
function skippedFields(doc: JsonObject, bodySchema: unknown, entitySchema: unknown, rulesField: string | undefined): string[] {
  const kept = propertySchemas(doc, entitySchema);
  return [...propertySchemas(doc, bodySchema)]
    .filter(([name, schema]) => !(name === rulesField || !kept.has(name) || fits(shapeOf(doc, schema), shapeOf(doc, kept.get(name)))))
    .map(([name]) => name)
    .sort();
}

/** Every array of `value` emptied where the schema allows it, so a template carries no example's tags, rules or IDs. */
function emptiedArrays(value: unknown, isValid: (candidate: unknown) => boolean): unknown {
  if (!isObject(value)) return value;
  const result: JsonObject = structuredClone(value);
  for (const [field, child] of Object.entries(result)) {
    if (!Array.isArray(child) || child.length === 0) continue;
    result[field] = [];
    if (!isValid(result)) result[field] = child;
  }
  return result;
}

class ExampleTable {
  readonly values: unknown[] = [];
  readonly #index = new Map<string, number>();
  add(value: unknown): number {
    const text = JSON.stringify(value ?? null);
    let index = this.#index.get(text);
    if (index === undefined) {
      index = this.values.length;
      this.values.push(value ?? null);
      this.#index.set(text, index);
    }
    return index;
  }
}

interface EntityInfo {
  schema: unknown;
  ref: string | undefined;
  fields: Map<string, boolean>;
}

export function buildSimulatorTable(doc: JsonObject, models: readonly OperationModel[]): SimulatorTable {
  const shapes = findCollections(doc, models);
  const requestSchemas = new SchemaCollector(doc);
  const responseSchemas = new SchemaCollector(doc);
  const examples = new ExampleTable();
  const byId = new Map(models.map((model) => [model.operationId, model]));

  const entities = new Map<string, EntityInfo>();
  const entityOf = (shape: CollectionShape): EntityInfo => {
    let info = entities.get(shape.name);
    if (!info) {
      const fromList = shape.list ? dataSchema(doc, shape.list) : undefined;
      const listItems = isObject(deref(doc, fromList)) ? (deref(doc, fromList) as JsonObject).items : undefined;
      const schema = (shape.get && dataSchema(doc, shape.get)) ?? listItems ?? (shape.create && dataSchema(doc, shape.create));
      info = { schema, ref: refName(schema), fields: fieldsOf(doc, schema) };
      entities.set(shape.name, info);
    }
    return info;
  };

  const roles = new Map<OperationModel, OperationRole>();
  for (const model of models)
    roles.set(
      model,
      roleOf(doc, model, shapes, (shape) => new Set(entityOf(shape).fields.keys())),
    );

  const collections: Record<string, SimulatorCollection> = {};
  for (const shape of shapes.values()) {
    const entity = entityOf(shape);
    const source = shape.get ?? shape.create;
    const sourceExample = source ? exampleOf(doc, successMedia(doc, source)) : undefined;
    const listExample = shape.list ? exampleOf(doc, successMedia(doc, shape.list)) : undefined;
    const listed = isObject(listExample) && Array.isArray(listExample.data) && isObject(listExample.data[0]) ? listExample.data[0] : undefined;
    const read = isObject(sourceExample) && isObject(sourceExample.data) ? sourceExample.data : undefined;
    // A list may show fields a read does not (and the other way round): the template has both, so it fits either answer.
    const raw = listed || read ? { ...listed, ...read } : undefined;
    if (!isObject(raw)) throw new SpecError(`simulator: collection ${shape.name} has no example entity (an example of its get, create or list)`);
    let template: unknown = raw;
    if (entity.ref) {
      const key = responseSchemas.add({ $ref: `${SCHEMA_REF}${entity.ref}` });
      const isValid = (candidate: unknown): boolean => validateValue(responseSchemas.schemas, { $ref: key }, candidate).length === 0;
      if (!isValid(raw)) throw new SpecError(`simulator: the example ${shape.name} entity does not validate against ${entity.ref}`);
      template = emptiedArrays(raw, isValid);
    }
    const keyParam = shape.keyParam ?? "id";
    const key = entity.fields.has(keyParam) ? keyParam : "id";
    const createBody = shape.create ? exampleOf(doc, jsonMedia(doc, operationObject(doc, shape.create).requestBody)) : undefined;
    const created = shape.create ? exampleOf(doc, successMedia(doc, shape.create)) : undefined;
    const keyFromName =
      key === "name" || (isObject(createBody) && isObject(created) && isObject(created.data) && createBody.name !== undefined && createBody.name === created.data[key]);
    const collection: SimulatorCollection = { key, template: examples.add(template), keyFromName, fields: {} };
    if (entity.fields.get("rules") === true) collection.fields.rules = "rules";
    const overridesGet = byId.get(`${shape.name}.overrides.get`);
    if (overridesGet) {
      const example = exampleOf(doc, successMedia(doc, overridesGet));
      const value = isObject(example) ? example.data : undefined;
      collection.empty = { overrides: examples.add(emptiedArrays(value, () => true)) };
    }
    collections[shape.name] = collection;
  }

  const operations: Record<string, SimulatorOperation> = {};
  for (const model of models) {
    const role = roles.get(model)!;
    const example = exampleOf(doc, successMedia(doc, model));
    const message = isObject(example) && typeof example.message === "string" ? example.message : "OK";
    const entry: SimulatorOperation = { role: role.role, message };
    if (model.success.status !== "200") entry.status = Number(model.success.status);
    if (role.collection) entry.collection = role.collection.name;
    if (role.sets) {
      const fields = role.collection ? entityOf(role.collection).fields : new Map<string, boolean>();
      const unknown = Object.keys(role.sets).filter((field) => !fields.has(field));
      if (unknown.length > 0) throw new SpecError(`${model.method} ${model.path}: x-simulator-sets names ${unknown.join(", ")}, not fields of the ${role.collection?.name} entity`);
      entry.sets = role.sets;
    }
    if (role.sub) entry.sub = role.sub;
    if (role.lookup) entry.lookup = role.lookup;
    if (role.role === "state" || role.role === "sub") entry.returns = returnsOf(doc, model, role, role.collection ? entityOf(role.collection).ref : undefined);
    const lifecycle = role.role === "create" || role.role === "get" || role.role === "update" || role.role === "patch" || role.role === "delete";
    if (lifecycle && role.collection && model.success.kind === "data") {
      const data = dataSchema(doc, model);
      const entity = entityOf(role.collection);
      if (refName(data) !== entity.ref && JSON.stringify(shapeOf(doc, data)) !== JSON.stringify(shapeOf(doc, entity.schema))) {
        // The answer is another shape than the entity (`DashboardCreated`): the example's, with the entity's values for the fields both have.
        entry.returns = "merged";
        entry.picks = [...fieldsOf(doc, data).keys()].filter((field) => entity.fields.has(field)).sort();
      }
    }
    const needsExample = entry.returns === "merged" || role.role === "stateless" || role.role === "scoped" || entry.returns === "example" || model.success.kind === "text";
    if (needsExample && model.success.kind !== "none") entry.example = examples.add(model.success.kind === "text" ? exampleOfText(doc, model) : example);
    // An answer that is the example carries its message already.
    if (entry.example !== undefined && entry.returns !== "merged") delete entry.message;
    if (role.role === "list" && role.collection) {
      const fields = entityOf(role.collection).fields;
      const filters = model.queryParams
        .filter((param) => param.name !== "page" && param.name !== "limit" && fields.has(param.name))
        .map((param) => [param.name, fields.get(param.name) ? "any" : "equal"] as const);
      if (filters.length > 0) entry.filters = Object.fromEntries(filters);
      const hidden = operationObject(doc, model)["x-simulator-hidden"];
      if (hidden !== undefined) {
        const valid =
          isObject(hidden) &&
          typeof hidden.field === "string" &&
          fields.has(hidden.field) &&
          Array.isArray(hidden.values) &&
          model.queryParams.some((param) => param.name === hidden.unless);
        if (!valid) throw new SpecError(`${model.method} ${model.path}: x-simulator-hidden needs { field: <entity field>, values: [...], unless: <query parameter> }`);
        entry.hidden = { field: hidden.field as string, values: hidden.values as unknown[], unless: hidden.unless as string };
      }
    }
    const operation = operationObject(doc, model);
    const bodyMedia = jsonMedia(doc, operation.requestBody);
    if (bodyMedia && model.body) {
      entry.body = `${model.body.required ? "!" : ""}${requestSchemas.add(bodyMedia.schema)}`;
    }
    if (bodyMedia && role.collection && (role.role === "create" || role.role === "update" || role.role === "patch")) {
      const entity = entityOf(role.collection);
      const skips = skippedFields(doc, bodyMedia.schema, entity.schema, collections[role.collection.name]?.fields.rules);
      if (skips.length > 0) entry.skips = skips;
    }
    const query = queryParameters(doc, model).map(([name, schema, required, array]) => [name, `${required ? "!" : ""}${array ? "*" : ""}${requestSchemas.add(schema)}`]);
    if (query.length > 0) entry.query = Object.fromEntries(query);
    operations[model.operationId] = entry;
  }
  return { operations, collections, examples: examples.values, schemas: requestSchemas.shortened() };
}

function exampleOfText(doc: JsonObject, model: OperationModel): unknown {
  const responses = operationObject(doc, model).responses;
  const response = deref(doc, isObject(responses) ? responses[model.success.status] : undefined);
  const content = isObject(response) && isObject(response.content) ? response.content : {};
  return exampleOf(doc, content[model.success.contentType ?? ""]) ?? "";
}

function queryParameters(doc: JsonObject, model: OperationModel): [string, unknown, boolean, boolean][] {
  const item = deref(doc, (doc.paths as JsonObject)[model.path]);
  const shared = isObject(item) && Array.isArray(item.parameters) ? item.parameters : [];
  const own = operationObject(doc, model).parameters;
  const byName = new Map<string, JsonObject>();
  for (const raw of [...shared, ...(Array.isArray(own) ? own : [])]) {
    const param = deref(doc, raw);
    if (isObject(param) && param.in === "query" && typeof param.name === "string") byName.set(param.name, param);
  }
  return model.queryParams.map((param) => [param.name, byName.get(param.name)?.schema ?? {}, param.required, param.array]);
}

/** What a state change or sub-collection operation answers with, from its success schema. */
function returnsOf(doc: JsonObject, model: OperationModel, role: OperationRole, entityRef: string | undefined): SimulatorReturns {
  if (model.success.kind === "message") return "message";
  const data = dataSchema(doc, model);
  if (entityRef !== undefined && refName(data) === entityRef) return "entity";
  if (role.sub?.kind === "overrides") return "value";
  if (role.sub?.kind === "rules") {
    const resolved = deref(doc, data);
    if (isObject(resolved) && resolved.type === "array") return fieldsOf(doc, resolved.items).has("rules") ? "wrappedList" : "example";
    if (fieldsOf(doc, data).has("rules")) return "wrapped";
    if (role.sub.by !== undefined) return "item";
  }
  if (role.sub?.kind === "idList" && role.sub.verb === "get") return "value";
  return "example";
}

export function emitSimulatorTable(doc: JsonObject, models: readonly OperationModel[]): string {
  const table = buildSimulatorTable(doc, models);
  const names = Object.keys(table.collections).sort();
  return [
    GENERATED_HEADER,
    `import type { SimulatorTable } from "../src/testing/simulator/table.js";`,
    "",
    "/** The collections the simulator keeps, by facade name: what `seed`, `snapshot` and `collections` take. */",
    `export type SimulatorCollectionName =\n${names.map((name) => `  | ${JSON.stringify(name)}`).join("\n")};`,
    "",
    "/** The simulator's table (src/testing/simulator/table.ts describes it): one JSON string, parsed once when the module loads. */",
    `export const simulatorTable: SimulatorTable = JSON.parse(${JSON.stringify(JSON.stringify(table))});`,
    "",
  ].join("\n");
}
