// The README's examples, type-checked (compile-only, never executed). Keep in step with README.md.
import { NotFoundError, StatsigConsole, type DynamicConfigsUpdateBody, type GatesCreateBody } from "../../src/index.js";
import { ConsoleSimulator } from "../../src/testing/index.js";
import { Redis } from "ioredis";
import { redisWindowStore } from "../../src/stores/redis.js";

export async function readmeExamples(ruleId: string, signal: AbortSignal, body: GatesCreateBody, configBody: DynamicConfigsUpdateBody, fiftyThousandIds: string[]): Promise<void> {
  const sc = new StatsigConsole({ apiKey: process.env.MY_KEY });

  const gate = await sc.gates.get("checkout_redesign");
  const status: "In Progress" | "Launched" | "Disabled" | "Archived" | undefined = gate.status;
  void status;
  await sc.gates.create({ name: "new_gate", description: "Shows the new flow" });
  await sc.gates.rules.patch("checkout_redesign", ruleId, { passPercentage: 50 });
  await sc.gates.disable("old_gate");
  const { message } = await sc.gates.delete("old_gate");
  void message;

  const page = await sc.gates.list({ limit: 50 });
  void [page.data, page.pagination, page.hasNextPage()];
  if (page.hasNextPage()) await page.getNextPage();
  for await (const g of sc.gates.list({ tags: ["checkout"] })) void g;
  const all = await sc.gates.list({ limit: 100 }).toArray({
    concurrency: 4,
    onProgress: ({ done, total }) => console.log(`${done}/${total ?? "?"}`),
  });
  void all;
  for await (const p of sc.gates.list().pages({ concurrency: 8 })) void p;
  await sc.segments.idList.addInChunks("beta_users", { ids: fiftyThousandIds }, { onProgress: ({ done, total }) => void [done, total] });
  const settings: { timeoutMs?: number | undefined } = {};
  const maybeTags: string[] | undefined = undefined;
  const maybeSignal: AbortSignal | undefined = undefined;
  const strict = new StatsigConsole({ apiKey: process.env.STATSIG_KEY, timeoutMs: settings.timeoutMs });
  await strict.gates.list({ limit: undefined, tags: maybeTags }, { signal: maybeSignal });
  const shared = new StatsigConsole({ rateLimit: { store: redisWindowStore(new Redis(process.env.REDIS_URL!)) } });
  void shared;
  for await (const p of sc.gates.list().pages()) void p;
  const first500 = await sc.gates.list().toArray({ maxItems: 500 });
  void first500;

  await sc.gates.get("my_gate", { timeoutMs: 5_000, maxRetries: 0, signal, headers: { "x-trace": "1" } });
  await sc.dynamicConfigs.update("cfg", configBody, { query: { dryRun: true } });
  await sc.gates.create(body, { respectReviewSettings: true });
  const { data, response } = await sc.gates.get("my_gate").withResponse();
  void [data, response];

  try {
    await sc.gates.get("missing");
  } catch (error) {
    if (error instanceof NotFoundError) console.log(error.status, error.message, error.body, error.method, error.path);
  }

  await sc.segments.idList.addInChunks("beta_users", { ids: fiftyThousandIds });

  const raw = await sc.raw.GET("/console/v1/gates/{id}", { params: { path: { id: "my_gate" } } });
  void [raw.data, raw.error];

  const simulator = new ConsoleSimulator().seed("gates", [{ id: "g", name: "g" }]);
  const local = new StatsigConsole({ apiKey: "console-test", fetch: simulator.fetch });
  void local;
}
