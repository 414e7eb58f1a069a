// `npm start`: a realistic workflow through the client, over real HTTP, against the Console API
// simulator on a free port of 127.0.0.1. No key, no network; both sides keep the published limits.
import { BadRequestError, StatsigConsole } from "../src/index.js";
import { startSimulator } from "../src/testing/index.js";

const IDS_TO_ADD = 5_000;

function show(label: string, value: unknown): void {
  console.log(`  ${label.padEnd(36)} ${typeof value === "string" ? value : JSON.stringify(value)}`);
}

function heading(text: string): void {
  console.log(`\n${text}`);
}

async function main(): Promise<void> {
  const startedMs = performance.now();
  const server = await startSimulator();
  try {
    const sc = new StatsigConsole({ apiKey: "console-demo-key", baseUrl: server.baseUrl, logLevel: "off" });
    console.log(`Statsig Console API client: a workflow against the simulator at ${server.baseUrl}`);

    heading("1. A gate and a dynamic config, with rules");
    await sc.gates.create({ name: "checkout_redesign", description: "New checkout flow", tags: ["checkout"] });
    const gate = await sc.gates.rules.create("checkout_redesign", {
      name: "Employees",
      passPercentage: 100,
      conditions: [{ type: "email", operator: "str_contains_any", targetValue: ["@example.com"] }],
    });
    const ruleId = gate.rules[0]?.id ?? "";
    await sc.gates.rules.patch("checkout_redesign", ruleId, { passPercentage: 50 });
    const [rule] = (await sc.gates.rules.list("checkout_redesign")).rules;
    show("gate checkout_redesign, its rule", `${rule?.name} (${rule?.id}), passes ${rule?.passPercentage}%`);
    await sc.dynamicConfigs.create({ name: "checkout_copy", description: "Checkout labels", defaultValue: { buttonLabel: "Pay now" }, tags: ["checkout"] });
    const config = await sc.dynamicConfigs.rules.create("checkout_copy", {
      name: "Germany",
      passPercentage: 100,
      conditions: [{ type: "country", operator: "any", targetValue: ["DE"] }],
      returnValue: { buttonLabel: "Jetzt bezahlen" },
    });
    show(
      "dynamic config checkout_copy, rules",
      config.rules.map((rule) => rule.name),
    );

    heading("2. An experiment from setup to a decision");
    const experiment = await sc.experiments.create({
      name: "one_page_checkout",
      hypothesis: "A shorter checkout increases completed purchases.",
      idType: "userID",
      groups: [
        { name: "Control", size: 50, parameterValues: { one_page: false } },
        { name: "Test", size: 50, parameterValues: { one_page: true } },
      ],
    });
    show("created", `status ${experiment.status}`);
    await sc.experiments.start("one_page_checkout");
    show("started", `status ${(await sc.experiments.get("one_page_checkout")).status}`);
    await sc.experiments.makeDecision("one_page_checkout", { id: "Test", decisionReason: "Purchases rose with no guardrail regressions." });
    const decided = await sc.experiments.get("one_page_checkout");
    show("decided", `status ${decided.status}, shipped ${decided.launchedGroupID}`);

    heading(`3. ${IDS_TO_ADD.toLocaleString("en-US")} IDs into a segment, in chunks`);
    await sc.segments.create({ name: "beta_accounts", type: "id_list", description: "Accounts in the beta", idType: "userID" });
    const ids = Array.from({ length: IDS_TO_ADD }, (_, i) => `acct_${String(i + 1).padStart(5, "0")}`);
    const live = process.stdout.isTTY === true;
    await sc.segments.idList.addInChunks(
      "beta_accounts",
      { ids },
      {
        onProgress: ({ done, total }) => {
          const line = `  chunks sent ${done} of ${total}`;
          if (live) process.stdout.write(`\r${line}${done === total ? "\n" : ""}`);
          else console.log(line);
        },
      },
    );
    const stored = await sc.segments.idList.get("beta_accounts", { limit: 1 });
    show("segment beta_accounts holds", `${stored.count.toLocaleString("en-US")} IDs`);

    heading("4. Paging through a list");
    for (let i = 1; i <= 11; i++) await sc.tags.create({ name: `team_${String(i).padStart(2, "0")}`, description: "Demo tag" });
    let page = 0;
    for await (const tags of sc.tags.list({ limit: 4 }).pages())
      show(
        `page ${++page}`,
        tags.data.map((tag) => tag.name),
      );

    heading("5. A typed error");
    try {
      await sc.gates.create({ name: "x", rules: [{ name: "All", passPercentage: 120, conditions: [{ type: "public" }] }] });
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error;
      show(
        `${error.name} (${error.status})`,
        error.errors.map((field) => field.errorMessage),
      );
    }

    heading("Summary");
    const requests = server.simulator.requests;
    show("requests sent", requests.length);
    show("429s", requests.filter((request) => request.status === 429).length);
    show("time", `${Math.round(performance.now() - startedMs)} ms`);
    console.log("\nDone.");
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
