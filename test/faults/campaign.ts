// The client side of a fault-injection run: a seeded mix of list iterations, reads, creates and
// full updates through the public client, several at a time, against a fault server. It records
// what each call returned or threw and how long it took; the invariants are checked by the caller
// together with the server's ground truth.
import { StatsigConsole, StatsigConsoleError } from "../../src/index.js";
import { integerBetween as between, seededRandom } from "../../bench/seeded-random.js";

export interface CampaignOptions {
  baseUrl: string;
  seed: number;
  operations: number;
  concurrency: number;
  /** Items the server lists (to know what a complete iteration is). */
  items: number;
  pageSize: number;
}

const CAMPAIGN_CLIENT = {
  timeoutMs: 400,
  maxRetries: 3,
  retry: { initialDelayMs: 10, maxDelayMs: 80, maxRetryAfterMs: 1500 },
} as const;

/** Longest one request may take, retries included, under CAMPAIGN_CLIENT (plus scheduling slack). */
function callBoundMs(): number {
  const { timeoutMs, maxRetries, retry } = CAMPAIGN_CLIENT;
  const longestWaitMs = Math.max(retry.maxDelayMs, retry.maxRetryAfterMs);
  return (maxRetries + 1) * timeoutMs + maxRetries * longestWaitMs + 1000;
}

export interface CampaignReport {
  operations: number;
  byKind: Record<string, number>;
  outcomes: Record<string, number>;
  /** Errors that are not StatsigConsoleError, described. */
  untypedErrors: string[];
  listRuns: number;
  listCompleted: number;
  /** Items missing from completed iterations. */
  itemsLost: number;
  /** Items yielded more than once by any iteration (completed or not). */
  duplicatesYielded: number;
  /** Calls that took longer than their bound. */
  overBound: { kind: string; durationMs: number; boundMs: number }[];
  /** Names of the creates the client sent, with whether the call resolved. */
  creates: { name: string; resolved: boolean }[];
  elapsedMs: number;
}

type OperationKind = "list" | "get" | "create" | "update";

export async function runCampaign(options: CampaignOptions): Promise<CampaignReport> {
  const random = seededRandom(options.seed ^ 0x5eed);
  const sc = new StatsigConsole({ apiKey: "console-fault-campaign-key", baseUrl: options.baseUrl, rateLimit: false, ...CAMPAIGN_CLIENT });
  const report: CampaignReport = {
    operations: options.operations,
    byKind: {},
    outcomes: {},
    untypedErrors: [],
    listRuns: 0,
    listCompleted: 0,
    itemsLost: 0,
    duplicatesYielded: 0,
    overBound: [],
    creates: [],
    elapsedMs: 0,
  };
  const plan: OperationKind[] = Array.from({ length: options.operations }, () => {
    const roll = random();
    return roll < 0.1 ? "list" : roll < 0.4 ? "get" : roll < 0.75 ? "create" : "update";
  });
  const pages = Math.ceil(options.items / options.pageSize);

  async function run(kind: OperationKind, index: number): Promise<void> {
    report.byKind[kind] = (report.byKind[kind] ?? 0) + 1;
    const started = performance.now();
    const boundMs = kind === "list" ? pages * callBoundMs() : callBoundMs();
    try {
      switch (kind) {
        case "list": {
          report.listRuns++;
          const seen = new Map<string, number>();
          try {
            for await (const gate of sc.gates.list({ limit: options.pageSize })) seen.set(gate.id, (seen.get(gate.id) ?? 0) + 1);
          } finally {
            for (const count of seen.values()) if (count > 1) report.duplicatesYielded += count - 1;
          }
          report.listCompleted++;
          report.itemsLost += options.items - seen.size;
          break;
        }
        case "get":
          await sc.gates.get(`seed_${String(between(random, 0, options.items - 1)).padStart(5, "0")}`);
          break;
        case "create": {
          const entry = { name: `created_${options.seed}_${index}`, resolved: false };
          report.creates.push(entry);
          await sc.gates.create({ name: entry.name, description: "made by a fault campaign" });
          entry.resolved = true;
          break;
        }
        case "update":
          await sc.gates.update(`seed_${String(between(random, 0, options.items - 1)).padStart(5, "0")}`, {
            isEnabled: true,
            description: "updated by a fault campaign",
            rules: [],
          });
          break;
      }
      report.outcomes.ok = (report.outcomes.ok ?? 0) + 1;
    } catch (error) {
      const name = error instanceof StatsigConsoleError ? error.name : "untyped";
      report.outcomes[name] = (report.outcomes[name] ?? 0) + 1;
      if (!(error instanceof StatsigConsoleError)) report.untypedErrors.push(String(error));
    } finally {
      const durationMs = performance.now() - started;
      if (durationMs > boundMs) report.overBound.push({ kind, durationMs: Math.round(durationMs), boundMs });
    }
  }

  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plan.length) {
      const index = next++;
      await run(plan[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  report.elapsedMs = Math.round(performance.now() - started);
  return report;
}
