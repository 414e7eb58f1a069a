// Type-check cost of the facade vs sc.raw: compiles the same fifteen gate calls written both
// ways with `tsc --extendedDiagnostics` and compares instantiation counts above a baseline
// that only constructs the client. Usage: npm run bench:types
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export interface Diagnostics {
  instantiations: number;
  types: number;
  checkTimeS: number;
}

function compile(file: string): Diagnostics {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const run = spawnSync(
    process.execPath,
    [
      tsc,
      "--noEmit",
      "--extendedDiagnostics",
      "--strict",
      "--target",
      "ES2022",
      "--module",
      "NodeNext",
      "--moduleResolution",
      "NodeNext",
      "--skipLibCheck",
      "--lib",
      "ES2022,DOM,DOM.Iterable",
      "--types",
      "node",
      "--resolveJsonModule",
      join(root, "bench", "type-cost", file),
    ],
    { cwd: root, encoding: "utf8" },
  );
  const read = (label: string): number => Number(new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(run.stdout)?.[1] ?? Number.NaN);
  if (run.status !== 0) throw new Error(`tsc failed on ${file}:\n${run.stdout}${run.stderr}`);
  return { instantiations: read("Instantiations"), types: read("Types"), checkTimeS: read("Check time") };
}

export function measureTypeCost(): { baseline: Diagnostics; facade: Diagnostics; raw: Diagnostics; facadeCalls: number; rawCalls: number; ratio: number } {
  const baseline = compile("baseline.ts");
  const facade = compile("facade.ts");
  const raw = compile("raw.ts");
  const facadeCalls = facade.instantiations - baseline.instantiations;
  const rawCalls = raw.instantiations - baseline.instantiations;
  return { baseline, facade, raw, facadeCalls, rawCalls, ratio: facadeCalls / rawCalls };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const m = measureTypeCost();
  console.log("Instantiations (tsc --extendedDiagnostics), 15 gate calls:");
  console.log(`  baseline (client only)  ${m.baseline.instantiations}`);
  console.log(`  facade                  ${m.facade.instantiations}  (+${m.facadeCalls} for the calls)`);
  console.log(`  sc.raw                  ${m.raw.instantiations}  (+${m.rawCalls} for the calls)`);
  console.log(`  facade / raw            ${m.ratio.toFixed(3)}  (bound: at most 0.2)`);
}
