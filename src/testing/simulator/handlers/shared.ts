// What several handlers do: answer in the operation's envelope, find the entity a path names, keep
// audit fields, fit a request body onto an entity, give rules their ids.
import { isObject, type JsonObject } from "../../../core/json.js";
import { simulatorTable } from "../../../../generated/simulator.js";
import { notFound, respond } from "../answers.js";
import type { Call } from "../call.js";
import { collectionDefinition, type Entity } from "../store.js";
import type { SimulatorCollection } from "../table.js";

/** The success answer: `{ message, data }`, `{ message }`, or the body itself, as the operation's response kind says. */
export function answer(call: Call, data: unknown, extra: JsonObject = {}): Response {
  const { status = 200, message = "OK" } = call.entry;
  switch (call.descriptor.response) {
    case "message":
      return respond(status, { message });
    case "none":
      return respond(status, undefined);
    case "data":
    case "list":
      return respond(status, { message, data, ...extra });
    default:
      return respond(status, data);
  }
}

/** A lifecycle answer: the entity, or where the answer has another shape, the example's data with the entity's values. */
export function answerEntity(call: Call, entity: Entity): Response {
  if (call.entry.returns !== "merged" || call.entry.example === undefined) return answer(call, entity);
  const example = simulatorTable.examples[call.entry.example];
  const data: JsonObject = isObject(example) && isObject(example.data) ? structuredClone(example.data) : {};
  for (const field of call.entry.picks ?? []) if (field in entity) data[field] = entity[field];
  return answer(call, data);
}

/** The spec's example success answer (a copy). */
export function exampleAnswer(call: Call): Response {
  const example = call.entry.example === undefined ? undefined : simulatorTable.examples[call.entry.example];
  return respond(call.entry.status ?? 200, structuredClone(example ?? undefined));
}

export interface Located {
  definition: SimulatorCollection;
  entities: Map<string, Entity>;
  key: string;
  entity: Entity;
}

/** The entity the first path value names in the operation's collection, or the 404 answer. */
export function locate(call: Call): Located | Response {
  const name = call.entry.collection!;
  const definition = collectionDefinition(name);
  const entities = call.store.of(name);
  const key = call.pathValues[0] ?? "";
  const entity = entities.get(key);
  return entity ? { definition, entities, key, entity } : notFound(name, key);
}

/** Audit fields for a change now, on an entity that has them. */
export function touched(entity: Entity, call: Call, created = false): Entity {
  if (!("lastModifiedTime" in entity || "createdTime" in entity)) return entity;
  const next: Entity = { ...entity, lastModifiedTime: call.nowMs };
  if ("lastModifierID" in entity) next.lastModifierID = call.modifier.id;
  if ("lastModifierName" in entity) next.lastModifierName = call.modifier.name;
  if ("lastModifierEmail" in entity) next.lastModifierEmail = null;
  if (created) {
    next.createdTime = call.nowMs;
    if ("creatorID" in entity) next.creatorID = call.modifier.id;
    if ("creatorName" in entity) next.creatorName = call.modifier.name;
    if ("creatorEmail" in entity) next.creatorEmail = null;
  }
  return next;
}

/**
 * The body's fields the entity keeps as sent: all but those the table skips (a target app sent as
 * one id is not copied over the entity's list of them). Rules get ids.
 */
export function fitted(body: unknown, call: Call, definition: SimulatorCollection): Entity {
  if (!isObject(body)) return {};
  const skips = call.entry.skips ?? [];
  const out: Entity = {};
  for (const [field, value] of Object.entries(body)) {
    if (value === undefined || skips.includes(field)) continue;
    out[field] = field === definition.fields.rules ? withRuleIds(value, call.newId) : value;
  }
  return out;
}

/** Rules as the API returns them: each with an `id` and a `baseID`. */
export function withRuleIds(rules: unknown, newId: (prefix: string) => string): JsonObject[] {
  if (!Array.isArray(rules)) return [];
  return rules.filter(isObject).map((rule) => {
    const id = typeof rule.id === "string" ? rule.id : newId("rule");
    return { environments: null, ...rule, id, baseID: typeof rule.baseID === "string" ? rule.baseID : id };
  });
}
