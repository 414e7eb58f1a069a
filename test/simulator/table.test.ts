// The generated table: roles from operationIds and paths, x-simulator-sets checked against the
// entity, and the testing entry under its size budget (the table ships, the spec does not).
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { buildSimulatorTable } from "../../scripts/lib/emit-simulator.js";
import { SpecError } from "../../scripts/lib/load-spec.js";
import { buildOperationModels } from "../../scripts/lib/operation-model.js";
import { readRateLimitGroups } from "../../scripts/lib/rate-limit-groups.js";
import { simulatorTable } from "../../generated/simulator.js";
import { bundledSpec, type JsonObject, repoRoot } from "../helpers/spec.js";

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

  it("is exactly what the generator builds from the spec, compacted request schemas included", () => {
    // In process and under a second, unlike \`generate --check\`: a change in how the table or its
    // schemas are built that alters the shipped table fails here.
    const doc = structuredClone(bundledSpec) as JsonObject;
    const built = buildSimulatorTable(doc, buildOperationModels(doc, readRateLimitGroups(doc)));
    expect(JSON.parse(JSON.stringify(built))).toStrictEqual(JSON.parse(JSON.stringify(simulatorTable)));
  });

  it("refuses x-simulator-sets naming a field the entity does not have", () => {
    const doc = structuredClone(bundledSpec) as JsonObject;
    const launch = ((doc.paths as JsonObject)["/console/v1/gates/{id}/launch"] as JsonObject).put as JsonObject;
    expect(launch["x-simulator-sets"]).toEqual({ status: "Launched" });
    launch["x-simulator-sets"] = { launchedEverywhere: true };
    const error = (() => {
      try {
        buildSimulatorTable(doc, buildOperationModels(doc, readRateLimitGroups(doc)));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SpecError);
    expect((error as Error).message).toMatch(/launchedEverywhere, not fields of the gates entity/);
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
