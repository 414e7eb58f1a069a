// Which other operations a filled-in path of an operation could reach. The API has overlapping
// paths (`GET /metrics/{id}` and `GET /metrics/list`): an id of `list` sent to the first reaches
// the second. Worked out here, once, and written into each descriptor (`overlaps`), so that the
// runtime refuses such a call from the descriptor alone, without the table of every operation.
//
// A request reaches the first route that fits it, routes ordered by literal segments (most first)
// and then by operationId: the order the simulator's router (src/core/operation-routes.ts) uses.
import type { OperationOverlap } from "../../src/core/operation.js";
import type { OperationModel } from "./operation-model.js";

const isParameter = (segment: string): boolean => segment.startsWith("{") && segment.endsWith("}");

interface Route {
  model: OperationModel;
  segments: string[];
  literalSegments: number;
  /** Position in operationId order: breaks ties between routes with as many literal segments. */
  order: number;
}

/** Whether some filled-in path fits both routes (of one method). */
function couldOverlap(a: Route, b: Route): boolean {
  if (a.segments.length !== b.segments.length) return false;
  return a.segments.every((segment, i) => segment === b.segments[i] || isParameter(segment) || isParameter(b.segments[i]!));
}

/** Whether `a` is tried before `b`. */
function triedBefore(a: Route, b: Route): boolean {
  return a.literalSegments > b.literalSegments || (a.literalSegments === b.literalSegments && a.order < b.order);
}

/** For each operationId, the operations of its method that a filled-in path of it could reach first, in the order they are tried. Only operations with some are listed. */
export function pathOverlaps(models: readonly OperationModel[]): Map<string, OperationOverlap[]> {
  const routes: Route[] = [...models]
    .sort((a, b) => a.operationId.localeCompare(b.operationId))
    .map((model, order) => {
      const segments = model.path.split("/");
      return { model, segments, literalSegments: segments.filter((s) => !isParameter(s)).length, order };
    });
  const overlaps = new Map<string, OperationOverlap[]>();
  for (const route of routes) {
    const winners = routes.filter((other) => other !== route && other.model.method === route.model.method && couldOverlap(route, other) && triedBefore(other, route));
    // In the order they are tried: the first that fits a path is the one the request would reach.
    winners.sort((a, b) => (triedBefore(a, b) ? -1 : 1));
    const listed = winners.map((w): OperationOverlap => ({ id: w.model.operationId, path: w.model.path }));
    if (listed.length > 0) overlaps.set(route.model.operationId, listed);
  }
  return overlaps;
}
