// State changes (enable, archive, start, make a decision, …): the fields the table says they set.
import { isObject } from "../../../core/json.js";
import type { Call } from "../call.js";
import { answer, exampleAnswer, locate, touched } from "./shared.js";

const BODY_FIELD = "$body.";

function filledIn(template: unknown, call: Call): unknown {
  if (template === "$now") return call.nowMs;
  if (typeof template === "string" && template.startsWith(BODY_FIELD)) {
    const body = isObject(call.body) ? call.body : {};
    return body[template.slice(BODY_FIELD.length)] ?? null;
  }
  return template;
}

export function changeState(call: Call): Response {
  const located = locate(call);
  if (located instanceof Response) return located;
  const { entities, key, entity } = located;
  const sets = Object.fromEntries(Object.entries(call.entry.sets ?? {}).map(([field, template]) => [field, filledIn(template, call)]));
  const updated = touched({ ...entity, ...sets }, call);
  entities.set(key, updated);
  return call.entry.returns === "example" ? exampleAnswer(call) : answer(call, updated);
}

/** An operation on one entity the simulator keeps no state for (Pulse results, checks, references): 404 for an unknown entity, else the spec's example. */
export function scoped(call: Call): Response {
  const located = locate(call);
  return located instanceof Response ? located : exampleAnswer(call);
}
