// The Biome pass over the generated TypeScript (scripts/lib/format-output.ts), run for real on tiny
// files with a tiny configuration: .ts files come back formatted by that configuration, anything
// else as it was, a file Biome cannot read fails the run, and the scratch folder goes away. The
// generator's mutation setup caches this function; these tests take the real one.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
// Imported statically too, so that Stryker's `related` test search finds this file (the tests call the real function).
import * as module from "../../scripts/lib/format-output.js";

type Format = typeof module;

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** The real formatGeneratedTypeScript, a Biome configuration unlike the default, and the folder its scratch folders go to (TMPDIR, for this test). */
async function setUp(): Promise<{ format: Format["formatGeneratedTypeScript"]; config: string; scratch: string }> {
  const root = mkdtempSync(join(tmpdir(), "format-output-test-"));
  roots.push(root);
  const config = join(root, "widgets.jsonc");
  writeFileSync(
    config,
    '{\n  // three spaces, single quotes, no semicolons\n  "formatter": { "indentStyle": "space", "indentWidth": 3 },\n  "javascript": { "formatter": { "quoteStyle": "single", "semicolons": "asNeeded" } }\n}\n',
  );
  const scratch = join(root, "tmp");
  mkdirSync(scratch);
  vi.stubEnv("TMPDIR", scratch);
  // A fresh copy of the module: it resolves Biome's path when loaded.
  vi.resetModules();
  const { formatGeneratedTypeScript } = await vi.importActual<Format>("../../scripts/lib/format-output.js");
  return { format: formatGeneratedTypeScript, config, scratch };
}

const leftovers = (scratch: string) => readdirSync(scratch).filter((name) => name.startsWith("generate-format-"));

describe("formatGeneratedTypeScript", () => {
  it("is the module's one export", () => {
    expect(Object.keys(module)).toEqual(["formatGeneratedTypeScript"]);
  });

  it("formats every .ts file with the given configuration, in nested folders, and returns the other entries as they were", async () => {
    const { format, config, scratch } = await setUp();
    const files = new Map([
      ["widgets.ts", 'export const  widgets=["a","b"];\n'],
      ["manifest.json", '{"widgets":  1}'],
      ["nested/deep/things.d.ts", "export interface Thing {name:string;\n  size?:number}"],
      ["nested/other.ts", "export function count(n:number){return n+1}"],
    ]);
    const formatted = format(files, config);
    expect([...formatted]).toEqual([
      ["widgets.ts", "export const widgets = ['a', 'b']\n"],
      ["manifest.json", '{"widgets":  1}'],
      ["nested/deep/things.d.ts", "export interface Thing {\n   name: string\n   size?: number\n}\n"],
      ["nested/other.ts", "export function count(n: number) {\n   return n + 1\n}\n"],
    ]);
    expect(files.get("widgets.ts")).toBe('export const  widgets=["a","b"];\n');
    expect(leftovers(scratch)).toEqual([]);
  });

  it("returns the same map, and starts no Biome, when there is no TypeScript file", async () => {
    const { format, scratch } = await setUp();
    const files = new Map([["manifest.json", '{"widgets":  1}']]);
    // The configuration does not exist: copying it would throw.
    expect(format(files, join(scratch, "missing.jsonc"))).toBe(files);
    const none = new Map<string, string>();
    expect(format(none, join(scratch, "missing.jsonc"))).toBe(none);
    expect(readdirSync(scratch)).toEqual([]);
  });

  it("fails with Biome's report when a file does not parse, and still cleans up", async () => {
    const { format, config, scratch } = await setUp();
    expect(() => format(new Map([["broken.ts", "export const = ;\n"]]), config)).toThrow(/^biome format failed on the generated files:\n(.|\n)*broken\.ts/);
    expect(leftovers(scratch)).toEqual([]);
  });
});
