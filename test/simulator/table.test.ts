// The generated table: roles from operationIds and paths, x-simulator-sets checked against the
// entity, and the testing entry under its size budget (the table ships, the spec does not).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { buildSimulatorTable } from "../../scripts/lib/emit-simulator.js";
import { loadSpec, SpecError } from "../../scripts/lib/load-spec.js";
import { buildOperationModels } from "../../scripts/lib/operation-model.js";
import { readRateLimitGroups } from "../../scripts/lib/rate-limit-groups.js";
import { simulatorTable } from "../../generated/simulator.js";
import { repoRoot } from "../helpers/spec.js";

function tableOf(specDir: string) {
  const spec = loadSpec(specDir);
  return buildSimulatorTable(spec, buildOperationModels(spec, readRateLimitGroups(spec)));
}

describe("the simulator table", () => {
  it("gives each kind of operation its role from its operationId and path", () => {
    const role = (id: string) => {
      const entry = simulatorTable.operations[id]!;
      return [entry.role, entry.collection, entry.sub?.kind, entry.sub?.by].filter((part) => part !== undefined).join(" ");
    };
    expect(["gates.list", "gates.create", "gates.get", "gates.update", "gates.patch", "gates.delete", "gates.enable", "gates.checks.get", "company.get"].map(role)).toEqual([
      "list gates",
      "create gates",
      "get gates",
      "update gates",
      "patch gates",
      "delete gates",
      "state gates",
      "scoped gates",
      "stateless",
    ]);
    expect(["gates.rules.patch", "dynamicConfigs.rules.deleteByName", "holdouts.overrides.update", "segments.userStoreIdList.add"].map(role)).toEqual([
      "sub gates rules id",
      "sub dynamicConfigs rules name",
      "sub holdouts overrides",
      "sub segments idList",
    ]);
    // Addressed by name, under another collection's path, read by other fields.
    expect(role("experiments.assignmentSources.update")).toBe("update experiments.assignmentSources");
    expect(simulatorTable.collections["experiments.assignmentSources"]!.key).toBe("name");
    expect(role("metrics.sources.metrics.list")).toBe("scoped metrics.sources");
    expect(simulatorTable.operations["metrics.getByNameAndType"]!.lookup).toEqual(["name", "type"]);
    expect(simulatorTable.operations["gates.list"]!.filters).toMatchObject({ tags: "any", idType: "equal" });
  });

  it("refuses x-simulator-sets naming a field the entity does not have", () => {
    const dir = mkdtempSync(join(tmpdir(), "simulator-spec-"));
    try {
      cpSync(join(repoRoot, "spec"), dir, { recursive: true });
      const file = join(dir, "paths", "gates.yaml");
      writeFileSync(file, readFileSync(file, "utf8").replace("x-simulator-sets: { status: Launched }", "x-simulator-sets: { launchedEverywhere: true }"));
      expect(() => tableOf(dir)).toThrow(SpecError);
      expect(() => tableOf(dir)).toThrow(/launchedEverywhere, not fields of the gates entity/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("ships without the spec: the testing entry, bundled as the package builds it, stays under 200 kB", async () => {
    const result = await build({
      entryPoints: [join(repoRoot, "src/testing/index.ts")],
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      write: false,
      external: ["openapi-fetch", "msw", "ioredis"],
      // The client's own operation table is shared with the main entry (a chunk of its own in the package).
      plugins: [{ name: "shared", setup: (b) => b.onResolve({ filter: /generated\/operations\.js$/ }, (args) => ({ path: args.path, external: true })) }],
    });
    const bytes = result.outputFiles[0]!.contents.byteLength;
    expect(bytes).toBeLessThan(200_000);
    expect(new TextDecoder().decode(result.outputFiles[0]!.contents)).not.toContain('"openapi":"3.1');
  });
});
