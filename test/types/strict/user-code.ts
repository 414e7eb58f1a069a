// Code a strict user writes (compile-only, never executed): checked with ./tsconfig.json, whose
// exactOptionalPropertyTypes and noUncheckedIndexedAccess make `{ x: undefined }` differ from `{}`.
// Values that may be undefined (environment variables, optional settings, forwarded options) must
// be accepted wherever the field is optional; every line under an expect-error directive must
// still fail, so the loosening stops at optional fields of what users send.
import {
  StatsigConsole,
  DEFAULT_RATE_LIMITS,
  NotFoundError,
  type ClientOptions,
  type DynamicConfigsUpdateBody,
  type DynamicConfigsUpdateQuery,
  type Gate,
  type GatesCreateBody,
  type GatesListQuery,
  type ListRequestOptions,
  type LogLevel,
  type RequestOptions,
  type RuleCondition,
  type RuleInput,
  type RulePatchInput,
  type ToArrayOptions,
} from "../../../src/index.js";
import { ConsoleSimulator, type SimulatorOptions } from "../../../src/testing/index.js";

/** Settings as an application reads them: every optional field may hold undefined. */
interface AppSettings {
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  logLevel?: LogLevel | undefined;
  tags?: string[] | undefined;
}

export async function strictUser(
  settings: AppSettings,
  maybeSignal: AbortSignal | undefined,
  maybeNumber: number | undefined,
  maybeText: string | undefined,
  maybeTags: string[] | undefined,
): Promise<void> {
  // Client options straight from the environment and from optional settings.
  const sc = new StatsigConsole({
    apiKey: process.env.STATSIG_CONSOLE_API_KEY,
    baseUrl: process.env.STATSIG_BASE_URL,
    apiVersion: maybeText,
    fetch: undefined,
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    retry: { initialDelayMs: maybeNumber, maxDelayMs: undefined, maxRetryAfterMs: maybeNumber },
    rateLimit: { mutations: undefined, segmentIdList: DEFAULT_RATE_LIMITS.segmentIdList },
    logger: undefined,
    logLevel: settings.logLevel,
    headers: undefined,
    respectReviewSettings: undefined,
    maxPages: maybeNumber,
  });
  const options: ClientOptions = { apiKey: maybeText, rateLimit: undefined };
  void new StatsigConsole(options);

  // Per-call options with values that may be missing.
  await sc.gates.get("my_gate", { signal: maybeSignal, timeoutMs: maybeNumber, maxRetries: settings.maxRetries, headers: undefined, respectReviewSettings: undefined });
  const forwarded: RequestOptions = { signal: maybeSignal, timeoutMs: settings.timeoutMs };
  await sc.gates.enable("my_gate", forwarded);
  const listOptions: ListRequestOptions = { signal: maybeSignal, maxPages: maybeNumber };
  await sc.gates.list(undefined, listOptions);
  const dryRun: DynamicConfigsUpdateQuery = { dryRun: undefined };
  await sc.dynamicConfigs.update("cfg", { description: "d", isEnabled: true, rules: [] }, { query: dryRun, signal: maybeSignal });

  // Optional query fields given as undefined.
  await sc.gates.list({ limit: undefined, tags: maybeTags, includeArchived: undefined });
  const query: GatesListQuery = { tags: settings.tags, limit: maybeNumber, page: undefined };
  for await (const gate of sc.gates.list(query)) void gate.name;
  const toArray: ToArrayOptions = { maxItems: maybeNumber };
  const all = await sc.gates.list({ tags: settings.tags }).toArray(toArray);
  await sc.gates.list().toArray({ maxItems: undefined, concurrency: maybeNumber, onProgress: undefined });
  for await (const page of sc.gates.list().pages({ concurrency: undefined })) void page;
  await sc.segments.idList.addInChunks("beta", { ids: ["u1"] }, { onProgress: undefined, signal: maybeSignal });
  void new StatsigConsole({ maxResponseBytes: maybeNumber });

  // Optional body fields given as undefined (JSON.stringify leaves them out), nested ones too.
  await sc.gates.create({ name: "new_gate", description: maybeText, tags: maybeTags, idType: undefined });
  const rule: RuleInput = { name: "Rollout", passPercentage: 10, conditions: [{ type: "public" }], environments: undefined, returnValue: undefined };
  await sc.gates.rules.create("my_gate", { ...rule, environments: maybeTags });
  const patch: RulePatchInput = { passPercentage: maybeNumber, conditions: undefined };
  await sc.gates.rules.patch("my_gate", "rule_1", patch);
  const condition: RuleCondition = { type: "custom_field", field: "plan", operator: "any", targetValue: ["pro"] };
  const body: GatesCreateBody = {
    name: "g",
    rules: [{ name: "r", passPercentage: 5, conditions: [condition, { type: "custom_field", field: "plan", operator: "any", targetValue: maybeTags }], environments: maybeTags }],
  };
  await sc.gates.create(body);
  const configBody: DynamicConfigsUpdateBody = { description: "d", isEnabled: true, rules: [], tags: maybeTags, schema: undefined };
  await sc.dynamicConfigs.update("cfg", configBody);
  await sc.raw.GET("/console/v1/gates", { params: { query: { limit: maybeNumber, tags: maybeTags } } });
  await sc.raw.POST("/console/v1/gates", { body: { name: "raw_gate", description: maybeText } });

  // noUncheckedIndexedAccess: indexing gives T | undefined, as it should.
  const first = all[0];
  if (first) await sc.gates.get(first.id);
  const page = await sc.gates.list({ limit: 10 });
  void page.data[0]?.name;
  const firstWindow = DEFAULT_RATE_LIMITS.mutations[0];
  void firstWindow?.limit;

  const simulatorOptions: SimulatorOptions = { rateLimit: undefined, now: undefined };
  void new StatsigConsole({ apiKey: "console-test", fetch: new ConsoleSimulator(simulatorOptions).fetch });

  try {
    await sc.gates.get("missing", { signal: maybeSignal });
  } catch (error) {
    if (error instanceof NotFoundError) void [error.status, error.body, error.headers.get("retry-after")];
  }

  // Wrong calls still fail.
  // @ts-expect-error description must be a string
  await sc.gates.create({ name: "g", description: 42 });
  // @ts-expect-error name is required on create
  await sc.gates.create({ description: maybeText });
  // @ts-expect-error a required field cannot be given as undefined
  await sc.gates.create({ name: undefined });
  // @ts-expect-error a required field cannot be given a value that may be undefined
  await sc.gates.create({ name: maybeText });
  // @ts-expect-error unknown field in the body
  await sc.gates.create({ name: "g", colour: "blue" });
  // @ts-expect-error passPercentage is a number, also in a nested rule
  await sc.gates.create({ name: "g", rules: [{ name: "r", passPercentage: "5", conditions: [] }] });
  // @ts-expect-error a rule needs its conditions
  await sc.gates.rules.create("my_gate", { name: "r", passPercentage: 5 });
  // @ts-expect-error the discriminant of a condition is required
  await sc.gates.rules.create("my_gate", { name: "r", passPercentage: 5, conditions: [{ type: undefined }] });
  // @ts-expect-error limit is a number
  await sc.gates.list({ limit: "10" });
  // @ts-expect-error unknown query parameter
  await sc.gates.list({ colour: "blue" });
  // @ts-expect-error unknown per-call option
  await sc.gates.get("my_gate", { timeout: 5_000 });
  // @ts-expect-error timeoutMs is a number of milliseconds
  await sc.gates.get("my_gate", { timeoutMs: "5s" });
  // @ts-expect-error the signal must be an AbortSignal
  await sc.gates.get("my_gate", { signal: "stop" });
  // @ts-expect-error unknown client option
  void new StatsigConsole({ apiKey: "console-x", retries: 3 });
  // @ts-expect-error maxRetries is a number
  void new StatsigConsole({ maxRetries: "3" });
  // @ts-expect-error maxItems is a number
  await sc.gates.list().toArray({ maxItems: "10" });

  // Responses stay exact: an optional field of a result is absent or a value, never an explicit undefined.
  const gate: Gate = await sc.gates.get("my_gate");
  // @ts-expect-error version is optional in a Gate, not undefined-valued
  const edited: Gate = { ...gate, version: undefined };
  void edited;
  // @ts-expect-error RuleCondition is also what a gate's rules hold, so it stays exact (a body accepts the widened form)
  const exactCondition: RuleCondition = { type: "custom_field", field: "plan", operator: "any", targetValue: maybeTags };
  void exactCondition;
  // @ts-expect-error reading an optional field gives T | undefined, so it cannot be used as a number
  const version: number = gate.version;
  void version;
}
