// The shape of the simulator's table (generated/simulator.ts), shared by the generator that writes
// it (scripts/lib/emit-simulator.ts) and the handlers that read it. Every fact about the API the
// simulator uses is in the table: which operation does what to which collection, and what it answers.

/** What an operation does, in the simulator's terms. */
export const SIMULATOR_ROLES = ["list", "create", "get", "update", "patch", "delete", "state", "sub", "scoped", "stateless"] as const;
export type SimulatorRole = (typeof SIMULATOR_ROLES)[number];

/** Sub-collections an entity holds: its rules, its ID overrides, its ID list. */
export const SUB_COLLECTION_KINDS = ["rules", "overrides", "idList"] as const;
export type SubCollectionKind = (typeof SUB_COLLECTION_KINDS)[number];

/**
 * What a state change or sub-collection operation answers with: the entity after the change, the
 * message envelope, the sub-collection's own value (`value`, e.g. the overrides), the entity's
 * field wrapped (`{ rules }`), a list envelope of that wrapper, one item of the sub-collection, or
 * the spec's example when the result is something the simulator does not model. `merged`: a
 * lifecycle answer of another shape than the entity: the example's data with the entity's `picks`.
 */
export type SimulatorReturns = "merged" | "entity" | "message" | "value" | "wrapped" | "wrappedList" | "item" | "example";

/** A list filter: query parameter, entity field, and whether the field is a list any value may match. */
export type SimulatorFilter = readonly [param: string, field: string, match: "any" | "equal"];

/** A query parameter the operation accepts: name, schema key, required, sent as repeated values. */
export type SimulatorQueryParam = readonly [name: string, schema: string, required: boolean, array: boolean];

export interface SimulatorOperation {
  role: SimulatorRole;
  /** The facade name of the collection the operation works on (`dynamicConfigs`); absent for stateless operations. */
  collection?: string;
  /** Success status and message, from the spec's success response and its example. */
  status: number;
  message: string;
  /** Index into `examples`: the success body answered where the simulator models no state. */
  example?: number;
  /** State changes: fields and the values they take (`$now`, `$body.<field>` are filled in per request). */
  sets?: Record<string, unknown>;
  sub?: { kind: SubCollectionKind; verb: string; by?: "id" | "name" };
  returns?: SimulatorReturns;
  /** With `merged`: the entity fields the answer shows. */
  picks?: readonly string[];
  /** A read by other path parameters than the key (`users.getById`): the entity field each path parameter names. */
  lookup?: readonly string[];
  filters?: readonly SimulatorFilter[];
  /** Create, update, patch: the body fields copied onto the entity (those whose shape is the entity's too). */
  copies?: readonly string[];
  /** Schema key of the JSON request body, and whether the body is required. */
  body?: string;
  bodyRequired?: boolean;
  query?: readonly SimulatorQueryParam[];
}

export interface SimulatorCollection {
  /** The entity field the item path's parameter names (`id`, or `name` for collections addressed by name). */
  key: string;
  /** Index into `examples`: a valid entity whose fields fill what a create does not give. */
  template: number;
  /** Whether a created entity's key is its name (gates, experiments, …) rather than a generated id. */
  keyFromName: boolean;
  /** The entity field a sub-collection is kept in, when the entity carries it (`rules`). */
  fields: Partial<Record<SubCollectionKind, string>>;
  /** Index into `examples`: the empty value of a sub-collection kept beside the entity (overrides). */
  empty?: Partial<Record<SubCollectionKind, number>>;
}

/** The subset of JSON Schema the spec's request schemas use; `$ref` names another key of `schemas`. */
export interface CompactSchema {
  $ref?: string;
  type?: string | readonly string[];
  enum?: readonly unknown[];
  const?: unknown;
  properties?: Record<string, CompactSchema>;
  required?: readonly string[];
  additionalProperties?: boolean | CompactSchema;
  items?: CompactSchema;
  allOf?: readonly CompactSchema[];
  oneOf?: readonly CompactSchema[];
  anyOf?: readonly CompactSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

export interface SimulatorTable {
  operations: Record<string, SimulatorOperation>;
  collections: Record<string, SimulatorCollection>;
  examples: unknown[];
  schemas: Record<string, CompactSchema>;
}
