// spec/ → generated/. Usage: `npm run generate` writes generated/; `npm run generate -- --check`
// writes nothing and exits 1 when generated/ differs from what spec/ produces.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { emitFacade } from "./lib/emit-facade.js";
import { emitManifest } from "./lib/emit-manifest.js";
import { emitOperationsTable } from "./lib/emit-operations.js";
import { publishedSpec } from "./lib/published-spec.js";
import { manifestSchema } from "./lib/manifest-schema.js";
import { emitSimulatorTable } from "./lib/emit-simulator.js";
import { emitNamedTypes, emitSchemaTypes } from "./lib/emit-types.js";
import { emitVersion } from "./lib/emit-version.js";
import { formatGeneratedTypeScript } from "./lib/format-output.js";
import { lintBundledSpec } from "./lib/lint.js";
import { loadSpec, SpecError, type JsonObject } from "./lib/load-spec.js";
import { GENERATED_JSON_NOTE } from "./lib/naming.js";
import { buildOperationModels } from "./lib/operation-model.js";
import { readRateLimitGroups } from "./lib/rate-limit-groups.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const specDir = join(root, "spec");
const outDir = join(root, "generated");

const README = `# generated/

Everything here is produced by \`npm run generate\` (scripts/generate.ts) from \`spec/\`.
Do not edit these files: change the spec and regenerate. \`npm run generate -- --check\`
fails when this folder is out of step with the spec.

| file | what it is |
| --- | --- |
| \`openapi.json\` | the bundled spec, for other tools (published; without \`x-reference-decisions\`) |
| \`reference-decisions.json\` | each operation's \`x-reference-decisions\` (by path and method): they cite files outside the package, so they stay in the repository for the contract tests |
| \`operations.json\` | manifest of every operation (id, method, path, summary, path and query parameters, body and response with schema references into openapi.json, pagination, idempotency, rate-limit group, chunking) and of the rate-limit groups with their default windows |
| \`operations.schema.json\` | JSON Schema of operations.json (the TypeScript type is \`OperationsManifest\`, src/manifest.ts) |
| \`schema.d.ts\` | path-typed types (openapi-typescript), used by \`sc.raw\`; optional fields of what is sent also accept \`undefined\` (\`requestComponents\`: request-side copies of schemas that responses use too) |
| \`types.ts\` | named types: every schema component, and each operation's query, body and result |
| \`operations.ts\` | each operation's runtime descriptor (one const each, so a bundle keeps only those it calls), the table of them all that \`sc.raw\` reads, and the rate-limit groups with their default windows (\`DEFAULT_RATE_LIMITS\`) |
| \`resources/\` | the facade: one file per resource group, one standalone function per operation (\`gatesGet(client, id)\`) and one class per namespace whose methods call them |
| \`version.ts\` | the package version from package.json (the default \`User-Agent\` names it) |
| \`simulator.ts\` | the table the simulator (\`statsig-console-api/testing\`) dispatches on: each operation's role, collection, status and message, list filters, the examples and the compacted request schemas it needs |
`;

function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version?: unknown };
  if (typeof version !== "string" || version === "") throw new SpecError("package.json has no version");
  return version;
}

export async function generate(fromSpecDir = specDir): Promise<Map<string, string>> {
  const spec = loadSpec(fromSpecDir);
  const rateLimitGroups = readRateLimitGroups(spec);
  const models = buildOperationModels(spec, rateLimitGroups);
  const bundled: JsonObject = { "x-generated": GENERATED_JSON_NOTE, ...spec };
  const warnings = lintBundledSpec(`${JSON.stringify(bundled, null, 2)}\n`, join(root, "redocly.yaml"));
  if (warnings.length > 0) console.warn(`generate: Redocly lint warnings:\n${warnings.join("\n")}`);

  const published = publishedSpec(bundled);
  const apiVersion = String((spec.info as JsonObject | undefined)?.version ?? "");
  const named = emitNamedTypes(spec, models);
  const facade = emitFacade(models);
  const exportedNames = new Map<string, string>();
  for (const name of [...named.exported, ...facade.groups.map((g) => g.className), ...facade.functions, "ConsoleResources"]) {
    if (exportedNames.has(name)) throw new SpecError(`the exported name ${name} would be declared twice; rename the component`);
    exportedNames.set(name, name);
  }
  const files = new Map<string, string>([
    ["README.md", README],
    ["openapi.json", `${JSON.stringify(published.spec, null, 2)}\n`],
    ["reference-decisions.json", `${JSON.stringify({ $comment: GENERATED_JSON_NOTE, ...published.decisions }, null, 2)}\n`],
    ["operations.json", emitManifest(published.spec, models, rateLimitGroups, apiVersion, GENERATED_JSON_NOTE)],
    ["operations.schema.json", `${JSON.stringify(manifestSchema(GENERATED_JSON_NOTE), null, 2)}\n`],
    ["operations.ts", emitOperationsTable(models, rateLimitGroups)],
    ["schema.d.ts", await emitSchemaTypes(spec)],
    ["simulator.ts", emitSimulatorTable(spec, models)],
    ["types.ts", named.text],
    ["version.ts", emitVersion(packageVersion())],
  ]);
  for (const [name, text] of facade.files) files.set(`resources/${name}`, text);
  return formatGeneratedTypeScript(files, join(root, "biome.jsonc"));
}

function existingFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? existingFiles(join(dir, entry.name), base) : [relative(base, join(dir, entry.name))]));
}

/** Which generated files differ from what is on disk in `dir`, and which files there are not generated at all. */
export function diffAgainst(dir: string, files: Map<string, string>): { changed: string[]; stale: string[] } {
  const stale = existingFiles(dir).filter((file) => !files.has(file));
  const changed = [...files]
    .filter(([file, text]) => {
      const path = join(dir, file);
      return !existsSync(path) || readFileSync(path, "utf8") !== text;
    })
    .map(([file]) => file);
  return { changed, stale };
}

async function main(): Promise<number> {
  const check = process.argv.includes("--check");
  let files: Map<string, string>;
  try {
    files = await generate();
  } catch (error) {
    if (error instanceof SpecError) {
      console.error(`generate: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const { changed, stale } = diffAgainst(outDir, files);
  if (check) {
    if (changed.length === 0 && stale.length === 0) {
      console.log(`generate --check: generated/ is in step with spec/ (${files.size} files)`);
      return 0;
    }
    for (const file of changed) console.error(`generate --check: generated/${file} is out of date`);
    for (const file of stale) console.error(`generate --check: generated/${file} is not produced by the spec`);
    console.error("Run `npm run generate` and commit the result.");
    return 1;
  }
  for (const file of stale) rmSync(join(outDir, file));
  for (const file of changed) {
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    writeFileSync(join(outDir, file), files.get(file)!);
  }
  console.log(`generate: ${changed.length} file(s) written, ${stale.length} removed, ${files.size - changed.length} unchanged`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main();
}
