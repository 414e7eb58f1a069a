// `npm start`: a short workflow through the client against the in-memory Console API simulator.
// No key, no network: the simulator is the client's fetch.
import { NotFoundError, StatsigConsole } from "../src/index.js";
import { ConsoleSimulator } from "../src/testing/index.js";

const simulator = new ConsoleSimulator();
const sc = new StatsigConsole({ apiKey: "console-demo-key", baseUrl: "https://console-simulator.invalid", fetch: simulator.fetch });

function show(label: string, value: unknown): void {
  console.log(`${label.padEnd(34)} ${typeof value === "string" ? value : JSON.stringify(value)}`);
}

async function main(): Promise<void> {
  console.log("Statsig Console API client: demo against the local simulator\n");
  for (const name of ["checkout_redesign", "new_onboarding", "dark_mode", "search_v2", "fast_cart"]) {
    await sc.gates.create({ name, description: `Demo gate ${name}`, tags: name.includes("checkout") || name.includes("cart") ? ["checkout"] : ["growth"] });
  }
  show("created gates", 5);

  const page = await sc.gates.list({ limit: 2 });
  show(
    "first page (limit 2)",
    page.data.map((g) => g.name),
  );
  show("has next page", page.hasNextPage());

  const everyName: string[] = [];
  for await (const gate of sc.gates.list({ limit: 2 })) everyName.push(gate.name);
  show("every gate, across pages", everyName);

  const checkout = await sc.gates.list({ tags: ["checkout"] }).toArray();
  show(
    "gates tagged checkout",
    checkout.map((g) => g.name),
  );

  const withRule = await sc.gates.rules.create("checkout_redesign", {
    name: "Employees",
    passPercentage: 100,
    conditions: [{ type: "email", operator: "str_contains_any", targetValue: ["@example.com"] }],
  });
  const ruleId = withRule.rules?.[0]?.id ?? "";
  show("rule added", { gate: withRule.name, rule: ruleId });

  await sc.gates.rules.patch("checkout_redesign", ruleId, { passPercentage: 50 });
  const rules = await sc.gates.rules.list("checkout_redesign");
  show("rule pass percentage after patch", rules.rules[0]?.passPercentage);

  const disabled = await sc.gates.disable("dark_mode");
  show("dark_mode enabled after disable", disabled.isEnabled);

  await sc.gates.delete("fast_cart");
  try {
    await sc.gates.get("fast_cart");
  } catch (error) {
    if (error instanceof NotFoundError) show("reading a deleted gate", `${error.name} (${error.status})`);
    else throw error;
  }

  const { response } = await sc.gates.get("checkout_redesign").withResponse();
  show("withResponse() status", response.status);

  const requests = simulator.requests.length;
  const limited = simulator.requests.filter((r) => r.status === 429).length;
  show("requests sent / answered 429", `${requests} / ${limited}`);
  console.log("\nDone.");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
