// spec:diff on Statsig's published documents: 2024-08 → 2025-03 → 2025-10. The expected counts of
// added and removed operations come from the documents' own method/path sets, computed here.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isObject } from "../../src/core/json.js";
import { diffDocuments } from "../../scripts/lib/spec-diff/diff.js";
import { loadDocument } from "../../scripts/lib/spec-diff/load-document.js";
import { hasReference, referenceDir, referenceNotice } from "../helpers/reference.js";

referenceNotice("spec:diff on the reference documents");

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

function operationKeys(doc: Record<string, unknown>): Set<string> {
  const keys = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as Record<string, unknown>)) {
    if (isObject(item)) for (const method of Object.keys(item)) if (METHODS.has(method)) keys.add(`${method.toUpperCase()} ${path}`);
  }
  return keys;
}

describe.skipIf(!hasReference)("spec:diff between the reference documents", () => {
  const load = (version: string) => loadDocument(join(referenceDir, `console-api.openapi.${version}.json`));
  const docs = hasReference ? { "2024-08": load("2024-08"), "2025-03": load("2025-03"), "2025-10": load("2025-10") } : undefined;

  it("counts 157, 187 and 244 operations", () => {
    expect(diffDocuments(docs!["2024-08"], docs!["2025-03"]).old.operations).toBe(157);
    expect(diffDocuments(docs!["2025-03"], docs!["2025-10"]).old.operations).toBe(187);
    expect(diffDocuments(docs!["2025-03"], docs!["2025-10"]).new.operations).toBe(244);
  });

  it.each([
    ["2024-08", "2025-03"],
    ["2025-03", "2025-10"],
  ] as const)("%s → %s: the operations added and removed are the method/path set differences", (from, to) => {
    const before = operationKeys(docs![from]);
    const after = operationKeys(docs![to]);
    const expectedAdded = [...after].filter((key) => !before.has(key)).sort();
    const expectedRemoved = [...before].filter((key) => !after.has(key)).sort();
    const diff = diffDocuments(docs![from], docs![to]);
    expect(diff.added.map((op) => `${op.method} ${op.path}`).sort()).toEqual(expectedAdded);
    expect(diff.removed.map((op) => `${op.method} ${op.path}`).sort()).toEqual(expectedRemoved);
    expect(expectedAdded.length).toBeGreaterThan(0);
    expect(diff.changes.filter((c) => c.kind === "operation-added")).toHaveLength(expectedAdded.length);
    expect(diff.changes.filter((c) => c.kind === "operation-removed").every((c) => c.breaking)).toBe(true);
  });

  it("reports a change the documents are known for: 2024-08 → 2025-03 adds experiment statuses in responses, which breaks an exhaustive client", () => {
    const diff = diffDocuments(docs!["2024-08"], docs!["2025-03"]);
    const status = diff.changes.find((c) => c.operation === "GET /console/v1/experiments/{id}" && c.kind === "enum-values-added" && c.field === "data.status");
    expect(status).toMatchObject({ breaking: true });
    expect(status!.values).toContain('"experiment_stopped"');
  });
});
