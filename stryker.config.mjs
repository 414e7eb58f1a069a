// StrykerJS: mutation testing of the runtime (src/) and the generator's library (scripts/lib/).
// `npm run test:mutation` runs it; `npm run test:mutation -- --mutate src/core/next-page.ts` runs
// one file. Incremental: the last results are kept in reports/stryker-incremental.json (not
// committed: several MB that change on every run; keep it between runs on one checkout, or cache
// it in CI), and a rerun tests only mutants whose code or covering tests changed. One caveat:
// a static mutant (module-level code, covered by no single test) that survived is reused even
// after a new test would kill it; rerun such a file with `--force`. Survivors that no test can
// kill are listed with a reason in stryker-equivalent-mutants.md, beside this file.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: true },
  mutate: ["src/**/*.ts", "scripts/lib/**/*.ts"],
  coverageAnalysis: "perTest",
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  // The machine is shared; each test runner is a vitest process with its own worker threads.
  concurrency: 2,
  // Several tests measure real time on loopback sockets: give a slow, instrumented run room.
  timeoutFactor: 3,
  timeoutMS: 20_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
  ignorePatterns: ["dist", "reports", ".runtimes", ".bench-tmp", ".build-test-*", "coverage"],
  thresholds: { high: 90, low: 80, break: null },
};
