// StrykerJS over src/core/ only, with the narrower test set of vitest.mutation-core.config.ts
// (the reason is there). One file at a time on a shared machine:
//   npx stryker run stryker.core.config.mjs --mutate src/core/next-page.ts --concurrency 1
// Everything else (incremental file, thresholds, reporters) is stryker.config.mjs's.
import base from "./stryker.config.mjs";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  ...base,
  vitest: { ...base.vitest, configFile: "vitest.mutation-core.config.ts" },
  mutate: ["src/core/**/*.ts"],
};
