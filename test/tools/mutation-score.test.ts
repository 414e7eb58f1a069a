// The README's mutation scores are sums over module-by-module Stryker reports: the merge must let a
// newer result replace an older one (per mutant, or per file when its source changed), count
// Stryker's way, and sum nested files into their top folder.
import { describe, expect, it } from "vitest";
import { formatScore, listedPlaces, type Mutant, mergeReports, scoreTables, survivorLines, tallyByFolder } from "../../scripts/mutation-score.js";

const mutant = (status: string, line = 1): Mutant => ({ status, mutatorName: "EqualityOperator", replacement: "a <= b", location: { start: { line, column: 3 } } });

describe("mutation-score", () => {
  it("counts killed and timed-out mutants against survivors and uncovered ones, ignoring errors", () => {
    const files = mergeReports([
      { files: { "src/core/a.ts": { mutants: ["Killed", "Timeout", "Survived", "NoCoverage", "CompileError", "Ignored"].map((status, line) => mutant(status, line)) } } },
    ]);
    expect(tallyByFolder(files).get("src/core")).toEqual({ detected: 2, undetected: 2 });
    expect(formatScore({ detected: 2, undetected: 2 })).toBe("50.0 %");
    expect(formatScore({ detected: 0, undetected: 0 })).toBe("n/a");
  });

  it("keeps a mutant killed once killed (another run, narrowed to other tests, may miss it), but not a timeout", () => {
    const files = mergeReports([
      { files: { "src/core/a.ts": { source: "v1", mutants: [mutant("Killed", 1), mutant("Survived", 2), mutant("Timeout", 3)] } } },
      { files: { "src/core/a.ts": { source: "v1", mutants: [mutant("Survived", 1), mutant("NoCoverage", 2), mutant("Survived", 3)] } } },
    ]);
    expect(files.get("src/core/a.ts")?.map((m) => [m.location.start.line, m.status])).toEqual([
      [1, "Killed"],
      [2, "NoCoverage"],
      [3, "Survived"],
    ]);
  });

  it("lets a later report replace a mutant's result and keeps the mutants and files it does not mention", () => {
    const files = mergeReports([
      {
        files: {
          "src/core/a.ts": { source: "v1", mutants: [mutant("Survived", 1), mutant("Survived", 2)] },
          "src/core/b.ts": { source: "v1", mutants: [mutant("Survived")] },
        },
      },
      { files: { "src/core/a.ts": { source: "v1", mutants: [mutant("Killed", 2)] } } },
    ]);
    expect(files.get("src/core/a.ts")?.map((m) => [m.location.start.line, m.status])).toEqual([
      [1, "Survived"],
      [2, "Killed"],
    ]);
    expect(files.get("src/core/b.ts")?.map((m) => m.status)).toEqual(["Survived"]);
  });

  it("drops a file's older results once its source changed", () => {
    const files = mergeReports([
      { files: { "src/core/a.ts": { source: "v1", mutants: [mutant("Survived", 1), mutant("Survived", 2)] } } },
      { files: { "src/core/a.ts": { source: "v2", mutants: [mutant("Killed", 5)] } } },
    ]);
    expect(files.get("src/core/a.ts")?.map((m) => [m.location.start.line, m.status])).toEqual([[5, "Killed"]]);
  });

  it("sums nested files into their top folder and prints both tables", () => {
    const files = mergeReports([
      {
        files: {
          "src/core/transport/send.ts": { mutants: [mutant("Killed", 1), mutant("Killed", 2), mutant("Killed", 3)] },
          "src/core/errors.ts": { mutants: [mutant("Survived")] },
          "scripts/lib/naming.ts": { mutants: [mutant("Killed")] },
        },
      },
    ]);
    const tables = scoreTables(files);
    expect(tables).toContain("| src/core/ | 75.0 % | 3 / 4 |");
    expect(tables).toContain("| scripts/lib/ | 100.0 % | 1 / 1 |");
    expect(tables).toContain("| src/core/transport/send.ts | 100.0 % | 3 / 3 |");
    expect(tables.indexOf("scripts/lib/naming.ts")).toBeLessThan(tables.indexOf("src/core/errors.ts"));
  });

  it("lists each survivor with its place, status and replacement", () => {
    const files = mergeReports([{ files: { "src/core/a.ts": { mutants: [mutant("Killed", 3), mutant("NoCoverage", 9)] } } }]);
    expect(survivorLines(files)).toEqual(['src/core/a.ts:9:3 NoCoverage EqualityOperator: "a <= b"']);
  });

  it("reads the places the equivalent-mutant list names, one line or several per row, and nothing else", () => {
    const markdown = [
      "# Equivalent mutants",
      "| where | mutation | why it cannot be killed |",
      "| --- | --- | --- |",
      "| src/core/a.ts:9 | `<` → `<=` | equal values never meet |",
      '| scripts/lib/b.ts:48, :108, :7 | `[]` → `["x"]` | never read |',
      "| not a place | x | y |",
      "see src/core/c.ts:4 in the text",
    ].join("\n");
    expect([...listedPlaces(markdown)]).toEqual(["src/core/a.ts:9", "scripts/lib/b.ts:48", "scripts/lib/b.ts:108", "scripts/lib/b.ts:7"]);
  });

  it("marks each survivor listed or not by its file and line", () => {
    const files = mergeReports([{ files: { "src/core/a.ts": { mutants: [mutant("Survived", 9), mutant("Survived", 10), mutant("Killed", 11)] } } }]);
    expect(survivorLines(files, new Set(["src/core/a.ts:9", "src/core/b.ts:10", "src/core/a.ts:11"]))).toEqual([
      'listed src/core/a.ts:9:3 Survived EqualityOperator: "a <= b"',
      'NOT LISTED src/core/a.ts:10:3 Survived EqualityOperator: "a <= b"',
    ]);
  });
});
