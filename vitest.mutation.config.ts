// The vitest configuration StrykerJS runs (stryker.config.mjs): the whole suite minus the files
// that cannot kill a mutant in src/ or scripts/lib/ and would only slow every run down:
// the package build (it tests dist/, built from an unmutated copy), the type-check cost benchmark
// and the long fault campaign (its guarantees are covered by the runtime tests beside it).
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.ts";

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ["**/node_modules/**", "**/dist/**", "**/.stryker-tmp/**", "test/package/**", "test/types/type-cost.test.ts", "test/faults/campaign.test.ts"],
    },
  }),
);
