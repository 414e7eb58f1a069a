// StrykerJS over the generator's library only (scripts/lib/), with the generator's tests only:
// `npx stryker run stryker.generator.config.mjs` (add `--mutate scripts/lib/naming.ts` for one file).
// Same settings and incremental file as stryker.config.mjs, so a later full run reuses the results.
import base from "./stryker.config.mjs";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: "vitest.mutation.generator.config.ts", related: true },
  mutate: ["scripts/lib/**/*.ts"],
  concurrency: 1,
};
