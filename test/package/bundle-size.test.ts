// What a bundler keeps of the package: esbuild over the built JavaScript (tsup, without the
// declarations), for a program importing one error class, one calling three gate operations
// through the tree-shakable entry, and one constructing StatsigConsole. The three-operation
// bundle carries those three operations and no other; the built files carry no copy of the spec
// and source maps without the sources.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build as tsup } from "tsup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLE_PROGRAMS, measureBundleSizes, THREE_GATE_OPERATIONS, type BundleName, type BundleSize } from "../../bench/bundle-size.js";
import { operations } from "../../generated/operations.js";
import { repoRoot } from "../helpers/spec.js";

// Inside the repository, so the build and the bundles resolve openapi-fetch from node_modules as an installed package does.
const outDir = mkdtempSync(join(repoRoot, ".bundle-test-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

let sizes: Record<BundleName, BundleSize>;

beforeAll(async () => {
  await tsup({ outDir, dts: false, silent: true });
  sizes = await measureBundleSizes(join(outDir, "index.js"));
}, 120_000);

const allOperations = Object.values(operations);
const used = new Set<string>(THREE_GATE_OPERATIONS);
/** How an operation's id appears in minified output: a string literal. */
const idLiteral = (id: string): RegExp => new RegExp(`["'\`]${id.replaceAll(".", "\\.")}["'\`]`);

describe("bundle size", () => {
  it("measures the three programs it says it does", () => {
    expect(BUNDLE_PROGRAMS.threeGateMethods).toMatch(/gatesGet\(client.*gatesList\(client.*gatesCreate\(client/s);
    expect(allOperations.length).toBeGreaterThan(200);
    for (const id of THREE_GATE_OPERATIONS) expect(operations[id].id).toBe(id);
  });

  it("a program that calls three gate operations carries their descriptors and none of the other operations'", () => {
    const { text } = sizes.threeGateMethods;
    for (const id of THREE_GATE_OPERATIONS) expect(text, id).toMatch(idLiteral(id));
    const usedPaths = new Set(allOperations.filter((op) => used.has(op.id)).map((op) => op.path));
    const carried = allOperations.filter((op) => !used.has(op.id) && (idLiteral(op.id).test(text) || (!usedPaths.has(op.path) && text.includes(`"${op.path}"`))));
    expect(carried.map((op) => op.id)).toEqual([]);
  });

  it("StatsigConsole carries every operation (what the search above would find if they leaked)", () => {
    const missing = allOperations.filter((op) => !idLiteral(op.id).test(sizes.everything.text));
    expect(missing.map((op) => op.id)).toEqual([]);
  });

  it("importing an error class carries no operation, no resource and no HTTP client", () => {
    const { text, minifiedBytes } = sizes.importOnly;
    expect(allOperations.filter((op) => idLiteral(op.id).test(text)).map((op) => op.id)).toEqual([]);
    expect(text).not.toMatch(/openapi-fetch|createClient|APIResource/);
    expect(minifiedBytes).toBeLessThan(4_000);
  });

  it("keeps each bundle within its bounds: the three operations cost the client core, not the API", () => {
    const { importOnly, threeGateMethods, everything } = sizes;
    // Figures on esbuild 0.27.7: about 1.9, 47.6 and 126.8 kB minified. The bounds leave room for
    // the core to grow a little, and fail if the operation table or the resources come back.
    expect(threeGateMethods.minifiedBytes).toBeLessThan(60_000);
    expect(threeGateMethods.minifiedBytes).toBeLessThan(everything.minifiedBytes / 2);
    expect(everything.minifiedBytes - threeGateMethods.minifiedBytes).toBeGreaterThan(50_000);
    expect(importOnly.minifiedBytes).toBeLessThan(threeGateMethods.minifiedBytes / 10);
    for (const size of Object.values(sizes)) expect(size.gzipBytes).toBeLessThan(size.minifiedBytes);
  });
});

describe("the built files", () => {
  const files = (): string[] => readdirSync(outDir, { recursive: true }).map(String);

  it("carry source maps without the sources", () => {
    const maps = files().filter((file) => file.endsWith(".js.map"));
    expect(maps.length).toBeGreaterThan(3);
    for (const file of maps) {
      const map = JSON.parse(readFileSync(join(outDir, file), "utf8")) as { sources: string[]; sourcesContent?: unknown; mappings: string };
      expect(map.sourcesContent, file).toBeUndefined();
      // An entry whose modules all sit in chunks it shares with other entries (only re-exports) maps nothing.
      if (map.mappings !== "") expect(map.sources.length, file).toBeGreaterThan(0);
    }
  });

  it("the main entry and its chunks carry no copy of the spec (it ships once, as statsig-console-api/openapi.json)", () => {
    // The simulator (testing/) is left out here: it still inlines the spec it serves from.
    const spec = JSON.parse(readFileSync(join(repoRoot, "generated", "openapi.json"), "utf8")) as { "x-rate-limit-groups": unknown };
    expect(spec["x-rate-limit-groups"]).toBeDefined();
    const mainFiles = files().filter((file) => file.endsWith(".js") && !file.startsWith("testing"));
    expect(mainFiles).toContain("index.js");
    for (const file of mainFiles) expect(readFileSync(join(outDir, file), "utf8"), file).not.toContain("x-rate-limit-groups");
  });

  it("package.json lets bundlers drop modules a program does not use", () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { sideEffects?: unknown };
    expect(manifest.sideEffects).toBe(false);
  });
});
