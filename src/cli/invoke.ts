// Calls an operation through the client's own facade: the method at the operationId's path
// (`segments.idList.addInChunks` → `sc.segments.idList.addInChunks`) with the facade's argument
// order (path parameters, then the body or else the query, then per-call options).
import type { StatsigConsole } from "../client.js";
import { isObject } from "../core/json.js";
import type { CliOperation } from "./catalog.js";

export interface CallOptions {
  query?: unknown;
  maxPages?: number | undefined;
  onProgress?: ((progress: { done: number; total: number }) => void) | undefined;
}

type FacadeMethod = (...args: unknown[]) => unknown;

/** The facade method of an operation, bound to its resource; throws if the facade lacks it (a generator bug the tests catch). */
function facadeMethod(client: StatsigConsole, operation: CliOperation): FacadeMethod {
  let owner: unknown = client;
  for (const segment of operation.facadePath.slice(0, -1)) owner = isObject(owner) ? owner[segment] : undefined;
  const method = isObject(owner) ? owner[operation.facadePath.at(-1) ?? ""] : undefined;
  if (typeof method !== "function") throw new Error(`the client has no method ${operation.facadePath.join(".")}`);
  return (method as FacadeMethod).bind(owner);
}

export function invoke(client: StatsigConsole, operation: CliOperation, pathValues: readonly string[], query: unknown, body: unknown, options: CallOptions): unknown {
  const args: unknown[] = [...pathValues];
  const callOptions: CallOptions = { ...options };
  if (operation.body) {
    args.push(body);
    if (query !== undefined) callOptions.query = query;
  } else if (operation.queryParams.length > 0) {
    args.push(query);
  }
  args.push(callOptions);
  return facadeMethod(client, operation)(...args);
}
