// The simulator's state: entities by collection (facade name) and key, what sub-collections keep
// beside an entity (overrides, ID lists), and the counters that make ids.
import { isObject, type JsonObject } from "../../core/json.js";
import { simulatorTable } from "../../../generated/simulator.js";
import type { SimulatorCollectionName } from "../../../generated/simulator.js";
import type { SimulatorCollection } from "./table.js";

export type Entity = JsonObject;

/** What an entity keeps beside its own fields. */
export interface SideState {
  overrides?: JsonObject;
  idList?: { ids: Set<string>; version: number };
}

/** Thrown by `seed` for a collection the simulator does not keep, or an entity it cannot key. */
export class SimulatorSeedError extends Error {
  override name = "SimulatorSeedError";
  constructor(
    message: string,
    readonly collection: string,
  ) {
    super(message);
  }
}

export const COLLECTION_NAMES = Object.keys(simulatorTable.collections).sort() as SimulatorCollectionName[];

export function isCollectionName(name: string): name is SimulatorCollectionName {
  return Object.hasOwn(simulatorTable.collections, name);
}

export function collectionDefinition(name: string): SimulatorCollection {
  const definition = simulatorTable.collections[name];
  if (!definition) throw new SimulatorSeedError(`no collection ${JSON.stringify(name)}; the simulator keeps ${COLLECTION_NAMES.join(", ")}`, name);
  return definition;
}

/** A deep copy of the collection's template entity (a valid entity from the spec's examples, its lists emptied). */
export function templateOf(definition: SimulatorCollection): Entity {
  const template = simulatorTable.examples[definition.template];
  return isObject(template) ? structuredClone(template) : {};
}

export class EntityStore {
  readonly collections = new Map<SimulatorCollectionName, Map<string, Entity>>();
  readonly #side = new Map<string, SideState>();
  #nextId = 1;

  constructor() {
    this.clear();
  }

  clear(): void {
    this.collections.clear();
    for (const name of COLLECTION_NAMES) this.collections.set(name, new Map());
    this.#side.clear();
    this.#nextId = 1;
  }

  of(name: string): Map<string, Entity> {
    const store = isCollectionName(name) ? this.collections.get(name) : undefined;
    if (!store) throw new SimulatorSeedError(`no collection ${JSON.stringify(name)}; the simulator keeps ${COLLECTION_NAMES.join(", ")}`, name);
    return store;
  }

  side(collection: string, key: string): SideState {
    const id = `${collection}\u0000${key}`;
    let state = this.#side.get(id);
    if (!state) {
      state = {};
      this.#side.set(id, state);
    }
    return state;
  }

  dropSide(collection: string, key: string): void {
    this.#side.delete(`${collection}\u0000${key}`);
  }

  /** A new id: `<prefix>_<n>`, counting from 1 per simulator (and again after `reset()`). */
  newId(prefix: string): string {
    return `${prefix}_${String(this.#nextId++).padStart(4, "0")}`;
  }
}
