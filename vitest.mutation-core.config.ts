// The vitest configuration for mutation runs over src/core/ (stryker.core.config.mjs). The
// runtime's promises are proven in test/core/ (one file per module, unit and loopback socket) and
// test/resources/ (every generated operation through the client against a mock API); the other
// folders test the generator (scripts/lib/), the Redis stores, the simulator, the package build
// and the docs, and reach src/core/ only through code these two folders already drive.
//
// MUTATION_TESTS (comma-separated globs) narrows it further, for one module at a time on a shared
// machine: e.g. MUTATION_TESTS="test/core/next-page*.test.ts" with `--mutate src/core/next-page.ts`.
// The per-test coverage run of the whole of test/core and test/resources does not finish within
// Stryker's dry-run limit on a loaded 2-core machine. A score measured so is a lower bound: a
// mutant the module's own tests miss counts as surviving even if a test elsewhere kills it.
import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

const narrowed = process.env.MUTATION_TESTS?.split(",")
  .map((glob) => glob.trim())
  .filter((glob) => glob !== "");

// Not mergeConfig: it concatenates arrays, so the base config's `test/**` would stay included.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: narrowed && narrowed.length > 0 ? narrowed : ["test/core/**/*.test.ts", "test/resources/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**", "**/.stryker-tmp/**"],
    // Skips the timing-bound benchmarks (test/core/rate-limiter.socket.test.ts says why).
    env: { STATSIG_MUTATION_RUN: "1" },
  },
});
