// The shape of the simulator's table (generated/simulator.ts), shared by the generator that writes
// it (scripts/lib/emit-simulator.ts) and the handlers that read it. Every fact about the API the
// simulator uses is in the table: which operation does what to which collection, and what it answers.

/** What an operation does, in the simulator's terms. */
export type SimulatorRole = "list" | "create" | "get" | "update" | "patch" | "delete" | "state" | "sub" | "scoped" | "stateless";

/** Sub-collections an entity holds: its rules, its ID overrides, its ID list. */
export type SubCollectionKind = "rules" | "overrides" | "idList";

/**
 * What a state change or sub-collection operation answers with: the entity after the change, the
 * message envelope, the sub-collection's own value (`value`, e.g. the overrides), the entity's
 * field wrapped (`{ rules }`), a list envelope of that wrapper, one item of the sub-collection, or
 * the spec's example when the result is something the simulator does not model. `merged`: a
 * lifecycle answer of another shape than the entity: the example's data with the entity's `picks`.
 */
export type SimulatorReturns = "merged" | "entity" | "message" | "value" | "wrapped" | "wrappedList" | "item" | "example";

export interface SimulatorOperation {
  role: SimulatorRole;
  /** The facade name of the collection the operation works on (`dynamicConfigs`); absent for stateless operations. */
  collection?: string;
  /** Success status and message, from the spec's success response and its example. */
  /** Absent for 200. */
  status?: number;
  /** The envelope's message; absent where the answer is the spec's example (which has one). */
  message?: string;
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
  /** List filters: query parameters that name an entity field, matched by equality or, for a list field (tags), by any value. */
  filters?: Readonly<Record<string, "any" | "equal">>;
  /** Create, update, patch: body fields not copied onto the entity (their shape is not the entity's: a target app sent as one id, kept as a list). */
  skips?: readonly string[];
  /** Lists: entities left out unless the `unless` query parameter is true (archived gates). */
  hidden?: { field: string; values: readonly unknown[]; unless: string };
  /** Schema key of the JSON request body, after `!` when the body is required. */
  body?: string;
  /** The query parameters it accepts, each with its schema key, after `!` when required and `*` when sent as repeated values (`"!*Tags"`). */
  query?: Readonly<Record<string, string>>;
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

export const JSON_TYPES = ["string", "number", "integer", "boolean", "object", "array", "null"] as const;

/** A schema, or in short: a JSON type's name stands for `{ type }`, any other string for `{ $ref }`. */
export type SchemaNode = CompactSchema | string;

/** The subset of JSON Schema the spec's request schemas use; `$ref` names another key of `schemas`. */
export interface CompactSchema {
  $ref?: string;
  type?: string | readonly string[];
  enum?: readonly unknown[];
  const?: unknown;
  properties?: Record<string, SchemaNode>;
  required?: readonly string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  allOf?: readonly SchemaNode[];
  oneOf?: readonly SchemaNode[];
  anyOf?: readonly SchemaNode[];
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
  schemas: Record<string, SchemaNode>;
}
