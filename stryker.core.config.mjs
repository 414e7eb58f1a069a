// StrykerJS over src/core/ by default, with the narrower test set of vitest.mutation-core.config.ts
// (the reason is there). One module at a time on a shared machine, with its own tests:
//   MUTATION_TESTS="test/core/next-page*.test.ts" MUTATION_REPORT=next-page \
//     npx stryker run stryker.core.config.mjs --mutate src/core/next-page.ts --concurrency 1
// The other folders of src/ the same way, with their own tests: e.g. MUTATION_TESTS="test/verify/*.test.ts"
// MUTATION_REPORT=verify … --mutate "src/verify/**/*.ts".
// Everything else (incremental file, thresholds, reporters) is stryker.config.mjs's.
import base from "./stryker.config.mjs";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  ...base,
  vitest: { ...base.vitest, configFile: "vitest.mutation-core.config.ts" },
  mutate: ["src/core/**/*.ts"],
  // Runs side by side (one per module) keep their reports apart: MUTATION_REPORT=<name>.
  ...(process.env.MUTATION_REPORT
    ? {
        incrementalFile: `reports/stryker-src-${process.env.MUTATION_REPORT}.json`,
        jsonReporter: { fileName: `reports/mutation/src-${process.env.MUTATION_REPORT}.json` },
        htmlReporter: { fileName: `reports/mutation/src-${process.env.MUTATION_REPORT}.html` },
      }
    : {}),
};
