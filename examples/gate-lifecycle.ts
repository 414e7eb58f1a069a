// A feature gate from creation to deletion: create, add a rule, change it, switch the gate off
// and on, delete it.
import { NotFoundError } from "statsig-console-api";
import { exampleClient } from "./simulator.js";

const sc = exampleClient();
// The flow the new gate replaces; it stays after the new one is deleted.
await sc.gates.create({ name: "checkout_v1", description: "The old checkout flow" });

const gate = await sc.gates.create({ name: "checkout_redesign", description: "The new checkout flow" });
console.log(`created ${gate.name}`);

const withRule = await sc.gates.rules.create(gate.id, {
  name: "Employees",
  passPercentage: 100,
  conditions: [{ type: "email", operator: "str_contains_any", targetValue: ["@example.com"] }],
});
const rule = withRule.rules?.[0];
if (!rule?.id) throw new Error("the gate should have its new rule");

await sc.gates.rules.patch(gate.id, rule.id, { passPercentage: 25 });
const { rules } = await sc.gates.rules.list(gate.id);
console.log(`rule ${rule.name} passes ${rules[0]?.passPercentage}%`);

console.log(`enabled after disable: ${(await sc.gates.disable(gate.id)).isEnabled}`);
console.log(`enabled after enable: ${(await sc.gates.enable(gate.id)).isEnabled}`);

const { message } = await sc.gates.delete(gate.id);
console.log(`deleted: ${message}`);
try {
  await sc.gates.get(gate.id);
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error;
  console.log(`reading it again: ${error.status}`);
}
