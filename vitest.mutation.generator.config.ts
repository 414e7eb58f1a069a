// The vitest configuration for a mutation run over scripts/lib/ alone (stryker.generator.config.mjs):
// only the tests that run the generator in-process, with the Redocly lint and Biome format results cached
// (test/generator/child-process-cache.setup.ts). Left out: test/generator/cli.test.ts runs the generator
// in a child process, which never sees the mutant Stryker activates, and
// test/types/named-types.test.ts type-checks the committed generated/ code, which no mutant of
// the generator changes; both would only add a minute to every mutant they cover.
//
// MUTATION_TESTS (comma-separated globs) replaces the include list, for one file at a time with
// the tests that cover it, test/spec-tools/ included: e.g. MUTATION_TESTS="test/spec-tools/spec-diff*.test.ts"
// with `--mutate scripts/lib/spec-diff/diff.ts`. Tests that run a CLI in a child process never see
// a mutant: they skip when STATSIG_MUTATION_RUN is set, as here.
import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

const narrowed = process.env.MUTATION_TESTS?.split(",")
  .map((glob) => glob.trim())
  .filter((glob) => glob !== "");

export default defineConfig({
  test: {
    ...base.test,
    include: narrowed && narrowed.length > 0 ? narrowed : ["test/generator/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.stryker-tmp/**", "test/generator/cli.test.ts"],
    setupFiles: ["test/generator/child-process-cache.setup.ts"],
    env: { STATSIG_MUTATION_RUN: "1" },
    // One worker that keeps its modules (the TypeScript compiler takes seconds to load) between
    // mutants: Stryker switches mutants at run time, so nothing needs re-importing.
    isolate: false,
    fileParallelism: false,
  },
});
