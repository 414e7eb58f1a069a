// The same fifteen gate calls as facade.ts, through the path-typed openapi-fetch client.
import { StatsigConsole } from "../../src/index.js";

const sc = new StatsigConsole({ apiKey: "console-bench" });
const id = { id: "my_gate" };

export async function calls(): Promise<unknown[]> {
  return [
    await sc.raw.GET("/console/v1/gates", { params: { query: { limit: 50, tags: ["checkout"] } } }),
    await sc.raw.GET("/console/v1/gates/{id}", { params: { path: id } }),
    await sc.raw.POST("/console/v1/gates", { body: { name: "new_gate", description: "A gate" } }),
    await sc.raw.PATCH("/console/v1/gates/{id}", { params: { path: id }, body: { description: "Patched" } }),
    await sc.raw.POST("/console/v1/gates/{id}", { params: { path: id }, body: { isEnabled: true, description: "Full", rules: [] } }),
    await sc.raw.DELETE("/console/v1/gates/{id}", { params: { path: id } }),
    await sc.raw.PUT("/console/v1/gates/{id}/enable", { params: { path: id } }),
    await sc.raw.PUT("/console/v1/gates/{id}/disable", { params: { path: id } }),
    await sc.raw.PUT("/console/v1/gates/{id}/archive", { params: { path: id } }),
    await sc.raw.GET("/console/v1/gates/{id}/rules", { params: { path: id } }),
    await sc.raw.POST("/console/v1/gates/{id}/rule", { params: { path: id }, body: { name: "Rule", passPercentage: 10, conditions: [{ type: "public" }] } }),
    await sc.raw.PATCH("/console/v1/gates/{id}/rules/{ruleID}", { params: { path: { id: "my_gate", ruleID: "rule_1" } }, body: { passPercentage: 50 } }),
    await sc.raw.DELETE("/console/v1/gates/{id}/rules/{ruleID}", { params: { path: { id: "my_gate", ruleID: "rule_1" } } }),
    await sc.raw.GET("/console/v1/gates/{id}/overrides", { params: { path: id } }),
    await sc.raw.GET("/console/v1/gates/{id}/versions", { params: { path: id, query: { limit: 10 } } }),
  ];
}
