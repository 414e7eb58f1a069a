// An in-memory Console API for demos and for users' own tests: a fetch function, no network (and,
// through startSimulator in server.ts, a real HTTP server). It dispatches on the generated table
// (generated/simulator.ts): every collection has its lifecycle, state changes set their fields,
// rules, overrides and ID lists are sub-collections, and operations without state answer the
// spec's example. Input is checked against the request schemas; keys and rate limits like the API.
import { DEFAULT_RATE_LIMITS, operations, type RateLimitOptions } from "../../generated/operations.js";
import type { SimulatorCollectionName } from "../../generated/simulator.js";
import { UNLIMITED_GROUP, type OperationDescriptor } from "../core/operation.js";
import { createOperationRoutes } from "../core/operation-routes.js";
import type { Window } from "../core/transport/rate-limiter.js";
import type { FetchFunction } from "../core/transport/send.js";
import { errorResponse } from "./simulator/answers.js";
import type { Call } from "./simulator/call.js";
import { create, get, list, patch, remove, update } from "./simulator/handlers/collection.js";
import { idList } from "./simulator/handlers/id-list.js";
import { overrides } from "./simulator/handlers/overrides.js";
import { rules } from "./simulator/handlers/rules.js";
import { exampleAnswer, withRuleIds } from "./simulator/handlers/shared.js";
import { changeState, scoped } from "./simulator/handlers/state.js";
import { parseBody, parseQuery } from "./simulator/input.js";
import { ServerWindows } from "./simulator/limits.js";
import { COLLECTION_NAMES, collectionDefinition, type Entity, EntityStore, isCollectionName, SimulatorSeedError, templateOf } from "./simulator/store.js";
import { simulatorTable } from "../../generated/simulator.js";
import type { SimulatorRole, SubCollectionKind } from "./simulator/table.js";

export type { SimulatorCollectionName };
export { SimulatorSeedError };

/** An entity to seed: the fields to set (the rest comes from a valid default entity). It needs its key (`id`, or `name` where the API addresses entities by name). */
export type SeedEntity = Readonly<Record<string, unknown>>;

/** Entities to start with, by collection. */
export type SimulatorSeed = Partial<Record<SimulatorCollectionName, readonly SeedEntity[]>>;

export interface SimulatorOptions {
  /** Server-side limits per API key; `false` turns them off. Default: the published limits. */
  rateLimit?: false | RateLimitOptions | undefined;
  /** Clock, in ms (for tests with fake time): entity timestamps and the limit windows. Default: Date.now for timestamps, performance.now for windows (a server's windows do not follow the caller's wall clock). */
  now?: (() => number) | undefined;
  /** The API keys accepted: a list, or a test. Default: any key that starts with `console-`. Others get the API's 401. */
  apiKeys?: readonly string[] | ((apiKey: string) => boolean) | undefined;
  /** Entities the simulator starts with (and goes back to on `reset()`). */
  seed?: SimulatorSeed | undefined;
}

export interface SimulatedRequest {
  method: string;
  /** Path and query, as received. */
  path: string;
  status: number;
  /** The operation the request reached, when it reached one. */
  operationId?: string;
}

const routes = createOperationRoutes(Object.values(operations));
const API_KEY_HEADER = "statsig-api-key";

const SUB_HANDLERS: Record<SubCollectionKind, (call: Call) => Response> = { rules, overrides, idList };
const HANDLERS: Record<SimulatorRole, (call: Call) => Response> = {
  list,
  create,
  get,
  update,
  patch,
  delete: remove,
  state: changeState,
  sub: (call) => SUB_HANDLERS[call.entry.sub!.kind](call),
  scoped,
  stateless: exampleAnswer,
};

/** An opaque, stable id for an API key (FNV-1a): what audit fields and limit windows use, never the key. */
function keyIdOf(apiKey: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < apiKey.length; i++) hash = Math.imul(hash ^ apiKey.charCodeAt(i), 0x01000193) >>> 0;
  return `apikey_${hash.toString(16).padStart(8, "0")}`;
}

function pathValuesOf(operation: OperationDescriptor, pathname: string): string[] {
  const template = operation.path.split("/");
  const actual = pathname.split("/");
  const values: string[] = [];
  template.forEach((segment, index) => {
    if (segment.startsWith("{")) values.push(decodeURIComponent(actual[index] ?? ""));
  });
  return values;
}

export class ConsoleSimulator {
  /** Every request the simulator answered, in order. */
  readonly requests: SimulatedRequest[] = [];
  readonly #store = new EntityStore();
  readonly #windows: ServerWindows;
  readonly #now: () => number;
  readonly #windowClock: () => number;
  readonly #accepts: (apiKey: string) => boolean;
  readonly #initial: SimulatorSeed;

