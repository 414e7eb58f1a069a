// Finds the operation a raw request (from `sc.raw`) is for, so raw calls get the same
// idempotency and rate-limit group as facade calls.
import type { OperationDescriptor } from "./operation.js";

interface Matcher {
  pattern: RegExp;
  literalSegments: number;
  operation: OperationDescriptor;
}

export type OperationLookup = (method: string, pathname: string) => OperationDescriptor | undefined;

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
