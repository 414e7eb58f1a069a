// Testing your own code against the simulator: seed it, run the code, check both what the code
// returned and what it did to the (simulated) project.
import assert from "node:assert/strict";
import type { StatsigConsole } from "statsig-console-api";
import { exampleClient, simulator } from "./simulator.js";

/** The code under test: disables every gate carrying a tag and says which. */
async function disableTagged(sc: StatsigConsole, tag: string): Promise<string[]> {
  const disabled: string[] = [];
  for await (const gate of sc.gates.list({ tags: [tag] })) {
    await sc.gates.disable(gate.id);
    disabled.push(gate.id);
  }
  return disabled;
}

simulator.seed("gates", [
  { id: "old_banner", name: "old_banner", isEnabled: true, tags: ["cleanup"] },
  { id: "new_search", name: "new_search", isEnabled: true, tags: ["search"] },
]);

const disabled = await disableTagged(exampleClient(), "cleanup");
assert.deepEqual(disabled, ["old_banner"]);
assert.equal(simulator.collections.get("gates")?.get("old_banner")?.isEnabled, false);
assert.equal(simulator.collections.get("gates")?.get("new_search")?.isEnabled, true);
console.log(`disabled ${disabled.join(", ")}; requests: ${simulator.requests.map((r) => `${r.method} ${r.status}`).join(", ")}`);
