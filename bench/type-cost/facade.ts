// Fifteen gate calls through the facade (compare raw.ts: the same calls through sc.raw).
import { StatsigConsole } from "../../src/index.js";

const sc = new StatsigConsole({ apiKey: "console-bench" });

export async function calls(): Promise<unknown[]> {
  return [
    await sc.gates.list({ limit: 50, tags: ["checkout"] }),
    await sc.gates.get("my_gate"),
    await sc.gates.create({ name: "new_gate", description: "A gate" }),
    await sc.gates.patch("my_gate", { description: "Patched" }),
    await sc.gates.update("my_gate", { isEnabled: true, description: "Full", rules: [] }),
    await sc.gates.delete("my_gate"),
    await sc.gates.enable("my_gate"),
    await sc.gates.disable("my_gate"),
    await sc.gates.archive("my_gate"),
    await sc.gates.rules.list("my_gate"),
    await sc.gates.rules.create("my_gate", { name: "Rule", passPercentage: 10, conditions: [{ type: "public" }] }),
    await sc.gates.rules.patch("my_gate", "rule_1", { passPercentage: 50 }),
    await sc.gates.rules.delete("my_gate", "rule_1"),
    await sc.gates.overrides.get("my_gate"),
    await sc.gates.versions.list("my_gate", { limit: 10 }),
  ];
}
