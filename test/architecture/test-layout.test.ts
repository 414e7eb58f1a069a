// The tests mirror the code: each file in test/core is named after the src/core module it checks
// (`<module>.test.ts`, or `<module>.<topic>.test.ts` for socket and memory tests of it), and each
// file in test/resources after the generated resource group it checks. A test whose module or group
// is renamed or removed fails here instead of drifting away from the code it was written for.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/spec.js";

const namesIn = (dir: string, suffix: string) =>
  readdirSync(join(repoRoot, dir))
    .filter((name) => name.endsWith(suffix))
    .map((name) => name.slice(0, -suffix.length));

/** The module or group a test file is about: the part of its name before the first dot. */
const subjectOf = (fileName: string) => fileName.split(".")[0]!;

/** Tests about the whole client or every operation at once, not one module or group. */
const WHOLE_CLIENT = new Set(["client"]);
const EVERY_GROUP = new Set(["every-operation"]);

describe("test layout", () => {
  it("every test/core file names a module of src/core or src/core/transport", () => {
    const modules = new Set([...namesIn("src/core", ".ts"), ...namesIn("src/core/transport", ".ts")]);
    const testFiles = readdirSync(join(repoRoot, "test/core")).filter((name) => name.endsWith(".test.ts"));
    expect(testFiles.length).toBeGreaterThan(20);
    expect(testFiles.filter((name) => !modules.has(subjectOf(name)) && !WHOLE_CLIENT.has(subjectOf(name)))).toEqual([]);
  });

  it("every test/resources file names a group of generated/resources", () => {
    const groups = new Set(namesIn("generated/resources", ".ts"));
    const testFiles = readdirSync(join(repoRoot, "test/resources")).filter((name) => name.endsWith(".test.ts") || name.endsWith(".types.ts"));
    expect(testFiles.length).toBeGreaterThan(10);
    expect(testFiles.filter((name) => !groups.has(subjectOf(name)) && !EVERY_GROUP.has(subjectOf(name)))).toEqual([]);
  });
});
