// Setup for the generator's mutation run only (vitest.mutation.generator.config.ts): every call of
// generate() lints the bundled spec with the Redocly CLI and formats its output with Biome, each
// in a child process (about a second together), and a mutation run calls it thousands of times on
// a few documents. Both answers depend only on their input and config, so they are kept on disk
// by hash. The child processes never see a mutant anyway; mutants in scripts/lib/lint.ts and
// scripts/lib/format-output.ts themselves are run without these caches (the default config:
// `npx stryker run --mutate scripts/lib/lint.ts,scripts/lib/format-output.ts`).
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";

const cacheDir = join(tmpdir(), "statsig-console-generator-cache");
mkdirSync(cacheDir, { recursive: true });

type Verdict = { warnings: string[] } | { error: string };

vi.mock("../../scripts/lib/lint.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../scripts/lib/lint.js")>();
  const { SpecError } = await import("../../scripts/lib/load-spec.js");
  return {
    ...real,
    lintBundledSpec(bundledJson: string, configFile: string): string[] {
      const key = createHash("sha256").update(bundledJson).update("\0").update(readFileSync(configFile)).digest("hex");
      const file = join(cacheDir, `lint-${key}.json`);
      let verdict: Verdict;
      try {
        verdict = JSON.parse(readFileSync(file, "utf8")) as Verdict;
      } catch {
        try {
          verdict = { warnings: real.lintBundledSpec(bundledJson, configFile) };
        } catch (error) {
          if (!(error instanceof SpecError)) throw error;
          verdict = { error: error.message };
        }
        writeFileSync(file, JSON.stringify(verdict));
      }
      if ("error" in verdict) throw new SpecError(verdict.error);
      return verdict.warnings;
    },
  };
});

vi.mock("../../scripts/lib/format-output.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../scripts/lib/format-output.js")>();
  return {
    ...real,
    formatGeneratedTypeScript(files: Map<string, string>, configPath: string): Map<string, string> {
      const hash = createHash("sha256").update(readFileSync(configPath));
      for (const [name, text] of files) hash.update("\0").update(name).update("\0").update(text);
      const file = join(cacheDir, `format-${hash.digest("hex")}.json`);
      try {
        return new Map(JSON.parse(readFileSync(file, "utf8")) as [string, string][]);
      } catch {
        const formatted = real.formatGeneratedTypeScript(files, configPath);
        writeFileSync(file, JSON.stringify([...formatted]));
        return formatted;
      }
    },
  };
});
