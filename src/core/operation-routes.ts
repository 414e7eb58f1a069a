// Which operation a request is for. Every request, from the facade or `sc.raw`, names its schema
// path (`/console/v1/gates/{id}`) to openapi-fetch, which hands it to the middleware: the
// operation is then one map lookup by method and schema path. Matching a concrete path
// (`/console/v1/metrics/list`) is only needed where the API's paths overlap, and by the simulator,
// which sees nothing but URLs.
import type { OperationDescriptor } from "./operation.js";

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
  /**
   * When this operation's path, with its parameters filled in (encoded, below the base URL's
   * path; a query is ignored), would reach another operation: that one. The API has overlapping paths
   * (`GET /metrics/{id}` and `GET /metrics/list`), so an id of `list` cannot be sent to the first.
   */
  reachedInstead(operation: OperationDescriptor, pathAndQuery: string): OperationDescriptor | undefined;
}

const isParameter = (segment: string): boolean => segment.startsWith("{") && segment.endsWith("}");

/** Whether some filled-in path fits both routes (of one method). */
function couldOverlap(a: Route, b: Route): boolean {
  if (a.segments.length !== b.segments.length) return false;
  return a.segments.every((segment, i) => segment === b.segments[i] || isParameter(segment) || isParameter(b.segments[i]!));
}

function matches(route: Route, segments: readonly string[]): boolean {
  if (route.segments.length !== segments.length) return false;
  for (let i = 0; i < segments.length; i++) {
    const expected = route.segments[i]!;
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
  for (const routes of routesByMethod.values()) routes.sort((a, b) => b.literalSegments - a.literalSegments);
  // Only the operations a filled-in path could take elsewhere are checked on every request.
  const overlapping = new Set<OperationDescriptor>();
  for (const routes of routesByMethod.values()) {
    for (const route of routes) if (routes.some((other) => other !== route && couldOverlap(route, other))) overlapping.add(route.operation);
  }

  const match = (method: string, path: string): OperationDescriptor | undefined => {
    const routes = routesByMethod.get(method.toUpperCase());
    if (!routes) return undefined;
    const segments = path.split("/");
    if (segments.length > 2 && segments.at(-1) === "") segments.pop(); // a trailing slash
    return routes.find((route) => matches(route, segments))?.operation;
  };
  return {
    find: (method, schemaPath) => bySchemaPath.get(method)?.get(schemaPath),
    match,
    reachedInstead(operation, pathAndQuery) {
      if (!overlapping.has(operation)) return undefined;
      const queryStart = pathAndQuery.indexOf("?");
      const target = match(operation.method, queryStart === -1 ? pathAndQuery : pathAndQuery.slice(0, queryStart));
      return target && target !== operation ? target : undefined;
    },
  };
}
