// Compile-only type tests (checked by `npm run typecheck`, never executed). Every line marked
// Every line preceded by an expect-error directive must fail to compile; everything else must compile.
import type { APIPromise, Gate, GatesListItem, Page, PagePromise, RuleCondition, RuleInput, StatsigConsole } from "../../src/index.js";

export async function gateTypeTests(sc: StatsigConsole): Promise<void> {
  // Results are the envelope's data, precisely typed.
  const gate: Gate = await sc.gates.get("my_gate");
  const status: "In Progress" | "Launched" | "Disabled" | "Archived" | undefined = gate.status;
  void status;
  const promise: APIPromise<Gate> = sc.gates.get("my_gate");
  void promise;
  const page: Page<GatesListItem> = await sc.gates.list({ limit: 50, tags: ["checkout"], includeArchived: true });
  void page.data[0]?.name;
  const pages: PagePromise<GatesListItem> = sc.gates.list();
  for await (const item of pages) void item.id;

  // Bodies.
  await sc.gates.create({ name: "new_gate", description: "A new gate", rules: [] });
  await sc.gates.rules.patch("my_gate", "rule_1", { passPercentage: 50 });
  await sc.gates.archive("my_gate");

  // @ts-expect-error name is required on create
  await sc.gates.create({ description: "no name" });
  // @ts-expect-error description must be a string
  await sc.gates.create({ name: "g", description: 42 });
  // @ts-expect-error unknown field in the body
  await sc.gates.create({ name: "g", colour: "blue" });
  // @ts-expect-error STALE is a computed type, not one you can set
  await sc.gates.create({ name: "g", type: "STALE" });
  // @ts-expect-error passPercentage is a number
  await sc.gates.rules.patch("my_gate", "rule_1", { passPercentage: "50" });

  // Path parameters are positional and required.
  // @ts-expect-error missing the gate id
  await sc.gates.get();
  // @ts-expect-error missing the rule id
  await sc.gates.rules.delete("my_gate");
  // @ts-expect-error ids are strings
  await sc.gates.get(123);

  // Query types.
  // @ts-expect-error limit is an integer, not a string
  await sc.gates.list({ limit: "50" });
  // @ts-expect-error includeArchived is a boolean
  await sc.gates.list({ includeArchived: "true" });
  // @ts-expect-error tags is a list of strings
  await sc.gates.list({ tags: "checkout" });
  // @ts-expect-error unknown query parameter
  await sc.gates.list({ colour: "blue" });

  // Options.
  await sc.gates.get("my_gate", { timeoutMs: 1000, maxRetries: 0, signal: AbortSignal.timeout(5000), headers: { "x-trace": "1" } });
  // @ts-expect-error timeoutMs is a number of milliseconds
  await sc.gates.get("my_gate", { timeoutMs: "1s" });
  // @ts-expect-error a body-less call takes no query option
  await sc.gates.get("my_gate", { query: { limit: 1 } });

  // Rule conditions: a union discriminated by `type`, operators checked per type.
  const conditions: RuleCondition[] = [
    { type: "public" },
    { type: "country", operator: "any", targetValue: ["US", "CA"] },
    { type: "app_version", operator: "version_gte", targetValue: "2.1.0" },
    { type: "custom_field", field: "plan", operator: "any", targetValue: ["pro"] },
    { type: "passes_gate", targetValue: "other_gate" },
  ];
  const rule: RuleInput = { name: "Rollout", passPercentage: 10, conditions };
  void rule;
  const narrow = (condition: RuleCondition): string => (condition.type === "custom_field" ? condition.field : condition.type);
  void narrow;

  // @ts-expect-error an unknown condition type
  const unknownType: RuleCondition = { type: "zodiac_sign", operator: "any", targetValue: ["leo"] };
  // @ts-expect-error country does not take numeric comparisons
  const badOperator: RuleCondition = { type: "country", operator: "gt", targetValue: ["US"] };
  // @ts-expect-error custom_field needs the field name
  const noField: RuleCondition = { type: "custom_field", operator: "any", targetValue: ["pro"] };
  void unknownType;
  void badOperator;
  void noField;
}
