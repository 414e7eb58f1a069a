// Imports run one way (DESIGN.md): src/core imports nothing of ours from outside it; generated
// resources import only src/core and generated types; nothing imports the scripts or tests.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/spec.js";

function filesUnder(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

/** Repository-relative targets of a file's relative imports. */
function localImports(file: string): string[] {
  const text = readFileSync(join(repoRoot, file), "utf8");
  return [...text.matchAll(/(?:import|export)[^"']*from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g)].map((m) =>
    relative(repoRoot, resolve(join(repoRoot, dirname(file)), (m[1] ?? m[2])!)),
  );
}

describe("layers", () => {
  it("src/core imports only src/core", () => {
    const outside = filesUnder("src/core").flatMap((file) =>
      localImports(file)
        .filter((target) => !target.startsWith("src/core/"))
        .map((target) => `${file} → ${target}`),
    );
    expect(outside).toEqual([]);
  });

  it("generated/resources import only src/core and generated/", () => {
    const outside = filesUnder("generated/resources").flatMap((file) =>
      localImports(file)
        .filter((target) => !target.startsWith("src/core/") && !target.startsWith("generated/"))
        .map((target) => `${file} → ${target}`),
    );
    expect(filesUnder("generated/resources").length).toBeGreaterThan(10);
    expect(outside).toEqual([]);
  });

  it("src/ never imports scripts/, test/ or bench/", () => {
    const wrong = filesUnder("src").flatMap((file) =>
      localImports(file)
        .filter((target) => /^(scripts|test|bench)\//.test(target))
        .map((target) => `${file} → ${target}`),
    );
    expect(wrong).toEqual([]);
  });
});
