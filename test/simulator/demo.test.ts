// `npm start`: the workflow runs end to end over real HTTP against the simulator, exits 0, and
// keeps both sides' limits without a single 429.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/spec.js";

describe("npm start", () => {
  it("runs the workflow against the HTTP simulator with no key and no network", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/demo.ts"], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, STATSIG_CONSOLE_API_KEY: "" } });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/simulator at http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(/checkout_redesign, its rule\s+Employees \(\S+\), passes 50%/);
    expect(out).toMatch(/decided\s+status decision_made, shipped Test/);
    expect(out).toContain("chunks sent 5 of 5");
    expect(out).toMatch(/segment beta_accounts holds\s+5,000 IDs/);
    expect(out).toMatch(/page 3\s+\["team_09","team_10","team_11"\]/);
    expect(out).toMatch(/BadRequestError \(400\)\s+\["name must be at least 3 characters long"/);
    expect(out).toMatch(/429s\s+0\n/);
    expect(Number(/requests sent\s+(\d+)/.exec(out)?.[1])).toBeGreaterThan(25);
    expect(out.trim().endsWith("Done.")).toBe(true);
  }, 30_000);
});
