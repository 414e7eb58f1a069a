// The names the generator derives (scripts/lib/naming.ts), and the do-not-edit notes it stamps
// on what it writes: a wrong name is a breaking change to the package's exports and file layout.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../scripts/generate.js";
import { className, descriptorName, functionName, GENERATED_HEADER, GENERATED_JSON_NOTE, kebab, typeStem } from "../../scripts/lib/naming.js";
import { repoRoot } from "../helpers/spec.js";

describe("naming", () => {
  it("kebab-cases a camelCase group name for its file, and leaves a lower-case one alone", () => {
    expect(kebab("dynamicConfigs")).toBe("dynamic-configs");
    expect(kebab("gates")).toBe("gates");
  });

  it("Pascal-cases every segment of an operationId into a type stem, and of a namespace into a class name", () => {
    expect(typeStem("gates.rules.create")).toBe("GatesRulesCreate");
    expect(typeStem("dynamicConfigs.get")).toBe("DynamicConfigsGet");
    expect(className(["gates", "rules"])).toBe("GatesRules");
    expect(className(["dynamicConfigs"])).toBe("DynamicConfigs");
  });

  it("camel-cases an operationId into its standalone function, and names its descriptor const after it", () => {
    expect(functionName("gates.rules.create")).toBe("gatesRulesCreate");
    expect(functionName("dynamicConfigs.get")).toBe("dynamicConfigsGet");
    expect(descriptorName("gates.rules.create")).toBe("gatesRulesCreateOperation");
    expect(descriptorName("keys.list")).toBe("keysListOperation");
  });

  it("stamps generated TypeScript and JSON with a note that they are generated and not to be edited", async () => {
    expect(GENERATED_HEADER).toMatch(/^\/\/ .*generated.*DO NOT EDIT/i);
    expect(GENERATED_JSON_NOTE).toMatch(/generated.*do not edit/i);
    const files = await generate(join(repoRoot, "test", "fixtures", "mini-spec"));
    const bundled = JSON.parse(files.get("openapi.json")!) as Record<string, unknown>;
    expect(bundled["x-generated"]).toBe(GENERATED_JSON_NOTE);
  }, 30_000);
});
