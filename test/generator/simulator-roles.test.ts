// What each operation is to the simulator, from operationIds and paths alone: which facade prefixes
// are collections (a list, an item path), and each operation's role in one (or none).
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/core/json.js";
import { SpecError } from "../../scripts/lib/load-spec.js";
import type { OperationModel } from "../../scripts/lib/operation-model.js";
import { type CollectionShape, findCollections, roleOf } from "../../scripts/lib/simulator-roles.js";
import { operationModel, pathParam } from "../helpers/operation-model.js";

/** A model whose path parameters are read from its path. */
function model(operationId: string, method: string, path: string, more: Partial<OperationModel> = {}): OperationModel {
  const params = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => pathParam(match[1]!));
  return operationModel(operationId, method, path, { pathParams: params, ...more });
}
const listing = { success: { status: "200", contentType: "application/json", kind: "list" as const } };

/** The document the roles read extensions from: `extensions` per `METHOD path`. */
function docWith(extensions: Record<string, JsonObject> = {}): JsonObject {
  const paths: JsonObject = {};
  for (const [key, extension] of Object.entries(extensions)) {
    const [method, path] = key.split(" ") as [string, string];
    paths[path] = { ...(paths[path] as JsonObject | undefined), [method.toLowerCase()]: extension };
  }
  return { paths };
}

const gates = {
  list: model("gates.list", "GET", "/gates", listing),
  create: model("gates.create", "POST", "/gates"),
  get: model("gates.get", "GET", "/gates/{id}"),
  update: model("gates.update", "POST", "/gates/{id}"),
  patch: model("gates.patch", "PATCH", "/gates/{id}"),
  delete: model("gates.delete", "DELETE", "/gates/{id}"),
};

describe("findCollections", () => {
  it("makes a prefix with a list and an item path a collection keyed by the item path's parameter", () => {
    const collections = findCollections(docWith(), Object.values(gates));
    expect([...collections.keys()]).toEqual(["gates"]);
    expect(collections.get("gates")).toEqual({ name: "gates", list: gates.list, create: gates.create, get: gates.get, itemPath: "/gates/{id}", keyParam: "id" });
  });

  it("takes the item path from whichever of get, update, patch and delete there is, and needs no list", () => {
    const only = (op: OperationModel) => findCollections(docWith(), [op]).get(op.segments[0]!);
    // Strict: a verb the prefix lacks is no key of the shape at all.
    expect(only(model("a.update", "POST", "/a/{key}"))).toStrictEqual({ name: "a", itemPath: "/a/{key}", keyParam: "key" });
    expect(only(model("a.patch", "PATCH", "/a/{key}"))).toMatchObject({ itemPath: "/a/{key}" });
    expect(only(model("a.delete", "DELETE", "/a/{key}"))).toMatchObject({ itemPath: "/a/{key}" });
    expect(only(model("a.list", "GET", "/a", listing))).toEqual({ name: "a", list: expect.objectContaining({ operationId: "a.list" }) });
  });

  it("requires each verb's method, answer and path: otherwise the prefix is no collection", () => {
    const none = (...ops: OperationModel[]) => findCollections(docWith(), ops).size;
    expect(none(model("a.create", "POST", "/a"))).toBe(0);
    expect(none(model("a.list", "POST", "/a", listing))).toBe(0);
    expect(none(model("a.list", "GET", "/a"))).toBe(0);
    expect(none(model("a.list", "GET", "/p/{p}/a", listing))).toBe(0);
    expect(none(model("a.get", "GET", "/a/{id}", listing))).toBe(0);
    expect(none(model("a.get", "POST", "/a/{id}"))).toBe(0);
    expect(none(model("a.update", "PUT", "/a/{id}"))).toBe(0);
    expect(none(model("a.patch", "POST", "/a/{id}"))).toBe(0);
    expect(none(model("a.delete", "POST", "/a/{id}"))).toBe(0);
    // An item path has one parameter, its last segment.
    expect(none(model("a.delete", "DELETE", "/p/{p}/a/{id}"))).toBe(0);
    expect(none(model("a.delete", "DELETE", "/a/{id}/x"))).toBe(0);
    expect(none(model("a.delete", "DELETE", "/a/id}"))).toBe(0);
    expect(none(model("a.delete", "DELETE", "/a/{id"))).toBe(0);
  });

  it("counts a create only beside a list or item path, and only without path parameters", () => {
    const withCreate = (create: OperationModel) => findCollections(docWith(), [gates.list, create]).get("gates")!;
    expect(withCreate(gates.create).create).toBe(gates.create);
    expect(withCreate(model("gates.create", "POST", "/gates/{id}/copy")).create).toBeUndefined();
    expect(withCreate(model("gates.create", "PUT", "/gates")).create).toBeUndefined();
  });

  it("leaves out operations marked x-simulator-role: stateless", () => {
    const doc = docWith({ "GET /gates": { "x-simulator-role": "stateless" } });
    expect(findCollections(doc, [gates.list, gates.create]).size).toBe(0);
    expect(findCollections(docWith({ "GET /gates": { "x-simulator-role": "other" } }), [gates.list]).size).toBe(1);
  });
});

