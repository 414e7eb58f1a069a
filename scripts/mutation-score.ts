// Merges StrykerJS's JSON reports (reports/mutation/*.json) into one score per folder and per
// file: module-by-module runs (stryker.core.config.mjs with MUTATION_REPORT) each write their own
// report, and the README's figures are their sum (how reports combine: mergeReports).
// `--survivors` also lists every surviving or uncovered mutant, marking those on a line that
// stryker-equivalent-mutants.md lists (a line may hold a listed mutant and an unlisted one: read the row).
//   npm run test:mutation:score -- [--survivors] [report.json …]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface Mutant {
  status: string;
  mutatorName: string;
  replacement?: string;
  location: { start: { line: number; column: number }; end?: { line: number; column: number } };
}
export interface MutationReport {
  files: Record<string, { source?: string; mutants: Mutant[] }>;
}
export interface Tally {
  detected: number;
  undetected: number;
}

// Stryker's own score: killed and timed-out mutants over those plus survivors and uncovered ones;
// compile errors, runtime errors and ignored mutants count on neither side.
const detectedStatuses = new Set(["Killed", "Timeout"]);
const undetectedStatuses = new Set(["Survived", "NoCoverage"]);

/**
 * Reports in order, oldest first. Runs narrowed to different test files see different tests, so
 * for unchanged source a mutant stays killed once a run killed it (that run's tests still exist
 * and still fail with it); otherwise the latest result stands (a `--force` rerun of a few lines
 * updates just those), timeouts included: on a loaded machine a timeout may only mean slow. A
 * report of a file whose source changed replaces all of that file's results: the old mutants no
 * longer exist.
 */
export function mergeReports(reports: MutationReport[]): Map<string, Mutant[]> {
  const merged = new Map<string, { source: string | undefined; mutants: Map<string, Mutant> }>();
  for (const report of reports) {
    for (const [file, { source, mutants }] of Object.entries(report.files)) {
      const known = merged.get(file);
      const entry = known && known.source === source ? known : { source, mutants: new Map<string, Mutant>() };
      for (const mutant of mutants) {
        const key = mutantKey(mutant);
        const earlier = entry.mutants.get(key);
        if (earlier?.status !== "Killed") entry.mutants.set(key, mutant);
      }
      merged.set(file, entry);
    }
  }
  return new Map([...merged].map(([file, { mutants }]) => [file, [...mutants.values()]]));
}

function mutantKey({ location, mutatorName, replacement }: Mutant): string {
  const { start, end } = location;
  return `${start.line}:${start.column}-${end?.line}:${end?.column}:${mutatorName}:${replacement ?? ""}`;
}

export function tally(mutants: Mutant[]): Tally {
  return {
    detected: mutants.filter((mutant) => detectedStatuses.has(mutant.status)).length,
    undetected: mutants.filter((mutant) => undetectedStatuses.has(mutant.status)).length,
  };
}

/** Sums per top folder (`src/core`, `scripts/lib`, …): a nested file counts toward its top folder. */
export function tallyByFolder(files: Map<string, Mutant[]>): Map<string, Tally> {
  const folders = new Map<string, Tally>();
  for (const [file, mutants] of files) {
    const folder = file.split("/").slice(0, 2).join("/");
    const sum = folders.get(folder) ?? { detected: 0, undetected: 0 };
    const counts = tally(mutants);
    folders.set(folder, { detected: sum.detected + counts.detected, undetected: sum.undetected + counts.undetected });
  }
  return folders;
}

export function formatScore({ detected, undetected }: Tally): string {
  const counted = detected + undetected;
  return counted === 0 ? "n/a" : `${((100 * detected) / counted).toFixed(1)} %`;
}

function row(name: string, counts: Tally): string {
  return `| ${name} | ${formatScore(counts)} | ${counts.detected} / ${counts.detected + counts.undetected} |`;
}

export function scoreTables(files: Map<string, Mutant[]>): string {
  const header = "| score | killed / counted |\n| --- | --- | --- |";
  const folders = [...tallyByFolder(files)].map(([folder, counts]) => row(`${folder}/`, counts));
  const perFile = [...files].sort(([a], [b]) => a.localeCompare(b)).map(([file, mutants]) => row(file, tally(mutants)));
  return [`| folder ${header}`, ...folders, "", `| file ${header}`, ...perFile].join("\n");
}

/**
 * The places (`file:line`) the equivalent-mutant list names: each row starts with a file and one
 * or more lines, `| src/core/a.ts:12, :40 | …`.
 */
export function listedPlaces(markdown: string): Set<string> {
  const places = new Set<string>();
  for (const line of markdown.split("\n")) {
    const where = /^\| ([^|\s:]+):(\d+(?:, :\d+)*) \|/.exec(line);
    if (!where) continue;
    for (const number of where[2]!.split(", :")) places.add(`${where[1]}:${number}`);
  }
  return places;
}

/** Each survivor with its place, status and replacement; with `listed`, marked `listed` when the equivalent-mutant list names its line. */
export function survivorLines(files: Map<string, Mutant[]>, listed?: Set<string>): string[] {
  return [...files].flatMap(([file, mutants]) =>
    mutants
      .filter((mutant) => undetectedStatuses.has(mutant.status))
      .map((mutant) => {
        const place = `${file}:${mutant.location.start.line}`;
        const mark = listed === undefined ? "" : listed.has(place) ? "listed " : "NOT LISTED ";
        return `${mark}${place}:${mutant.location.start.column} ${mutant.status} ${mutant.mutatorName}: ${JSON.stringify(mutant.replacement ?? "")}`;
      }),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const named = args.filter((arg) => !arg.startsWith("--"));
  const reportDir = "reports/mutation";
  const paths =
    named.length > 0
      ? named
      : readdirSync(reportDir)
          .filter((name) => name.endsWith(".json"))
          .map((name) => join(reportDir, name));
  const reports = paths
    .map((path) => ({ path, time: statSync(path).mtimeMs }))
    .sort((a, b) => a.time - b.time)
    .map(({ path }) => JSON.parse(readFileSync(path, "utf8")) as MutationReport);
  const files = mergeReports(reports);
  console.log(scoreTables(files));
  if (args.includes("--survivors")) {
    const listed = listedPlaces(readFileSync("stryker-equivalent-mutants.md", "utf8"));
    const lines = survivorLines(files, listed);
    const unlisted = lines.filter((line) => line.startsWith("NOT LISTED")).length;
    console.log(["", `Survivors: ${lines.length}, ${lines.length - unlisted} on lines stryker-equivalent-mutants.md lists, ${unlisted} not listed`, ...lines].join("\n"));
  }
}
