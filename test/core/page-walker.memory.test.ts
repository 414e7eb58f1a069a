// Iterating a long list keeps about one page in memory, not every page seen so far.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { listThings } from "../helpers/paged-list.js";
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

  // The same promise checked in this process (a mutation run reaches no child process): once the
  // caller has moved on, nothing in the walk still refers to a page it handed over.
  it("lets a page handed over be collected once the caller has moved past it", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const { promise } = listThings({ total: 100 }, { limit: 10 });
    let second: WeakRef<object> | undefined;
    let seen = 0;
    let collected: boolean | undefined;
    for await (const page of promise.pages()) {
      seen++;
      if (seen === 2) second = new WeakRef(page);
      if (seen === 5) {
        await new Promise((resolve) => setImmediate(resolve)); // a WeakRef keeps its target until the current job ends
        gc();
        collected = second!.deref() === undefined;
      }
    }
    expect(seen).toBe(10);
    expect(collected).toBe(true);
  });
});
