// One request as the handlers see it: the operation's table entry, its path values, the validated
// body and query, the time and who is making the change.
import type { OperationDescriptor } from "../../core/operation.js";
import type { EntityStore } from "./store.js";
import type { SimulatorOperation } from "./table.js";

export interface Call {
  entry: SimulatorOperation;
  descriptor: OperationDescriptor;
  /** Path parameter values, decoded, in path order. */
  pathValues: readonly string[];
  body: unknown;
  /** Query values, converted to the types their schemas declare. */
  query: Readonly<Record<string, unknown>>;
  url: URL;
  nowMs: number;
  /** The audit identity of the API key making the request (never the key itself). */
  modifier: { id: string; name: string };
  store: EntityStore;
  /** Makes an id for a new rule or entity. */
  newId(prefix: string): string;
}
