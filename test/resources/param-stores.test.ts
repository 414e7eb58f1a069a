// Param store parameters: a union by `ref_type`, and for fixed and gated values by `param_type`,
// so a value must have the JSON type its parameter declares.
import { describe, expect, it } from "vitest";
import type { ParamStoreParameter, ParamStoreUpdateBody } from "../../src/index.js";
import { validatorAt } from "../helpers/ajv.js";
import type { JsonObject } from "../helpers/spec.js";

const parameter = validatorAt(["components", "schemas", "ParamStoreParameter"]);

describe("ParamStoreParameter (JSON Schema)", () => {
  const valid: JsonObject[] = [
    { name: "max_items", ref_type: "static", param_type: "number", value: 50 },
    { name: "wallets", ref_type: "static", param_type: "array", value: ["apple_pay"] },
    { name: "retry", ref_type: "static", param_type: "object", value: { attempts: 3 } },
    { name: "express", ref_type: "gate", param_type: "boolean", gate_name: "express_pay", pass_value: true, fail_value: false },
    { name: "layout", ref_type: "layer", param_type: "string", layer_name: "checkout_layer", param_name: "layout" },
    { name: "copy", ref_type: "dynamic_config", param_type: "string", config_name: "banner", param_name: "headline" },
    { name: "threshold", ref_type: "experiment", param_type: "number", experiment_name: "shipping_test", param_name: "threshold" },
  ];
  it.each(valid.map((p) => [`${String(p.ref_type)}/${String(p.param_type)}`, p] as const))("accepts %s", (_label, p) => {
    expect(parameter(p)).toBe(true);
  });

  const invalid: [string, JsonObject][] = [
    ["a static value of the wrong type", { name: "max_items", ref_type: "static", param_type: "number", value: "50" }],
    ["a static object given an array", { name: "retry", ref_type: "static", param_type: "object", value: [3] }],
    ["a gate parameter without fail_value", { name: "express", ref_type: "gate", param_type: "boolean", gate_name: "express_pay", pass_value: true }],
    ["gate values of different types", { name: "express", ref_type: "gate", param_type: "string", gate_name: "express_pay", pass_value: "on", fail_value: 0 }],
    ["a layer parameter without param_name", { name: "layout", ref_type: "layer", param_type: "string", layer_name: "checkout_layer" }],
    ["an unknown value type", { name: "when", ref_type: "experiment", param_type: "date", experiment_name: "x", param_name: "y" }],
    ["an unknown source", { name: "x", ref_type: "holdout", param_type: "string", value: "y" }],
  ];
  it.each(invalid)("rejects %s", (_label, p) => {
    expect(parameter(p)).toBe(false);
  });
});

// Compile-time checks (tsc runs over test/): never called. The union narrows on ref_type and
// param_type, and a value of the wrong JSON type does not compile.
export function paramStoreTypeChecks(): void {
  const render = (p: ParamStoreParameter): string => {
    switch (p.ref_type) {
      case "static":
        return p.param_type === "number" ? `static ${p.value.toFixed(0)}` : `static ${p.param_type}`;
      case "gate":
        return `gate ${p.gate_name}`;
      case "layer":
        return `layer ${p.layer_name}.${p.param_name}`;
      case "dynamic_config":
        return `config ${p.config_name}.${p.param_name}`;
      case "experiment":
        return `experiment ${p.experiment_name}.${p.param_name}`;
    }
  };
  void render;

  const body: ParamStoreUpdateBody = {
    parameters: [
      // @ts-expect-error a number parameter cannot hold a string
      { name: "max_items", ref_type: "static", param_type: "number", value: "50" },
      // @ts-expect-error a gate parameter needs pass_value and fail_value
      { name: "express", ref_type: "gate", param_type: "boolean", gate_name: "express_pay" },
    ],
  };
  void body;
}
