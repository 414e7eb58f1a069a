// Constraints that only requests need (the spec's x-request-only-constraints: maximum, maxLength,
// pattern, …) are absent from every schema that only responses use, and the live check ignores
// them on schemas that requests and responses share.
import { describe, expect, it } from "vitest";
import { isObject } from "../../src/core/json.js";
import { withoutRequestOnlyConstraints } from "../../src/verify/request-only.js";
import { bundledSpec, type Json, type JsonObject } from "../helpers/spec.js";

const keywords = bundledSpec["x-request-only-constraints"] as string[];
const schemas = (bundledSpec.components as JsonObject).schemas as JsonObject;

/** Component schemas reachable from `roots` (through $ref, transitively). */
function reachable(roots: Json[]): Set<string> {
  const seen = new Set<string>();
  const walk = (node: Json | undefined): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!isObject(node)) return;
    if (typeof node.$ref === "string" && node.$ref.startsWith("#/components/schemas/")) {
      const name = node.$ref.slice("#/components/schemas/".length);
      if (!seen.has(name)) {
        seen.add(name);
        walk(schemas[name]);
      }
    }
    for (const [key, value] of Object.entries(node)) if (key !== "example" && key !== "examples") walk(value as Json);
  };
  roots.forEach(walk);
  return seen;
}

/** `keyword=value` for each listed keyword used as a schema keyword inside `node`. */
function constraintsIn(node: Json | undefined, path: string, out: string[], names = false): string[] {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) constraintsIn(item, `${path}/${i}`, out);
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (!names && (key === "example" || key === "examples" || key === "enum" || key === "$ref")) continue;
      if (!names && keywords.includes(key) && !isObject(value)) out.push(`${path}/${key}=${String(value)}`);
      else constraintsIn(value as Json, `${path}/${key}`, out, !names && key === "properties");
    }
  }
  return out;
}

describe("request-only constraints", () => {
  const requestRoots: Json[] = [];
  const responseRoots: Json[] = [];
  for (const item of Object.values(bundledSpec.paths as JsonObject)) {
    for (const operation of Object.values(item as JsonObject)) {
      if (!isObject(operation) || !isObject(operation.responses)) continue;
      if (operation.requestBody !== undefined) requestRoots.push(operation.requestBody as Json);
      for (const parameter of (operation.parameters as Json[] | undefined) ?? []) requestRoots.push(parameter);
      for (const [status, response] of Object.entries(operation.responses)) if (status.startsWith("2")) responseRoots.push(response as Json);
    }
  }
  const requestSide = reachable(requestRoots);
  const responseOnly = [...reachable(responseRoots)].filter((name) => !requestSide.has(name));

  it("are declared at the root of the spec", () => {
    expect(keywords).toEqual(expect.arrayContaining(["maximum", "maxLength", "pattern"]));
  });

  it("appear on no schema that only responses use, nor inline in a success response", () => {
    expect(responseOnly.length).toBeGreaterThan(100);
    expect(responseOnly.flatMap((name) => constraintsIn(schemas[name], name, []))).toEqual([]);
    expect(responseRoots.flatMap((root, i) => constraintsIn(root, `response#${i}`, []))).toEqual([]);
  });

  it("still bound requests: the holdout bodies keep passPercentage ≤ 10, the holdout itself does not", () => {
    const holdoutText = JSON.stringify(schemas.Holdout);
    expect(holdoutText).not.toContain('"maximum"');
    expect(constraintsIn(schemas.HoldoutPatchBody, "HoldoutPatchBody", [])).toContain("HoldoutPatchBody/properties/passPercentage/maximum=10");
  });

  it("are removed by the live check's copy of the spec, keyword positions only", () => {
    const stripped = withoutRequestOnlyConstraints({
      "x-request-only-constraints": ["maximum", "pattern"],
      components: {
        schemas: { A: { type: "object", properties: { pattern: { type: "string", pattern: "^x" }, n: { type: "number", maximum: 3, minimum: 0 } }, example: { pattern: "kept" } } },
      },
    });
    expect(stripped.components).toEqual({
      schemas: { A: { type: "object", properties: { pattern: { type: "string" }, n: { type: "number", minimum: 0 } }, example: { pattern: "kept" } } },
    });
  });
});
