// ID overrides as a sub-collection kept beside the entity: read, replace, add to, remove from.
import { isObject, type JsonObject } from "../../../core/json.js";
import { simulatorTable } from "../../../../generated/simulator.js";
import type { Call } from "../call.js";
import { answer, locate, touched } from "./shared.js";

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function overrides(call: Call): Response {
  const located = locate(call);
  if (located instanceof Response) return located;
  const { definition, entities, key, entity } = located;
  const emptyIndex = definition.empty?.overrides;
  const empty = (emptyIndex === undefined ? {} : structuredClone(simulatorTable.examples[emptyIndex])) as JsonObject;
  const side = call.store.side(call.entry.collection!, key);
  const current = side.overrides ?? empty;
  const body = isObject(call.body) ? call.body : {};
  const verb = call.entry.sub!.verb;
  let next: JsonObject | undefined;
  if (verb === "update") next = { ...empty, ...body };
  else if (verb === "patch") {
    next = { ...current };
    for (const [field, value] of Object.entries(body)) {
      const existing = current[field];
      next[field] = Array.isArray(value) && Array.isArray(existing) ? [...existing, ...value.filter((item) => !existing.some((kept) => same(kept, item)))] : value;
    }
  } else if (verb === "delete") {
    // Without a body every override goes; with one, the entries it lists.
    if (Object.keys(body).length === 0) next = empty;
    else {
      next = { ...current };
      for (const [field, value] of Object.entries(body)) {
        const existing = current[field];
        if (Array.isArray(value) && Array.isArray(existing)) next[field] = existing.filter((kept) => !value.some((item) => same(kept, item)));
      }
    }
  }
  if (next !== undefined) {
    side.overrides = next;
    entities.set(key, touched(entity, call));
  }
  return answer(call, side.overrides ?? empty);
}
