// An in-memory Console API for demos and for users' own tests: a fetch function, no network.
// Collections that hold entities behave like the real API (create, read, list with pages, update, patch, delete,
// state changes, rules); every other operation answers with the spec's example response.
// Mutations are rate limited like the server (sliding windows; rejected attempts count).
import spec from "../../generated/openapi.json" with { type: "json" };
import { DEFAULT_RATE_LIMITS, operations, type RateLimitOptions } from "../../generated/operations.js";
import { UNLIMITED_GROUP, type OperationDescriptor } from "../core/operation.js";
import { createOperationRoutes } from "../core/operation-routes.js";
import type { Window } from "../core/transport/rate-limiter.js";
import type { FetchFunction } from "../core/transport/send.js";

type Entity = Record<string, unknown>;
type JsonObject = Record<string, unknown>;

export interface SimulatorOptions {
  /** Server-side limits to enforce on mutations; `false` turns them off. Default: the published limits. */
  rateLimit?: false | RateLimitOptions | undefined;
  /** Clock, in ms (for tests with fake time): entity timestamps and the limit windows. Default: Date.now for timestamps, performance.now for windows (a server's windows do not follow the caller's wall clock). */
  now?: (() => number) | undefined;
}

export interface SimulatedRequest {
  method: string;
  path: string;
  status: number;
}

const PREFIX = "/console/v1/";
/** Fields a state change sets, beyond what its example response shows. */
const ENABLED_BY_ACTION: Record<string, boolean> = { enable: true, disable: false };

const routes = createOperationRoutes(Object.values(operations));
const lookup = routes.match;

function successExample(operation: OperationDescriptor): { status: number; body: unknown } {
  const item = (spec.paths as Record<string, JsonObject>)[operation.path] ?? {};
  const op = (item[operation.method.toLowerCase()] ?? {}) as JsonObject;
  const responses = (op.responses ?? {}) as Record<string, JsonObject>;
  const status =
    Object.keys(responses)
      .filter((code) => /^2\d\d$/.test(code))
      .sort()[0] ?? "200";
  const content = (responses[status]?.content ?? {}) as Record<string, JsonObject>;
  const media = content["application/json"] ?? Object.values(content)[0];
  return { status: Number(status), body: structuredClone(media?.example) };
}

