// Rules as a sub-collection of the entity's rules field: add one or many, list, read, change and
// remove one by id or name, change many by id, replace them all.
import { isObject, type JsonObject } from "../../../core/json.js";
import { errorResponse } from "../answers.js";
import type { Call } from "../call.js";
import { answer, exampleAnswer, locate, touched, withRuleIds } from "./shared.js";
import { pagination } from "./collection.js";

function rulesIn(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  return isObject(body) && Array.isArray(body.rules) ? body.rules : [];
}

export function rules(call: Call): Response {
  const located = locate(call);
  if (located instanceof Response) return located;
  const { definition, entities, key, entity } = located;
  const field = definition.fields.rules ?? "rules";
  const current = (Array.isArray(entity[field]) ? entity[field] : []) as JsonObject[];
  const sub = call.entry.sub!;
  const target = call.pathValues[1];
  const index = sub.by === undefined ? -1 : current.findIndex((rule) => rule[sub.by!] === target);
  if (sub.by !== undefined && index === -1) return errorResponse(404, `rule ${JSON.stringify(target)} not found on ${call.entry.collection} ${JSON.stringify(key)}`);

  const changed = (rule: JsonObject, change: unknown): JsonObject => ({ ...rule, ...(isObject(change) ? change : {}), id: rule.id, baseID: rule.baseID });
  let next: JsonObject[] | undefined;
  // The verbs are the facade's (the last segment of the operationId): one vocabulary for every entity with rules.
  if (sub.verb === "create") next = [...current, ...withRuleIds([call.body], call.newId)];
  else if (sub.verb === "createMany") next = [...current, ...withRuleIds(rulesIn(call.body), call.newId)];
  else if (sub.verb === "update") next = withRuleIds(rulesIn(call.body), call.newId);
  else if (sub.verb === "updateMany") {
    const changes = rulesIn(call.body).filter(isObject);
    const missing = changes.find((change) => !current.some((rule) => rule.id === change.id));
    if (missing) return errorResponse(404, `rule ${JSON.stringify(missing.id)} not found on ${call.entry.collection} ${JSON.stringify(key)}`);
    next = current.map((rule) =>
      changed(
        rule,
        changes.find((change) => change.id === rule.id),
      ),
    );
  } else if (sub.verb.startsWith("patch")) next = current.map((rule, i) => (i === index ? changed(rule, call.body) : rule));
  else if (sub.verb.startsWith("delete")) next = current.filter((_rule, i) => i !== index);
  const updated = next === undefined ? entity : touched({ ...entity, [field]: next }, call);
  if (next !== undefined) entities.set(key, updated);
  const after = (updated[field] ?? []) as JsonObject[];
  switch (call.entry.returns) {
    case "entity":
      return answer(call, updated);
    case "wrapped":
      return answer(call, { rules: after });
    case "wrappedList":
      return answer(call, [{ rules: after }], { pagination: pagination(call.url, 1, 100, 1) });
    case "item":
      return answer(call, after[index] ?? current[index]);
    case "message":
      return answer(call, undefined);
    default:
      return exampleAnswer(call);
  }
}
