// The live check stays out of the main entry: nothing src/index.ts reaches imports src/verify/ or
// Ajv, and the verify entry loads Ajv only when called (a dynamic import).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/spec.js";

function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const text = readFileSync(file, "utf8");
    const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/g)].map((m) => m[1]!);
    seen.set(file, specifiers);
    for (const specifier of specifiers) {
      if (!specifier.startsWith(".") || specifier.endsWith(".json")) continue;
      const base = resolve(dirname(file), specifier.replace(/\.js$/, ""));
      visit(existsSync(`${base}.ts`) ? `${base}.ts` : `${base}.d.ts`);
    }
  };
  visit(entry);
  return seen;
}

describe("the verify entry's isolation", () => {
  it("the main entry reaches neither src/verify nor ajv", () => {
    const graph = reachable(join(repoRoot, "src", "index.ts"));
    expect(graph.size).toBeGreaterThan(10);
    expect([...graph.keys()].filter((file) => file.includes(`${join("src", "verify")}`))).toEqual([]);
    expect([...graph.values()].flat().filter((specifier) => specifier.startsWith("ajv"))).toEqual([]);
  });

  it("the verify entry imports Ajv only dynamically", () => {
    const graph = reachable(join(repoRoot, "src", "verify", "index.ts"));
    expect([...graph.values()].flat().filter((specifier) => specifier.startsWith("ajv"))).toEqual([]);
    expect(readFileSync(join(repoRoot, "src", "verify", "validate.ts"), "utf8")).toContain('await import("ajv/dist/2020.js")');
  });

  it("is a package export, with Ajv a pinned dependency (the CLI validates bodies with it too)", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as Record<string, Record<string, unknown>>;
    expect(pkg.exports!["./verify"]).toEqual({
      import: { types: "./dist/verify/index.d.ts", default: "./dist/verify/index.js" },
      require: { types: "./dist/verify/index.d.cts", default: "./dist/verify/index.cjs" },
    });
    expect(pkg.dependencies!.ajv).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
