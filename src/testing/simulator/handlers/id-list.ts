// A segment's ID list as a sub-collection kept beside the entity: add, remove, reset, read in pages.
import { isObject } from "../../../core/json.js";
import type { Call } from "../call.js";
import { pageOf, pagination } from "./collection.js";
import { answer, exampleAnswer, locate, touched } from "./shared.js";

export function idList(call: Call): Response {
  const located = locate(call);
  if (located instanceof Response) return located;
  const { entities, key, entity } = located;
  const side = call.store.side(call.entry.collection!, key);
  const list = side.idList ?? { ids: new Set<string>(), version: 0 };
  side.idList = list;
  const ids = isObject(call.body) && Array.isArray(call.body.ids) ? call.body.ids.map(String) : [];
  const verb = call.entry.sub!.verb;
  if (verb === "add" || verb === "remove" || verb === "reset") {
    if (verb === "reset") list.ids.clear();
    for (const id of ids) verb === "remove" ? list.ids.delete(id) : list.ids.add(id);
    list.version++;
    entities.set(key, touched(entity, call));
  }
  if (call.entry.returns !== "value") return call.entry.returns === "example" ? exampleAnswer(call) : answer(call, undefined);
  const { page, limit } = pageOf(call);
  const all = [...list.ids];
  return answer(
    call,
    { name: entity.name ?? key, count: all.length, ids: all.slice((page - 1) * limit, page * limit) },
    { pagination: pagination(call.url, page, limit, all.length) },
  );
}
