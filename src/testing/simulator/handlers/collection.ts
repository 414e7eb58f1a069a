// The lifecycle of every collection: list (filters, pages), create, get, full update, patch, delete.
import { isObject } from "../../../core/json.js";
import { errorResponse, notFound } from "../answers.js";
import type { Call } from "../call.js";
import { collectionDefinition, type Entity, templateOf } from "../store.js";
import { answer, answerEntity, fitted, locate, touched } from "./shared.js";

function matches(entity: Entity, field: string, match: "any" | "equal", wanted: unknown): boolean {
  const values = (Array.isArray(wanted) ? wanted : [wanted]).map(String);
  if (values.length === 0) return true;
  const actual = entity[field];
  if (match === "any") return Array.isArray(actual) && actual.some((item) => values.includes(String(isObject(item) && "name" in item ? item.name : item)));
  return values.includes(String(actual));
}

/** The `pagination` object of a page: where it sits, and relative links to its neighbours with the same filters. */
export function pagination(url: URL, page: number, limit: number, totalItems: number) {
  const link = (to: number): string => {
    const query = new URLSearchParams(url.searchParams);
    query.set("page", String(to));
    query.set("limit", String(limit));
    return `${url.pathname}?${query}`;
  };
  return {
    itemsPerPage: limit,
    pageNumber: page,
    totalItems,
    nextPage: page * limit < totalItems ? link(page + 1) : null,
    previousPage: page > 1 ? link(page - 1) : null,
  };
}

/** Page and limit from the validated query; `limit` defaults to 100. */
export function pageOf(call: Call): { page: number; limit: number } {
  const page = typeof call.query.page === "number" ? call.query.page : 1;
  const limit = typeof call.query.limit === "number" ? call.query.limit : 100;
  return { page, limit };
}

export function list(call: Call): Response {
  let items = [...call.store.of(call.entry.collection!).values()];
  const hidden = call.entry.hidden;
  if (hidden && call.query[hidden.unless] !== true) items = items.filter((entity) => !hidden.values.includes(entity[hidden.field]));
  for (const [field, match] of Object.entries(call.entry.filters ?? {})) {
    const wanted = call.query[field];
    if (wanted !== undefined) items = items.filter((entity) => matches(entity, field, match, wanted));
  }
  const { page, limit } = pageOf(call);
  const data = items.slice((page - 1) * limit, page * limit);
  return answer(call, data, { pagination: pagination(call.url, page, limit, items.length) });
}

export function create(call: Call): Response {
  const name = call.entry.collection!;
  const definition = collectionDefinition(name);
  const entities = call.store.of(name);
  const body = isObject(call.body) ? call.body : {};
  const template = templateOf(definition);
  const given = body[definition.key];
  const key =
    typeof given === "string" && given !== "" ? given : definition.keyFromName && typeof body.name === "string" ? body.name : call.newId(name.split(".").at(-1)!.replace(/s$/, ""));
  if (entities.has(key)) return errorResponse(409, `${name} ${JSON.stringify(key)} already exists`);
  const entity = touched({ ...template, ...fitted(body, call, definition), [definition.key]: key }, call, true);
  // Collections addressed by name still have ids of their own: not the template's.
  if (definition.key !== "id" && "id" in template && body.id === undefined) entity.id = call.newId(definition.key);
  if (definition.fields.rules && !Array.isArray(entity[definition.fields.rules])) entity[definition.fields.rules] = [];
  entities.set(key, entity);
  return answerEntity(call, entity);
}

export function get(call: Call): Response {
  if (call.entry.lookup) {
    const fields = call.entry.lookup;
    const name = call.entry.collection!;
    const found = [...call.store.of(name).values()].find((entity) => fields.every((field, index) => String(entity[field]) === call.pathValues[index]));
    return found ? answerEntity(call, found) : notFound(name, call.pathValues.join("/"));
  }
  const located = locate(call);
  return located instanceof Response ? located : answerEntity(call, located.entity);
}

/** A full update: the body replaces the entity; what it leaves out goes back to the defaults. Identity and creation stay. */
export function update(call: Call): Response {
  const located = locate(call);
  if (located instanceof Response) return located;
  const { definition, entities, key, entity } = located;
  const template = templateOf(definition);
  const kept: Entity = {};
  for (const field of ["name", "createdTime", "creatorID", "creatorName", "creatorEmail"]) if (field in entity) kept[field] = entity[field];
  const updated = touched({ ...template, ...kept, ...fitted(call.body, call, definition), [definition.key]: key }, call);
  entities.set(key, updated);
  return answerEntity(call, updated);
}

export function patch(call: Call): Response {
  const located = locate(call);
  if (located instanceof Response) return located;
  const { definition, entities, key, entity } = located;
  const updated = touched({ ...entity, ...fitted(call.body, call, definition), [definition.key]: key }, call);
  entities.set(key, updated);
  return answerEntity(call, updated);
}

export function remove(call: Call): Response {
  const located = locate(call);
  if (located instanceof Response) return located;
  located.entities.delete(located.key);
  call.store.dropSide(call.entry.collection!, located.key);
  return answerEntity(call, located.entity);
}
