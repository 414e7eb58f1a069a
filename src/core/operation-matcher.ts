// Finds the operation a raw request (from `sc.raw`) is for, so raw calls get the same
// idempotency and rate-limit group as facade calls.
import type { OperationDescriptor } from "./operation.js";

interface Matcher {
  pattern: RegExp;
  literalSegments: number;
  operation: OperationDescriptor;
}

export type OperationLookup = (method: string, pathname: string) => OperationDescriptor | undefined;

/**
 * The API path of a request URL's pathname, without the base URL's own path (`/proxy/statsig`
 * in `http://host/proxy/statsig`), so a raw request behind a prefix matches its operation.
 * `basePath` is the normalised base path: empty, or `/…` without a trailing slash.
 */
export function apiPathOf(pathname: string, basePath: string): string {
  if (basePath === "" || basePath === "/") return pathname;
  return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : pathname;
}

export function createOperationLookup(operations: Iterable<OperationDescriptor>): OperationLookup {
  const byMethod = new Map<string, Matcher[]>();
  for (const operation of operations) {
    const segments = operation.path.split("/");
    const pattern = new RegExp(
      `^${segments.map((s) => (/^\{[^}]+\}$/.test(s) ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/")}/?$`,
    );
    const list = byMethod.get(operation.method) ?? [];
    list.push({ pattern, literalSegments: segments.filter((s) => !s.startsWith("{")).length, operation });
    byMethod.set(operation.method, list);
  }
  // A literal segment beats a parameter: `/metrics/list` is not `/metrics/{id}`.
  for (const list of byMethod.values()) list.sort((a, b) => b.literalSegments - a.literalSegments);
  return (method, pathname) => byMethod.get(method.toUpperCase())?.find((m) => m.pattern.test(pathname))?.operation;
}

function couldOverlap(a: OperationDescriptor, b: OperationDescriptor): boolean {
  if (a === b || a.method !== b.method) return false;
  const left = a.path.split("/");
  const right = b.path.split("/");
  if (left.length !== right.length) return false;
  return left.every((segment, i) => segment === right[i] || segment.startsWith("{") || right[i]!.startsWith("{"));
}

/**
 * Guards against path parameters that would reach a different operation: the API has
 * overlapping paths (`GET /metrics/{id}` and `GET /metrics/list`), so an id of `list` cannot be
 * sent to the first. Only operations that overlap another are checked; the rest cost nothing.
 * Returns the operation the path would really reach, when that is another one.
 */
export function createRouteGuard(operations: Iterable<OperationDescriptor>): (operation: OperationDescriptor, path: string) => OperationDescriptor | undefined {
  const all = [...operations];
  const lookup = createOperationLookup(all);
  const overlapping = new Map<OperationDescriptor, boolean>();
  return (operation, path) => {
    let check = overlapping.get(operation);
    if (check === undefined) {
      check = all.some((other) => couldOverlap(operation, other));
      overlapping.set(operation, check);
    }
    if (!check) return undefined;
    const target = lookup(operation.method, path);
    return target && target.id !== operation.id ? target : undefined;
  };
}
