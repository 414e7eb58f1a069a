// StrykerJS over the generator's library only (scripts/lib/), with the generator's tests only:
// `npx stryker run stryker.generator.config.mjs` (add `--mutate scripts/lib/naming.ts` for one file).
// Same settings and incremental file as stryker.config.mjs, so a later full run reuses the results.
// One file at a time with the tests that cover it (vitest.mutation.generator.config.ts says how):
//   MUTATION_TESTS="test/spec-tools/spec-diff.test.ts" MUTATION_REPORT=spec-diff \
//     npx stryker run stryker.generator.config.mjs --mutate scripts/lib/spec-diff/diff.ts
import base from "./stryker.config.mjs";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: "vitest.mutation.generator.config.ts", related: true },
  mutate: ["scripts/lib/**/*.ts"],
  concurrency: 1,
  // Runs side by side (one per file) keep their reports apart: MUTATION_REPORT=<name>.
  ...(process.env.MUTATION_REPORT
    ? {
        incrementalFile: `reports/stryker-generator-${process.env.MUTATION_REPORT}.json`,
        jsonReporter: { fileName: `reports/mutation/generator-${process.env.MUTATION_REPORT}.json` },
        htmlReporter: { fileName: `reports/mutation/generator-${process.env.MUTATION_REPORT}.html` },
      }
    : {}),
};
