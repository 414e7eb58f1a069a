// Layer behaviour the generic facade tests do not cover: the two override bodies (replace, add with
// `op`), the bodiless delete that clears every override, and typed parameter default values.
import { describe, expect, it } from "vitest";
import type { StatsigConsole } from "../../src/index.js";
import type { Layer, LayerOverrides, LayerParameter } from "../../generated/types.js";
import { useMockApi } from "../helpers/mock-api.js";

const api = useMockApi();

const client = api.client;

const overrides: LayerOverrides = {
  conditionalOverrides: [{ type: "segment", name: "internal_staff", experimentName: "exp_new_onboarding", groupName: "Test" }],
  idOverrides: [{ groupName: "Control", ids: ["user_qa_01"], experimentName: "exp_new_onboarding" }],
};

describe("layers.overrides", () => {
  it("replace posts both lists as they are", async () => {
    api.respondJson({ message: "Layer overrides updated successfully.", data: overrides });
    await expect(client().layers.overrides.update("layer_homepage", overrides)).resolves.toEqual(overrides);
    expect(api.requests[0]?.method).toBe("POST");
    expect(JSON.parse(api.requests[0]?.bodyText ?? "")).toEqual(overrides);
  });

  it("add sends op: add with both lists", async () => {
    api.respondJson({ message: "Layer overrides updated successfully.", data: overrides });
    await client().layers.overrides.patch("layer_homepage", {
      op: "add",
      conditionalOverrides: [],
      idOverrides: [{ groupName: "Test", ids: ["user_qa_03"], idType: "userID", environment: null }],
    });
    expect(api.requests[0]?.method).toBe("PATCH");
    expect(JSON.parse(api.requests[0]?.bodyText ?? "")).toEqual({
      op: "add",
      conditionalOverrides: [],
      idOverrides: [{ groupName: "Test", ids: ["user_qa_03"], idType: "userID", environment: null }],
    });
  });

  it("delete sends no body and resolves to the emptied lists", async () => {
    api.respondJson({ message: "Layer overrides deleted successfully.", data: { conditionalOverrides: [], idOverrides: [] } });
    await expect(client().layers.overrides.delete("layer_homepage")).resolves.toEqual({ conditionalOverrides: [], idOverrides: [] });
    expect(api.requests[0]?.method).toBe("DELETE");
    expect(api.requests[0]?.url.pathname).toBe("/console/v1/layers/layer_homepage/overrides");
    expect(api.requests[0]?.bodyText).toBe("");
  });
});

describe("layer parameters", () => {
  it("keeps each default value's JSON type through a read", async () => {
    const parameters: LayerParameter[] = [
      { name: "hero_title", type: "string", defaultValue: "Welcome back" },
      { name: "cards_per_row", type: "number", defaultValue: 3 },
      { name: "show_banner", type: "boolean", defaultValue: false },
      { name: "theme", type: "object", defaultValue: { accent: "#3355ff", rounded: true } },
      { name: "sections", type: "array", defaultValue: ["hero", 2, true, { id: "deals" }] },
    ];
    const layer: Layer = {
      id: "layer_homepage",
      idType: "userID",
      description: "Home page",
      createdTime: 1767139200000,
      creatorID: "usr_4f2a9c",
      creatorName: "Jordan Example",
      creatorEmail: "jordan@example.com",
      lastModifiedTime: 1767225600000,
      lastModifierID: "usr_4f2a9c",
      lastModifierName: "Jordan Example",
      lastModifierEmail: "jordan@example.com",
      isImplicitLayer: false,
      parameters,
    };
    api.respondJson({ message: "Layer read successfully.", data: layer });
    const result = await client().layers.get("layer_homepage");
    const byName = new Map(result.parameters.map((p) => [p.name, p]));
    const count = byName.get("cards_per_row");
    expect(count?.type === "number" ? count.defaultValue + 1 : undefined).toBe(4);
    expect(result).toEqual(layer);
  });
});

// Compile-time checks (tsc runs over test/): never called.
export function layerTypeChecks(sc: StatsigConsole): void {
  // @ts-expect-error a number parameter's default must be a number
  const wrongDefault: LayerParameter = { name: "cards_per_row", type: "number", defaultValue: "3" };
  // @ts-expect-error the add call needs op: "add"
  void sc.layers.overrides.patch("layer_homepage", { conditionalOverrides: [], idOverrides: [] });
  // @ts-expect-error conditional overrides target a gate or a segment only
  void sc.layers.overrides.update("layer_homepage", { conditionalOverrides: [{ type: "experiment", name: "x", experimentName: "y", groupName: "z" }], idOverrides: [] });
  // @ts-expect-error creating a layer needs its unit type
  void sc.layers.create({ name: "layer_homepage" });
  void wrongDefault;
}
