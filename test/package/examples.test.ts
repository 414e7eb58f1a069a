// Every program in examples/ runs to completion against the simulator and prints what it
// promises (their types are checked by `npm run typecheck`, which includes examples/).
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/spec.js";

const run = promisify(execFile);

/** Lines each example must print, in order (others may come between). */
const EXPECTED: Record<string, string[]> = {
  "gate-lifecycle.ts": ["created checkout_redesign", "rule Employees passes 25%", "enabled after disable: false", "enabled after enable: true", "reading it again: 404"],
  "bulk-id-list-upload.ts": ["chunk 1 of 6 sent", "chunk 6 of 6 sent", "5500 IDs added in 6 requests"],
  "paging.ts": ["first page: 100 gates, more: true", "iterated: 250 gates", "toArray with maxItems 120: 120", "page 1: 100 gates", "page 2: 100 gates", "page 3: 50 gates"],
  "handling-errors.ts": [
    "InvalidRequestError: The API key is a Server Secret key (secret-…); the Console API needs a Console API key (console-…).",
    "NotFoundError 404 on GET /console/v1/gates/no_such_gate",
    "RateLimitError 429: PATCH /console/v1/segments/beta_users/id_list failed with 429: Too many requests",
  ],
  "testing-with-simulator.ts": ["disabled old_banner; requests: GET 200, PUT 200"],
};

describe("examples/", () => {
  it("has an expectation for every example program", () => {
    const programs = readdirSync(join(repoRoot, "examples")).filter((file) => file.endsWith(".ts") && file !== "simulator.ts");
    expect(programs.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.concurrent.each(Object.keys(EXPECTED))(
    "%s runs against the simulator",
    async (file) => {
      const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", join("examples", file)], { cwd: repoRoot, timeout: 60_000 });
      expect(stderr).toBe("");
      const lines = stdout.trim().split("\n");
      let from = 0;
      for (const line of EXPECTED[file]!) {
        const at = lines.indexOf(line, from);
        expect(at, `${file} should print "${line}" (after line ${from}):\n${stdout}`).toBeGreaterThanOrEqual(0);
        from = at + 1;
      }
    },
    60_000,
  );
});
