// The vitest configuration for a mutation run over scripts/lib/ alone (stryker.generator.config.mjs):
// only the tests that run the generator in-process, with the Redocly lint and Biome format results cached
// (test/generator/child-process-cache.setup.ts). Left out: test/generator/cli.test.ts runs the generator
// in a child process, which never sees the mutant Stryker activates, and
// test/types/named-types.test.ts type-checks the committed generated/ code, which no mutant of
// the generator changes; both would only add a minute to every mutant they cover.
import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

export default defineConfig({
  test: {
    ...base.test,
    include: ["test/generator/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.stryker-tmp/**", "test/generator/cli.test.ts"],
    setupFiles: ["test/generator/child-process-cache.setup.ts"],
    // One worker that keeps its modules (the TypeScript compiler takes seconds to load) between
    // mutants: Stryker switches mutants at run time, so nothing needs re-importing.
    isolate: false,
    fileParallelism: false,
  },
});
