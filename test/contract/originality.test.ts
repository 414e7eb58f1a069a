// The spec's prose and examples are ours: no description or summary repeats a 10-word run of the
// published reference, and no example object is a copy of one of its examples.
import { describe, expect, it } from "vitest";
import { hasReference, referenceDocument, referenceNotice, type Json } from "../helpers/reference.js";
import { bundledSpec } from "../helpers/spec.js";

referenceNotice("originality of the spec's prose and examples");

const RUN = 10;

/** Prose words only: code spans and identifiers (`HYPOTHESIS_LENGTH`, `idType`) are facts, not prose. */
function words(text: string): string[] {
  return (text.replace(/`[^`]*`/g, " ").match(/[A-Za-z0-9_']+/g) ?? []).filter((word) => !word.includes("_") && !/[a-z][A-Z]/.test(word)).map((word) => word.toLowerCase());
}

function runs(text: string): string[] {
  const w = words(text);
  return Array.from({ length: Math.max(0, w.length - RUN + 1) }, (_, i) => w.slice(i, i + RUN).join(" "));
}

/** Calls `visit(key, value, path)` for every property in a JSON tree. */
function walk(node: Json, visit: (key: string, value: Json, path: string) => void, path = ""): void {
  if (Array.isArray(node))
    node.forEach((item, i) => {
      walk(item, visit, `${path}/${i}`);
    });
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      visit(key, value, `${path}/${key}`);
      walk(value, visit, `${path}/${key}`);
    }
  }
}

describe.skipIf(!hasReference)("originality", () => {
  const documents = hasReference ? (["2025-10", "2025-03", "2024-08", "additions-2026-03"] as const).map(referenceDocument) : [];
  const referenceRuns = new Set<string>();
  const referenceExamples = new Set<string>();
  for (const doc of documents) {
    walk(doc, (key, value) => {
      if ((key === "description" || key === "summary") && typeof value === "string") for (const run of runs(value)) referenceRuns.add(run);
      if (key === "example" && value && typeof value === "object") referenceExamples.add(JSON.stringify(value));
      if (key === "value" && value && typeof value === "object") referenceExamples.add(JSON.stringify(value));
    });
  }

  it("no description or summary repeats a 10-word run of the reference", () => {
    const copied: string[] = [];
    walk(bundledSpec, (key, value, path) => {
      if ((key === "description" || key === "summary") && typeof value === "string" && runs(value).some((run) => referenceRuns.has(run))) copied.push(path);
    });
    expect(referenceRuns.size).toBeGreaterThan(1000);
    expect(copied).toEqual([]);
  });

  it("no example object is a copy of a reference example", () => {
    const copied: string[] = [];
    walk(bundledSpec, (key, value, path) => {
      if (key !== "example" || !value || typeof value !== "object") return;
      const text = JSON.stringify(value);
      if (text.length > 60 && referenceExamples.has(text)) copied.push(path);
    });
    expect(referenceExamples.size).toBeGreaterThan(100);
    expect(copied).toEqual([]);
  });
});