  constructor(options: SimulatorOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#windowClock = options.now ?? (() => performance.now());
    const limits = options.rateLimit;
    const windows: Record<string, readonly Window[]> =
      limits === false ? {} : Object.fromEntries(Object.entries(DEFAULT_RATE_LIMITS).map(([group, defaults]) => [group, limits?.[group as keyof RateLimitOptions] ?? defaults]));
    this.#windows = new ServerWindows(windows);
    const keys = options.apiKeys;
    this.#accepts = typeof keys === "function" ? keys : keys ? (apiKey) => keys.includes(apiKey) : (apiKey) => apiKey.startsWith("console-");
    this.#initial = options.seed ?? {};
    this.#seedAll(this.#initial);
  }

  /** Entities by collection (facade name, e.g. `dynamicConfigs`) and key. */
  get collections(): ReadonlyMap<SimulatorCollectionName, Map<string, Entity>> {
    return this.#store.collections;
  }

  /**
   * Puts entities into a collection, as if created earlier: each is a valid default entity with the
   * fields given. Throws SimulatorSeedError for a collection the simulator does not keep (a compile
   * error too) or an entity without its key.
   */
  seed(collection: SimulatorCollectionName, entities: readonly SeedEntity[]): this {
    if (!isCollectionName(collection)) {
      throw new SimulatorSeedError(`no collection ${JSON.stringify(collection)} to seed; the simulator keeps ${COLLECTION_NAMES.join(", ")}`, String(collection));
    }
    const definition = collectionDefinition(collection);
    const store = this.#store.of(collection);
    const nowMs = this.#now();
    for (const given of entities) {
      const key = given[definition.key] ?? (definition.key === "id" ? given.name : undefined);
      if (typeof key !== "string" || key === "") {
        throw new SimulatorSeedError(`a ${collection} entity to seed needs a string ${definition.key}${definition.key === "id" ? " (or name)" : ""}`, collection);
      }
      const template = templateOf(definition);
      const entity: Entity = {
        ...template,
        ...("createdTime" in template ? { createdTime: nowMs, lastModifiedTime: nowMs } : {}),
        ...structuredClone(given),
        [definition.key]: key,
      };
      const rulesField = definition.fields.rules;
      if (rulesField) entity[rulesField] = withRuleIds(entity[rulesField], (prefix) => this.#store.newId(prefix));
      store.set(key, entity);
    }
    return this;
  }

  /** Back to the start: the seed given to the constructor, no requests, empty limit windows. */
  reset(): this {
    this.#store.clear();
    this.#windows.clear();
    this.requests.length = 0;
    this.#seedAll(this.#initial);
    return this;
  }

  /** A copy of every collection's entities, by facade name. */
  snapshot(): Record<SimulatorCollectionName, Entity[]> {
    const copy = {} as Record<SimulatorCollectionName, Entity[]>;
    for (const [name, entities] of this.#store.collections) copy[name] = structuredClone([...entities.values()]);
    return copy;
  }

  /** Use as the client's `fetch`. */
  readonly fetch: FetchFunction = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const { response, operationId } = await this.#handle(request, url);
    const entry: SimulatedRequest = { method: request.method, path: url.pathname + url.search, status: response.status };
    if (operationId !== undefined) entry.operationId = operationId;
    this.requests.push(entry);
    return response;
  };

  #seedAll(seed: SimulatorSeed): void {
    for (const [name, entities] of Object.entries(seed)) if (entities) this.seed(name as SimulatorCollectionName, entities);
  }

  #callFor(operation: OperationDescriptor, pathValues: string[], body: unknown, query: Record<string, unknown>, url: URL, modifier: Call["modifier"]): Call {
    const store = this.#store;
    return {
      entry: simulatorTable.operations[operation.id]!,
      descriptor: operation,
      pathValues,
      body,
      query,
      url,
      nowMs: this.#now(),
      modifier,
      store,
      newId: (prefix) => store.newId(prefix),
    };
  }

  async #handle(request: Request, url: URL): Promise<{ response: Response; operationId?: string }> {
    const apiKey = request.headers.get(API_KEY_HEADER);
    if (apiKey === null || !this.#accepts(apiKey)) return { response: errorResponse(401, "Invalid or missing Console API key") };
    const operation = routes.match(request.method, url.pathname);
    if (!operation) return { response: errorResponse(404, `No operation for ${request.method} ${url.pathname}`) };
    const operationId = operation.id;
    const keyId = keyIdOf(apiKey);
    if (operation.rateLimitGroup !== UNLIMITED_GROUP) {
      const refused = this.#windows.arrive(keyId, operation.rateLimitGroup, this.#windowClock());
      if (refused) {
        const response = errorResponse(429, "Too many requests", undefined, { "retry-after": String(refused.retryAfterSeconds) });
        return { response, operationId };
      }
    }
    const entry = simulatorTable.operations[operationId];
    if (!entry) return { response: errorResponse(500, `The simulator has no table entry for ${operationId}`), operationId };
    const query = parseQuery(entry, url.searchParams);
    if (query instanceof Response) return { response: query, operationId };
    const body = parseBody(entry, await request.text());
    if (body instanceof Response) return { response: body, operationId };
    const call = this.#callFor(operation, pathValuesOf(operation, url.pathname), body.body, query.query, url, { id: keyId, name: "Console API" });
    return { response: HANDLERS[entry.role](call), operationId };
  }
}
