// What each operation is to the simulator, from its operationId and path:
// - a collection is a facade prefix (`dynamicConfigs`, `experiments.assignmentSources`) with a list
//   (`<prefix>.list`, GET, no path parameters) or an item path (`<prefix>.get|update|patch|delete` on a
//   path whose only parameter is its last segment); its key is that parameter;
// - `<prefix>.create` (POST, no path parameters), `.list`, `.get` (a data answer), and update (POST),
//   patch and delete on the item path are its lifecycle;
// - an operation under a collection's item path is a sub-collection operation when its facade group is
//   `<collection>.rules|overrides|idList|userStoreIdList`, a state change when it carries
//   `x-simulator-sets` or is a PUT/PATCH of `<item>/<word>`, and otherwise scoped to the entity (404
//   for an unknown one, else the spec's example);
// - anything else is stateless and answers the spec's example.
// `x-simulator-role: stateless` on an operation keeps it out of every collection.
import { isObject, type JsonObject } from "../../src/core/json.js";
import type { SimulatorRole, SubCollectionKind } from "../../src/testing/simulator/table.js";
import { SpecError } from "./load-spec.js";
import type { OperationModel } from "./operation-model.js";

export interface CollectionShape {
  name: string;
  list?: OperationModel;
  create?: OperationModel;
  get?: OperationModel;
  itemPath?: string;
  keyParam?: string;
}

export interface OperationRole {
  role: SimulatorRole;
  collection?: CollectionShape;
  sub?: { kind: SubCollectionKind; verb: string; by?: "id" | "name" };
  sets?: Record<string, unknown>;
  /** Entity fields of the path parameters of a read by other parameters than the key. */
  lookup?: string[];
}

/** Facade group names of the sub-collection kinds. */
const SUB_GROUPS: Record<string, SubCollectionKind> = { rules: "rules", overrides: "overrides", idList: "idList", userStoreIdList: "idList" };

const isParam = (segment: string | undefined): boolean => segment?.startsWith("{") === true && segment.endsWith("}");

function operationObject(doc: JsonObject, model: OperationModel): JsonObject {
  const item = (doc.paths as JsonObject)[model.path];
  const operation = isObject(item) ? item[model.method.toLowerCase()] : undefined;
  return isObject(operation) ? operation : {};
}

function prefixOf(model: OperationModel): string {
  return model.segments.slice(0, -1).join(".");
}

function verbOf(model: OperationModel): string {
  return model.segments.at(-1)!;
}

/** A path whose only parameter is its last segment. */
function isItemPath(path: string): boolean {
  const segments = path.split("/");
  return isParam(segments.at(-1)) && segments.slice(0, -1).every((segment) => !isParam(segment));
}

export function findCollections(doc: JsonObject, models: readonly OperationModel[]): Map<string, CollectionShape> {
  const byPrefix = new Map<string, OperationModel[]>();
  for (const model of models) {
    if (operationObject(doc, model)["x-simulator-role"] === "stateless") continue;
    const list = byPrefix.get(prefixOf(model)) ?? [];
    list.push(model);
    byPrefix.set(prefixOf(model), list);
  }
  const collections = new Map<string, CollectionShape>();
  for (const [name, group] of byPrefix) {
    const find = (verb: string, test: (model: OperationModel) => boolean) => group.find((model) => verbOf(model) === verb && test(model));
    const list = find("list", (m) => m.method === "GET" && m.success.kind === "list" && m.pathParams.length === 0);
    const create = find("create", (m) => m.method === "POST" && m.pathParams.length === 0);
    const get = find("get", (m) => m.method === "GET" && m.success.kind === "data" && isItemPath(m.path));
    const itemOps = [
      get,
      find("update", (m) => m.method === "POST" && isItemPath(m.path)),
      find("patch", (m) => m.method === "PATCH" && isItemPath(m.path)),
      find("delete", (m) => m.method === "DELETE" && isItemPath(m.path)),
    ];
    const itemPath = itemOps.find((m) => m !== undefined)?.path;
    if (!list && !itemPath) continue;
    const shape: CollectionShape = { name };
    if (list) shape.list = list;
    if (create && (list || itemPath)) shape.create = create;
    if (get) shape.get = get;
    if (itemPath) {
      shape.itemPath = itemPath;
      shape.keyParam = itemPath.split("/").at(-1)!.slice(1, -1);
    }
    collections.set(name, shape);
  }
  return collections;
}

function parseSets(value: unknown, where: string): Record<string, unknown> {
  if (!isObject(value)) throw new SpecError(`${where}: x-simulator-sets must map entity fields to the values a state change gives them`);
  return value;
}

export function roleOf(
  doc: JsonObject,
  model: OperationModel,
  collections: Map<string, CollectionShape>,
  entityFields: (collection: CollectionShape) => Set<string>,
): OperationRole {
  const operation = operationObject(doc, model);
  const where = `${model.method} ${model.path}`;
  if (operation["x-simulator-role"] === "stateless") return { role: "stateless" };
  const own = collections.get(prefixOf(model));
  const verb = verbOf(model);
  if (own) {
    if (own.list === model) return { role: "list", collection: own };
    if (own.create === model) return { role: "create", collection: own };
    if (own.itemPath === model.path) {
      const byMethod: Record<string, SimulatorRole> = { GET: "get", POST: "update", PATCH: "patch", DELETE: "delete" };
      const role = byMethod[model.method];
      if (role && (role !== "get" || model.success.kind === "data")) return { role, collection: own };
    }
    // A read of one entity by other path parameters (`users.getById`, `metrics.getByNameAndType`): each names an entity field.
    if (model.method === "GET" && verb.startsWith("get") && model.success.kind === "data" && model.pathParams.length > 0) {
      const fields = entityFields(own);
      const lookup = model.pathParams.map((param) => param.name);
      if (lookup.every((field) => fields.has(field))) return { role: "get", collection: own, lookup };
    }
  }
  const parents = [...collections.values()].filter((shape) => shape.itemPath !== undefined && model.path.startsWith(`${shape.itemPath}/`));
  const parent = parents.sort((a, b) => b.itemPath!.length - a.itemPath!.length)[0];
  if (!parent) return { role: "stateless" };
  const rest = model.path.slice(parent.itemPath!.length + 1).split("/");
  const group = model.segments.at(-2);
  const kind = group === undefined ? undefined : SUB_GROUPS[group];
  if (kind && prefixOf(model) === `${parent.name}.${group}`) {
    const byParam = model.pathParams[1]?.name;
    const sub: OperationRole["sub"] = { kind, verb };
    if (byParam !== undefined) sub.by = /name/i.test(byParam) ? "name" : "id";
    return { role: "sub", collection: parent, sub };
  }
  const sets = operation["x-simulator-sets"];
  if (sets !== undefined) return { role: "state", collection: parent, sets: parseSets(sets, where) };
  if ((model.method === "PUT" || model.method === "PATCH") && rest.length === 1 && !isParam(rest[0])) return { role: "state", collection: parent, sets: {} };
  return { role: "scoped", collection: parent };
}
