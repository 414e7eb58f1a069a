// The audit in npm test: our spec against the newest reference (the 2025-10 document with the
// 2026-03 additions laid over it). Every gap must be explained by a recorded decision, and every
// audit decision must still be needed.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditSpec } from "../../scripts/lib/spec-audit/audit.js";
import { loadDocument, mergeFragments } from "../../scripts/lib/spec-diff/load-document.js";
import { hasReference, referenceDir, referenceNotice } from "../helpers/reference.js";
import { repoRoot } from "../helpers/spec.js";

referenceNotice("spec:audit against the newest reference");

describe.skipIf(!hasReference)("spec:audit against 2025-10 + additions-2026-03", () => {
  const upstream = hasReference
    ? mergeFragments(loadDocument(join(referenceDir, "console-api.openapi.2025-10.json")), [loadDocument(join(referenceDir, "additions-2026-03.json"))])
    : {};
  const result = hasReference ? auditSpec(loadDocument(join(repoRoot, "spec")), upstream) : undefined;

  it("sees every upstream operation (244 + 27)", () => {
    expect(result!.upstream.operations).toBe(271);
    expect(result!.gaps.filter((gap) => gap.kind === "operation")).toEqual([]);
  });

  it("leaves no gap unexplained", () => {
    expect(result!.unexplained).toEqual([]);
  });

  it("records no audit decision that nothing needs", () => {
    expect(result!.staleDecisions).toEqual([]);
  });

  it("explains the review header on reads once, at the root", () => {
    const header = result!.gaps.filter((gap) => gap.location === "header x-respect-review-settings");
    expect(header.length).toBeGreaterThan(50);
    expect(header.every((gap) => gap.operation.startsWith("GET ") && gap.explainedBy === "The review header on reads (root)")).toBe(true);
  });
});
