// What a program that bundles the package carries: esbuild (minified, ESM, browser platform, the
// openapi-fetch dependency bundled too) over three small programs, importing only an error class,
// three gate operations through the tree-shakable entry (createConsoleClient and the standalone
// functions), and the whole StatsigConsole. Usage: npm run bench:bundle [-- --source]
// (default: the built package, dist/index.js, after `npm run build`; --source bundles src/index.ts).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The programs measured; `ENTRY` stands for the package entry. Each uses what it imports, so nothing is dropped as unused. */
export const BUNDLE_PROGRAMS = {
  importOnly: `import { NotFoundError } from "ENTRY";
export const isNotFound = (error) => error instanceof NotFoundError;`,
  threeGateMethods: `import { createConsoleClient, gatesCreate, gatesGet, gatesList } from "ENTRY";
const client = createConsoleClient({ apiKey: "console-bundle" });
export const run = async () => [await gatesGet(client, "a_gate"), await gatesList(client).toArray(), await gatesCreate(client, { name: "new_gate" })];`,
  everything: `import { StatsigConsole } from "ENTRY";
export const run = async () => new StatsigConsole({ apiKey: "console-bundle" }).gates.get("a_gate");`,
} as const;

/** The operations the three-method program calls. */
export const THREE_GATE_OPERATIONS = ["gates.get", "gates.list", "gates.create"] as const;

export type BundleName = keyof typeof BUNDLE_PROGRAMS;

export interface BundleSize {
  minifiedBytes: number;
  gzipBytes: number;
  /** The minified output, for tests that look inside it. */
  text: string;
}

/** Bundles one program against an entry file (absolute path) and measures it. */
export async function bundle(program: string, entry: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: program.replaceAll("ENTRY", entry.replaceAll("\\", "/")), resolveDir: root, loader: "js", sourcefile: "program.js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const output = result.outputFiles[0]!;
  return { minifiedBytes: output.contents.byteLength, gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength, text: output.text };
}

export async function measureBundleSizes(entry: string): Promise<Record<BundleName, BundleSize>> {
  const sizes = {} as Record<BundleName, BundleSize>;
  for (const name of Object.keys(BUNDLE_PROGRAMS) as BundleName[]) sizes[name] = await bundle(BUNDLE_PROGRAMS[name], entry);
  return sizes;
}

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const fromSource = process.argv.includes("--source");
  const entry = join(root, fromSource ? "src/index.ts" : "dist/index.js");
  if (!existsSync(entry)) {
    console.error(`bench:bundle: ${entry} does not exist; run \`npm run build\` first (or pass --source)`);
    process.exit(1);
  }
  const sizes = await measureBundleSizes(entry);
  console.log(`Bundle sizes (esbuild, minified, ESM, browser, openapi-fetch included) of ${fromSource ? "src/index.ts" : "dist/index.js"}:`);
  console.log("| program | minified | gzip |");
  console.log("| --- | ---: | ---: |");
  const labels: Record<BundleName, string> = {
    importOnly: "`import { NotFoundError }` only",
    threeGateMethods: "three gate operations (`createConsoleClient`, `gatesGet`, `gatesList`, `gatesCreate`)",
    everything: "`StatsigConsole` (every resource)",
  };
  for (const name of Object.keys(sizes) as BundleName[]) console.log(`| ${labels[name]} | ${kB(sizes[name].minifiedBytes)} | ${kB(sizes[name].gzipBytes)} |`);
}
