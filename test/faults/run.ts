// One fault-injection run: a fault server in this process, the client campaign in a child
// process, and the invariants computed from both sides.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CampaignOptions, CampaignReport } from "./campaign.js";
import { FAULT_KINDS, startFaultServer, type FaultKind } from "./fault-server.js";

const here = dirname(fileURLToPath(import.meta.url));

export interface FaultRunOptions {
  seed: number;
  operations: number;
  concurrency: number;
  faultRate: number;
  items: number;
  pageSize: number;
  maxLatencyMs: number;
}

export interface FaultRunResult {
  report: CampaignReport;
  faults: Record<FaultKind, number>;
  requests: number;
  /** Creates the server applied more than once. */
  duplicateCreates: number;
  /** Creates whose call resolved but that the server never applied. */
  phantomCreates: number;
  redirectTargetHits: number;
  /** Time from the campaign's last call settling to its process exiting; undefined if it had to be killed. */
  exitAfterMs: number | undefined;
}

/** Waits for the child's report line, then for it to exit by itself within `exitGraceMs`. */
async function runChild(campaign: CampaignOptions, exitGraceMs: number): Promise<{ report: CampaignReport; exitAfterMs: number | undefined }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(here, "campaign-child.ts")], {
    env: { ...process.env, FAULT_CAMPAIGN: JSON.stringify(campaign) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let reportedAt: number | undefined;
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (reportedAt === undefined && stdout.includes("\n")) reportedAt = performance.now();
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  // Wait for the report (no bound: the campaign's own duration is checked call by call)...
  while (reportedAt === undefined && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 20));
  if (reportedAt === undefined) {
    await exited;
    throw new Error(`the campaign process ended without a report (exit ${child.exitCode}): ${stderr.slice(-2000)}`);
  }
  // ...then give it a grace period to exit on its own.
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill("SIGKILL");
  }, exitGraceMs);
  await exited;
  clearTimeout(timer);
  const exitAfterMs = killed ? undefined : Math.round(performance.now() - reportedAt);
  return { report: JSON.parse(stdout.split("\n")[0]!) as CampaignReport, exitAfterMs };
}

export async function runFaults(options: FaultRunOptions, exitGraceMs = 5000): Promise<FaultRunResult> {
  const server = await startFaultServer({ seed: options.seed, faultRate: options.faultRate, items: options.items, maxLatencyMs: options.maxLatencyMs });
  try {
    const { report, exitAfterMs } = await runChild(
      { baseUrl: server.baseUrl, seed: options.seed, operations: options.operations, concurrency: options.concurrency, items: options.items, pageSize: options.pageSize },
      exitGraceMs,
    );
    const applied = server.stats.createsApplied;
    return {
      report,
      faults: { ...server.stats.faults },
      requests: server.stats.requests,
      duplicateCreates: [...applied.values()].filter((count) => count > 1).length,
      phantomCreates: report.creates.filter((create) => create.resolved && (applied.get(create.name) ?? 0) === 0).length,
      redirectTargetHits: server.stats.redirectTargetHits,
      exitAfterMs,
    };
  } finally {
    await server.close();
  }
}

/** The README's table for one run. */
export function faultTable(result: FaultRunResult): string {
  const { report } = result;
  const faultsTotal = FAULT_KINDS.reduce((sum, kind) => sum + result.faults[kind], 0);
  const rows: [string, string][] = [
    [
      "operations (list iterations, reads, creates, updates)",
      `${report.operations} (${report.byKind.list ?? 0}, ${report.byKind.get ?? 0}, ${report.byKind.create ?? 0}, ${report.byKind.update ?? 0})`,
    ],
    ["HTTP requests received", String(result.requests)],
    ["faults injected", `${faultsTotal}: ${FAULT_KINDS.map((kind) => `${kind} ${result.faults[kind]}`).join(", ")}`],
    [
      "outcomes",
      Object.entries(report.outcomes)
        .map(([name, count]) => `${name} ${count}`)
        .join(", "),
    ],
    ["list iterations completed", `${report.listCompleted} of ${report.listRuns}`],
    ["items lost", String(report.itemsLost)],
    ["items yielded twice", String(report.duplicatesYielded)],
    ["creates applied twice", String(result.duplicateCreates)],
    ["creates resolved but not applied", String(result.phantomCreates)],
    ["requests reaching the redirect target", String(result.redirectTargetHits)],
    ["untyped errors", String(report.untypedErrors.length)],
    ["calls over their time bound (hangs)", String(report.overBound.length)],
    ["process exit after the last call", result.exitAfterMs === undefined ? "did not exit (killed)" : `${result.exitAfterMs} ms`],
  ];
  return ["| measure | value |", "| --- | --- |", ...rows.map(([name, value]) => `| ${name} | ${value} |`)].join("\n");
}