function respond(status: number, body: unknown): Response {
  if (typeof body === "string") return new Response(body, { status, headers: { "content-type": "text/csv" } });
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function error(status: number, message: string): Response {
  return respond(status, { status, message });
}

export class ConsoleSimulator {
  /** Entities by collection (`gates`, `dynamic_configs`, …) and id. */
  readonly collections = new Map<string, Map<string, Entity>>();
  /** Every request the simulator answered. */
  readonly requests: SimulatedRequest[] = [];
  readonly #windows: Record<string, Window[]>;
  readonly #starts: Record<string, number[]> = {};
  readonly #now: () => number;
  readonly #windowClock: () => number;
  #nextId = 1;

  constructor(options: SimulatorOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#windowClock = options.now ?? (() => performance.now());
    const limits = options.rateLimit;
    this.#windows =
      limits === false ? {} : Object.fromEntries(Object.entries(DEFAULT_RATE_LIMITS).map(([group, windows]) => [group, limits?.[group as keyof RateLimitOptions] ?? windows]));
  }

  /** Put entities into a collection, as if created earlier. */
  seed(collection: string, entities: Entity[]): this {
    const store = this.#collection(collection);
    for (const entity of entities) store.set(String(entity.id), structuredClone(entity));
    return this;
  }

  /** Use as the client's `fetch`. */
  readonly fetch: FetchFunction = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const response = await this.#handle(request, url);
    this.requests.push({ method: request.method, path: url.pathname + url.search, status: response.status });
    return response;
  };

  #collection(name: string): Map<string, Entity> {
    let store = this.collections.get(name);
    if (!store) {
      store = new Map();
      this.collections.set(name, store);
    }
    return store;
  }

  /** Server-side sliding windows, counted when the request arrives: a request over any window is rejected, and still counted. */
  #overLimit(group: string): boolean {
    const windows = this.#windows[group];
    if (!windows) return false;
    const now = this.#windowClock();
    const starts = this.#starts[group] ?? [];
    this.#starts[group] = starts;
    const over = windows.some(({ limit, intervalMs }) => starts.filter((t) => t > now - intervalMs).length >= limit);
    starts.push(now);
    const horizon = Math.max(...windows.map((w) => w.intervalMs));
    while (starts.length > 0 && starts[0]! <= now - horizon) starts.shift();
    return over;
  }

  async #handle(request: Request, url: URL): Promise<Response> {
    const key = request.headers.get("statsig-api-key");
    if (!key?.startsWith("console-")) return error(401, "Invalid or missing Console API key");
    const operation = lookup(request.method, url.pathname);
    if (!operation) return error(404, `No operation for ${request.method} ${url.pathname}`);
    if (operation.rateLimitGroup !== UNLIMITED_GROUP && this.#overLimit(operation.rateLimitGroup)) return error(429, "Too many requests");
    let body: JsonObject = {};
    const text = await request.text();
    if (text) {
      try {
        body = JSON.parse(text) as JsonObject;
      } catch {
        return error(400, "The request body is not valid JSON");
      }
    }
    return this.#simulate(operation, url.pathname, body, url.searchParams) ?? this.#example(operation);
  }

  #example(operation: OperationDescriptor): Response {
    const { status, body } = successExample(operation);
    return respond(status, body);
  }

  #envelope(operation: OperationDescriptor, message: string, data: unknown): Response {
    const { status } = successExample(operation);
    return respond(status, operation.response === "message" ? { message } : { message, data });
  }

  /** Entity defaults for a collection: the spec's example of reading one, so every required field is present. */
  #template(collection: string): Entity {
    const read = lookup("GET", `${PREFIX}${collection}/template`);
    const example = read ? (successExample(read).body as JsonObject | undefined) : undefined;
    const data = example?.data;
    return typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Entity) : {};
  }

  /** The `status` a state change's example response shows (e.g. `Archived`, `active`), if any. */
  #statusAfter(operation: OperationDescriptor): Entity {
    const data = (successExample(operation).body as JsonObject | undefined)?.data as Entity | undefined;
    return data && typeof data.status === "string" ? { status: data.status } : {};
  }

  /**
   * Collection semantics apply only where the operation's path has the shape of one:
   * `/{collection}`, `/{collection}/{id}`, `/{collection}/{id}/{action}`, `/{collection}/{id}/rules/{ruleID}`.
   */
  #simulate(operation: OperationDescriptor, pathname: string, body: JsonObject, query: URLSearchParams): Response | undefined {
    const template = operation.path.slice(PREFIX.length).split("/");
    const isParam = (index: number): boolean => /^\{[^}]+\}$/.test(template[index] ?? "");
    if (template.length > 1 && !isParam(1)) return undefined;
    if (template.length > 2 && isParam(2)) return undefined;
    if (template.length === 4 && !(template[2] === "rules" && isParam(3))) return undefined;
    if (template.length > 4 || isParam(0)) return undefined;
    const [collection, id, action, subId] = pathname.slice(PREFIX.length).split("/").map(decodeURIComponent);
    if (!collection) return undefined;
    const store = this.#collection(collection);
    const method = operation.method;
    const now = this.#now();

    if (id === undefined) {
      if (method === "GET" && operation.response === "list") {
        let items = [...store.values()];
        const tags = query.getAll("tags");
        if (tags.length > 0) items = items.filter((e) => Array.isArray(e.tags) && tags.some((t) => (e.tags as string[]).includes(t)));
        const limit = Number(query.get("limit") ?? 100);
        const page = Number(query.get("page") ?? 1);
        if (!(limit >= 1) || !(page >= 1)) return error(400, "page and limit must be positive integers");
        const data = items.slice((page - 1) * limit, page * limit);
        const more = page * limit < items.length;
        return respond(200, {
          message: "Listed successfully",
          data,
          pagination: {
            itemsPerPage: limit,
            pageNumber: page,
            totalItems: items.length,
            nextPage: more ? `${PREFIX}${collection}?page=${page + 1}&limit=${limit}` : null,
            previousPage: page > 1 ? `${PREFIX}${collection}?page=${page - 1}&limit=${limit}` : null,
          },
        });
      }
      if (method === "POST" && typeof body.name === "string") {
        const newId = body.name;
        if (store.has(newId)) return error(409, `${collection} ${newId} already exists`);
        const entity: Entity = {
          ...this.#template(collection),
          ...body,
          id: newId,
          name: body.name,
          createdTime: now,
          lastModifiedTime: now,
          rules: this.#withRuleIds(body.rules),
        };
        store.set(newId, entity);
        return this.#envelope(operation, "Created successfully", entity);
      }
      return undefined;
    }

    const entity = store.get(id);
    if (action === undefined) {
      if (!["GET", "PATCH", "POST", "DELETE"].includes(method)) return undefined;
      if (!entity) return store.size > 0 ? error(404, `${collection} ${id} not found`) : undefined;
      if (method === "GET") return this.#envelope(operation, "Read successfully", entity);
      if (method === "DELETE") {
        store.delete(id);
        return this.#envelope(operation, "Deleted successfully", entity);
      }
      const updated: Entity =
        method === "PATCH"
          ? { ...entity, ...body, id, lastModifiedTime: now }
          : { ...this.#template(collection), ...body, id, name: entity.name, createdTime: entity.createdTime, lastModifiedTime: now };
      if ("rules" in body) updated.rules = this.#withRuleIds(body.rules);
      store.set(id, updated);
      return this.#envelope(operation, "Updated successfully", updated);
    }

    // A collection the simulator holds entities for behaves like the API; an empty one answers with examples.
    if (!entity) return store.size > 0 ? error(404, `${collection} ${id} not found`) : undefined;
    if (method === "PUT" && subId === undefined && operation.response !== "list") {
      const enabled = ENABLED_BY_ACTION[action];
      const updated = { ...entity, ...this.#statusAfter(operation), ...(enabled === undefined ? {} : { isEnabled: enabled }), lastModifiedTime: now };
      store.set(id, updated);
      return this.#envelope(operation, `${action} succeeded`, updated);
    }
    const rules = Array.isArray(entity.rules) ? (entity.rules as Entity[]) : [];
    if (action === "rule" && method === "POST") {
      const [rule] = this.#withRuleIds([body]) as Entity[];
      const updated = { ...entity, rules: [...rules, rule], lastModifiedTime: now };
      store.set(id, updated);
      return this.#envelope(operation, "Rule added", updated);
    }
    if (action === "rules" && subId === undefined && method === "GET") return this.#envelope(operation, "Rules read", { rules });
    if (action === "rules" && subId !== undefined && (method === "PATCH" || method === "DELETE")) {
      const index = rules.findIndex((rule) => rule.id === subId);
      if (index === -1) return error(404, `rule ${subId} not found`);
      const next = [...rules];
      if (method === "PATCH") next[index] = { ...rules[index], ...body, id: subId, baseID: rules[index]!.baseID ?? subId };
      else next.splice(index, 1);
      const updated = { ...entity, rules: next, lastModifiedTime: now };
      store.set(id, updated);
      return this.#envelope(operation, method === "PATCH" ? "Rule updated" : "Rule deleted", updated);
    }
    return undefined;
  }

  #withRuleIds(rules: unknown): unknown {
    if (!Array.isArray(rules)) return rules ?? [];
    return rules.map((rule: Entity) => {
      const ruleId = typeof rule.id === "string" ? rule.id : `rule_${this.#nextId++}`;
      return { environments: null, ...rule, id: ruleId, baseID: typeof rule.baseID === "string" ? rule.baseID : ruleId };
    });
  }
}
