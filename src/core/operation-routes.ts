// Which operation a request is for. A facade call carries its descriptor; a `sc.raw` request names
// its schema path (`/console/v1/gates/{id}`) to openapi-fetch, which hands it to the middleware:
// the operation is then one map lookup by method and schema path, in a table built on the first
// raw request. Matching a concrete path (`/console/v1/metrics/list`) is only needed where the
// API's paths overlap (each descriptor lists its overlaps), and by the simulator, which sees
// nothing but URLs.
import type { OperationDescriptor, OperationOverlap } from "./operation.js";

interface Route {
  segments: readonly string[];
  /** Segments that are not parameters: the more, the more specific the route. */
  literalSegments: number;
  operation: OperationDescriptor;
}

export interface OperationRoutes {
  /** The operation a request is for, from its method and the schema path it was made with. */
  find(method: string, schemaPath: string): OperationDescriptor | undefined;
  /** The operation a concrete, encoded path reaches; a literal segment beats a parameter (`/metrics/list` is not `/metrics/{id}`). */
  match(method: string, path: string): OperationDescriptor | undefined;
}

const isParameter = (segment: string): boolean => segment.startsWith("{") && segment.endsWith("}");

function matches(template: readonly string[], segments: readonly string[]): boolean {
  if (template.length !== segments.length) return false;
  for (let i = 0; i < segments.length; i++) {
    const expected = template[i]!;
    const actual = segments[i]!;
    if (expected !== actual && !(isParameter(expected) && actual !== "")) return false;
  }
  return true;
}

/** Throws on two operations with the same method and path: a request could not tell them apart. */
export function createOperationRoutes(operations: Iterable<OperationDescriptor>): OperationRoutes {
  const bySchemaPath = new Map<string, Map<string, OperationDescriptor>>();
  const routesByMethod = new Map<string, Route[]>();
  for (const operation of operations) {
    const paths = bySchemaPath.get(operation.method) ?? new Map<string, OperationDescriptor>();
    const previous = paths.get(operation.path);
    if (previous) throw new Error(`${operation.id} and ${previous.id} are both ${operation.method} ${operation.path}`);
    paths.set(operation.path, operation);
    bySchemaPath.set(operation.method, paths);
    const segments = operation.path.split("/");
    const routes = routesByMethod.get(operation.method) ?? [];
    routes.push({ segments, literalSegments: segments.filter((s) => !isParameter(s)).length, operation });
    routesByMethod.set(operation.method, routes);
  }
  // Stable: routes with as many literal segments stay in table order (scripts/lib/path-overlaps.ts assumes it).
  for (const routes of routesByMethod.values()) routes.sort((a, b) => b.literalSegments - a.literalSegments);
  return {
    find: (method, schemaPath) => bySchemaPath.get(method)?.get(schemaPath),
    match(method, path) {
      const routes = routesByMethod.get(method.toUpperCase());
      if (!routes) return undefined;
      const segments = pathSegments(path);
      return routes.find((route) => matches(route.segments, segments))?.operation;
    },
  };
}

function pathSegments(path: string): string[] {
  const segments = path.split("/");
  if (segments.length > 2 && segments.at(-1) === "") segments.pop(); // a trailing slash
  return segments;
}

/**
 * When this operation's path, with its parameters filled in (encoded, below the base URL's path;
 * a query is ignored), would reach another operation: that one, from the descriptor's `overlaps`.
 */
export function overlapReached(operation: OperationDescriptor, pathAndQuery: string): OperationOverlap | undefined {
  const { overlaps } = operation;
  if (overlaps === undefined) return undefined;
  const queryStart = pathAndQuery.indexOf("?");
  const segments = pathSegments(queryStart === -1 ? pathAndQuery : pathAndQuery.slice(0, queryStart));
  return overlaps.find((other) => matches(other.path.split("/"), segments));
}
