// Iterating a long list keeps about one page in memory, not every page seen so far.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/spec.js";

describe("memory while iterating", () => {
  it("stays bounded across 100 pages of ~2 MB", () => {
    const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", join(repoRoot, "test", "core", "fixtures", "iterate-pages.ts")], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    const { seen, heapMb } = JSON.parse(run.stdout) as { seen: number; heapMb: number[] };
    expect(seen).toBe(100_000);
    expect(heapMb).toHaveLength(10);
    // 100 pages hold ~200 MB of items in all; the live heap must not grow with the pages seen.
    expect(Math.max(...heapMb) - Math.min(...heapMb)).toBeLessThan(20);
  }, 60_000);
});
