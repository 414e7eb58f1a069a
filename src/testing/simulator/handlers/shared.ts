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
  const { status, message } = call.entry;
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

/** The spec's example success answer (a copy). */
export function exampleAnswer(call: Call): Response {
  const example = call.entry.example === undefined ? undefined : simulatorTable.examples[call.entry.example];
  return respond(call.entry.status, structuredClone(example ?? undefined));
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

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "array";
  return value === null ? "null" : typeof value;
}

/**
 * The body's fields that fit the entity: a field the entity does not have, or of the same JSON kind
 * as the entity's (a target app sent as one id is not copied over a list). Rules get ids.
 */
export function fitted(reference: Entity, body: unknown, call: Call, definition: SimulatorCollection): Entity {
  if (!isObject(body)) return {};
  const out: Entity = {};
  for (const [field, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (field === definition.fields.rules) out[field] = withRuleIds(value, call);
    else if (!(field in reference) || reference[field] === null || kindOf(reference[field]) === kindOf(value)) out[field] = value;
  }
  return out;
}

/** Rules as the API returns them: each with an `id` and a `baseID`. */
export function withRuleIds(rules: unknown, call: Call): JsonObject[] {
  if (!Array.isArray(rules)) return [];
  return rules.filter(isObject).map((rule) => {
    const id = typeof rule.id === "string" ? rule.id : call.newId("rule");
    return { environments: null, ...rule, id, baseID: typeof rule.baseID === "string" ? rule.baseID : id };
  });
}
