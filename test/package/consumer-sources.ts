// Small programs that use the installed package the way users do: every entry point, one import
// style per module system, a workflow against the in-process simulator and calls over a real
// socket (argv[2] is the local server's URL). Each prints one JSON line the test compares.

/** The entries every consumer loads, by how it names them. */
const ENTRIES = {
  main: "statsig-console-api",
  testing: "statsig-console-api/testing",
  msw: "statsig-console-api/testing/msw",
  redis: "statsig-console-api/redis",
  manifest: "statsig-console-api/operations.json",
  spec: "statsig-console-api/openapi.json",
  pkg: "statsig-console-api/package.json",
} as const;

/** The same program in every flavour: valid JavaScript and strict TypeScript. */
const BODY = `
async function main() {
  const simulator = new ConsoleSimulator();
  const local = new StatsigConsole({ apiKey: "console-consumer", fetch: simulator.fetch });
  await local.gates.create({ name: "from_tarball" });
  const simulated = (await local.gates.list().toArray()).map((gate) => gate.name);
  const remote = new StatsigConsole({ apiKey: "console-consumer", baseUrl: process.argv[2], maxRetries: 0 });
  const echoed = await remote.gates.get("echo");
  let notFound = false;
  try {
    await remote.gates.get("missing");
  } catch (error) {
    notFound = error instanceof NotFoundError && error.status === 404;
  }
  return {
    simulated,
    userAgent: echoed.description,
    notFound,
    operations: manifest.operations.length,
    openapi: spec.openapi,
    version: pkg.version,
    msw: typeof simulatorHandlers,
    redis: typeof redisWindowStore,
  };
}
main().then(
  (result) => console.log(JSON.stringify(result)),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
`;

/**
 * How an ES module loads the JSON entries: an import attribute (what Node requires of ESM), none
 * (TypeScript compiling to CommonJS turns it into require()), or createRequire (TypeScript under
 * `module: node16` allows no import attributes, so an ESM file there cannot import JSON at all).
 */
type JsonLoading = "attribute" | "plain" | "createRequire";

/** ES module syntax: plain Node ESM (.mjs), TypeScript .mts, .cts and bundler-style .ts. */
function esm(json: JsonLoading): string {
  const jsonImports =
    json === "createRequire"
      ? `import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const manifest = require("${ENTRIES.manifest}") as { operations: unknown[] };
const spec = require("${ENTRIES.spec}") as { openapi: string };
const pkg = require("${ENTRIES.pkg}") as { version: string };`
      : (["manifest", "spec", "pkg"] as const).map((name) => `import ${name} from "${ENTRIES[name]}"${json === "attribute" ? ' with { type: "json" }' : ""};`).join("\n");
  return `import { StatsigConsole, NotFoundError } from "${ENTRIES.main}";
import { ConsoleSimulator } from "${ENTRIES.testing}";
import { simulatorHandlers } from "${ENTRIES.msw}";
import { redisWindowStore } from "${ENTRIES.redis}";
${jsonImports}
${BODY}`;
}

/** CommonJS with require(), as plain Node runs it. */
export const commonJsSource = `"use strict";
const { StatsigConsole, NotFoundError } = require("${ENTRIES.main}");
const { ConsoleSimulator } = require("${ENTRIES.testing}");
const { simulatorHandlers } = require("${ENTRIES.msw}");
const { redisWindowStore } = require("${ENTRIES.redis}");
const manifest = require("${ENTRIES.manifest}");
const spec = require("${ENTRIES.spec}");
const pkg = require("${ENTRIES.pkg}");
${BODY}`;

export const esmSource = esm("attribute");

/**
 * TypeScript that compiles to CommonJS (a .cts file, or any .ts under `module: commonjs`): ES
 * import syntax, which tsc turns into require() calls.
 */
export const typeScriptCommonJsSource = esm("plain");

/** TypeScript ESM under nodenext and bundler, where JSON needs its import attribute. */
export const typeScriptEsmSource = esm("attribute");

/** TypeScript ESM under node16 (no import attributes there). */
export const typeScriptNode16EsmSource = esm("createRequire");

/** What the local server answers (see the test's server) and every consumer reports. */
export function expectedReport(version: string, operations: number): Record<string, unknown> {
  return {
    simulated: ["from_tarball"],
    userAgent: `statsig-console-api/${version}`,
    notFound: true,
    operations,
    openapi: "3.1.0",
    version,
    msw: "function",
    redis: "function",
  };
}
