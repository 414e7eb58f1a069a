// The package as users get it: `npm run build` output imported by plain Node, with its types.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/spec.js";

// Inside the repository, so the build resolves its dependencies from node_modules like an installed package.
const outDir = mkdtempSync(join(repoRoot, ".build-test-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

beforeAll(() => {
  const tsup = join(repoRoot, "node_modules", "tsup", "dist", "cli-default.js");
  const run = spawnSync(process.execPath, [tsup, "--out-dir", outDir], { cwd: repoRoot, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`build failed:\n${run.stdout}${run.stderr}`);
}, 120_000);

describe("the built package", () => {
  it("emits JavaScript and declarations for the root and testing entry points", () => {
    for (const file of ["index.js", "index.d.ts", "testing/index.js", "testing/index.d.ts", "testing/msw.js", "testing/msw.d.ts"]) expect(existsSync(join(outDir, file)), file).toBe(true);
  });

  it("runs in plain Node: a workflow against the simulator", () => {
    const script = `
      import { StatsigConsole, NotFoundError } from ${JSON.stringify(join(outDir, "index.js"))};
      import { ConsoleSimulator } from ${JSON.stringify(join(outDir, "testing", "index.js"))};
      const simulator = new ConsoleSimulator();
      const sc = new StatsigConsole({ apiKey: "console-pkg", fetch: simulator.fetch });
      await sc.gates.create({ name: "from_dist" });
      const names = (await sc.gates.list().toArray()).map((g) => g.name);
      let notFound = false;
      try { await sc.gates.get("missing_gate"); } catch (e) { notFound = e instanceof NotFoundError; }
      console.log(JSON.stringify({ names, notFound }));
    `;
    const file = join(outDir, "consumer.mjs");
    writeFileSync(file, script);
    const run = spawnSync(process.execPath, [file], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ names: ["from_dist"], notFound: true });
  });

  it("type-checks a consumer against the emitted declarations", () => {
    const consumer = join(outDir, "consumer.ts");
    writeFileSync(
      consumer,
      `import { StatsigConsole, type Gate } from "./index.js";
       const sc = new StatsigConsole({ apiKey: "console-pkg" });
       export async function f(): Promise<Gate> { return sc.gates.get("g"); }
       // @ts-expect-error the gate id is required
       export const g = () => sc.gates.get();
      `,
    );
    const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    const run = spawnSync(process.execPath, [tsc, "--noEmit", "--strict", "--module", "NodeNext", "--moduleResolution", "NodeNext", "--target", "ES2022", "--lib", "ES2022,DOM", "--types", "node", "--typeRoots", join(repoRoot, "node_modules", "@types"), consumer], {
      encoding: "utf8",
      cwd: outDir,
    });
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  }, 60_000);
});