describe("roleOf", () => {
  const everyField = () => new Set(["id", "name", "type"]);
  const roleIn = (ops: OperationModel[], op: OperationModel, doc = docWith(), fields: (c: CollectionShape) => Set<string> = everyField) =>
    roleOf(doc, op, findCollections(doc, ops), fields);
  const summary = (ops: OperationModel[], op: OperationModel, doc = docWith()) => {
    const role = roleIn(ops, op, doc);
    return [role.role, role.collection?.name, role.sub?.kind, role.sub?.verb, role.sub?.by].filter((part) => part !== undefined).join(" ");
  };
  const all = Object.values(gates);

  it("gives a collection's own operations their lifecycle roles", () => {
    expect(all.map((op) => summary(all, op))).toEqual(["list gates", "create gates", "get gates", "update gates", "patch gates", "delete gates"]);
    // The get by key is not a lookup by other fields; an update answering the whole body is still the update.
    expect(roleIn(all, gates.get)).toEqual({ role: "get", collection: expect.objectContaining({ name: "gates" }) });
    const update = model("gates.update", "POST", "/gates/{id}", { success: { status: "200", contentType: "application/json", kind: "body" } });
    expect(summary([gates.list, update], update)).toBe("update gates");
  });

  it("needs every path parameter of a lookup to name an entity field", () => {
    const byTwo = model("gates.getByNameAndType", "GET", "/gates/by/{name}/{type}");
    expect(roleIn([...all, byTwo], byTwo).lookup).toEqual(["name", "type"]);
    expect(roleIn([...all, byTwo], byTwo, docWith(), () => new Set(["name"])).role).toBe("stateless");
  });

  it("makes an operation marked stateless stateless, even inside a collection", () => {
    const doc = docWith({ "POST /gates/{id}": { "x-simulator-role": "stateless" } });
    expect(roleOf(doc, gates.update, findCollections(docWith(), all), everyField)).toEqual({ role: "stateless" });
  });

  it("reads one entity by other path parameters when each names a field of the entity", () => {
    const byName = model("gates.getByName", "GET", "/gates/by-name/{name}");
    expect(roleIn([...all, byName], byName)).toEqual({ role: "get", collection: expect.objectContaining({ name: "gates" }), lookup: ["name"] });
    expect(roleIn([...all, byName], byName, docWith(), () => new Set(["id"])).role).toBe("stateless");
    // Only reads of data by a get… verb with path parameters.
    expect(roleIn([...all, byName], { ...byName, operationId: "gates.findByName", segments: ["gates", "findByName"] }).role).toBe("stateless");
    expect(roleIn([...all, byName], { ...byName, method: "POST" }).role).toBe("stateless");
    expect(roleIn([...all, byName], { ...byName, success: listing.success }).role).toBe("stateless");
    expect(roleIn([...all, byName], { ...byName, pathParams: [] }).role).toBe("stateless");
  });

  it("does not make an item-path read that does not answer data a get, nor a PUT on the item path anything", () => {
    const text = model("gates.get", "GET", "/gates/{id}", { success: { status: "200", contentType: "text/plain", kind: "text" } });
    expect(roleIn([gates.list, gates.delete, text], text).role).toBe("stateless");
    const put = model("gates.replace", "PUT", "/gates/{id}");
    expect(roleIn([...all, put], put).role).toBe("stateless");
  });

  it("makes operations of a rules, overrides or ID-list group under the item path sub-collection operations, by id or by name", () => {
    const sub = (operationId: string, method: string, path: string) => {
      const op = model(operationId, method, path);
      return summary([...all, op], op);
    };
    expect(sub("gates.rules.patch", "PATCH", "/gates/{id}/rules/{ruleId}")).toBe("sub gates rules patch id");
    expect(sub("gates.rules.deleteByName", "DELETE", "/gates/{id}/rules/{ruleName}")).toBe("sub gates rules deleteByName name");
    expect(sub("gates.rules.list", "GET", "/gates/{id}/rules")).toBe("sub gates rules list");
    expect(sub("gates.overrides.update", "POST", "/gates/{id}/overrides")).toBe("sub gates overrides update");
    expect(sub("gates.idList.add", "POST", "/gates/{id}/id_list")).toBe("sub gates idList add");
    expect(sub("gates.userStoreIdList.add", "POST", "/gates/{id}/user_store")).toBe("sub gates idList add");
    // Another group, or one not directly under the collection's prefix, is scoped to the entity.
    expect(sub("gates.checks.get", "GET", "/gates/{id}/checks")).toBe("scoped gates");
    expect(sub("other.rules.list", "GET", "/gates/{id}/rules")).toBe("scoped gates");
    expect(sub("gates.x.rules.list", "GET", "/gates/{id}/rules")).toBe("scoped gates");
  });

  it("makes an operation with x-simulator-sets, or a PUT/PATCH of <item>/<word>, a state change", () => {
    const enable = model("gates.enable", "PUT", "/gates/{id}/enable");
    expect(roleIn([...all, enable], enable)).toEqual({ role: "state", collection: expect.objectContaining({ name: "gates" }), sets: {} });
    const patchWord = model("gates.tweak", "PATCH", "/gates/{id}/tweak");
    expect(roleIn([...all, patchWord], patchWord).role).toBe("state");
    const launch = model("gates.launch", "POST", "/gates/{id}/launch");
    const doc = docWith({ "POST /gates/{id}/launch": { "x-simulator-sets": { status: "Launched" } } });
    expect(roleIn([...all, launch], launch, doc)).toEqual({ role: "state", collection: expect.objectContaining({ name: "gates" }), sets: { status: "Launched" } });
    // Not a word (a parameter, or deeper), or another method: scoped.
    for (const op of [
      model("gates.putParam", "PUT", "/gates/{id}/{other}"),
      model("gates.putDeep", "PUT", "/gates/{id}/a/b"),
      model("gates.postWord", "POST", "/gates/{id}/word"),
      model("gates.deleteWord", "DELETE", "/gates/{id}/word"),
    ])
      expect(roleIn([...all, op], op).role, op.operationId).toBe("scoped");
  });

  it("refuses x-simulator-sets that is not a map of fields", () => {
    const launch = model("gates.launch", "POST", "/gates/{id}/launch");
    const doc = docWith({ "POST /gates/{id}/launch": { "x-simulator-sets": ["status"] } });
    expect(() => roleIn([...all, launch], launch, doc)).toThrow(
      new SpecError("POST /gates/{id}/launch: x-simulator-sets must map entity fields to the values a state change gives them"),
    );
  });

  it("scopes an operation to the collection whose item path its path continues, segment by segment", () => {
    const usage = model("gates.usage", "GET", "/gates/{id}/usage");
    expect(summary([...all, usage], usage)).toBe("scoped gates");
    // /gates/{id}x is not under /gates/{id}.
    const beside = model("gatesx.get", "GET", "/gates/{id}x/y");
    expect(summary([...all, beside], beside)).toBe("stateless");
  });

  it("makes everything outside a collection stateless", () => {
    const company = model("company.get", "GET", "/company");
    expect(roleIn([...all, company], company)).toEqual({ role: "stateless" });
    const single = model("ping", "GET", "/gates/{id}/ping");
    expect(summary([...all, single], single)).toBe("scoped gates");
  });
});
