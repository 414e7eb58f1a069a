// The vitest configuration for mutation runs over src/core/ only (stryker.core.config.mjs). The
// runtime's promises are proven in test/core/ (one file per module, unit and loopback socket) and
// test/resources/ (every generated operation through the client against a mock API); the other
// folders test the generator (scripts/lib/), the Redis stores, the simulator, the package build
// and the docs, and reach src/core/ only through code these two folders already drive. Measured
// on this checkout: the same mutants of src/core/ are killed with or without the other folders
// (see stryker-equivalent-mutants.md), while the per-test coverage run takes a fraction of the time.
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.ts";

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ["test/core/**/*.test.ts", "test/resources/**/*.test.ts"],
      exclude: ["**/node_modules/**", "**/dist/**", "**/.stryker-tmp/**"],
      // Skips the one throughput benchmark (test/core/rate-limiter.socket.test.ts says why).
      env: { STATSIG_MUTATION_RUN: "1" },
    },
  }),
);
