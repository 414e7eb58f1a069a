// verifyAgainstLive: runs the read-only operations against the user's project with their own
// client (so their key, base URL, retries and rate limits apply), checks every response against
// our schema, and reports each mismatch with a redacted sample.
import type { StatsigConsole } from "../client.js";
import { InvalidRequestError } from "../core/errors.js";
import { isObject } from "../core/json.js";
import { bundledSpec, firstItemValue, planReads, type PlannedRead } from "./plan.js";
import { summarize, type OperationCheck, type OperationOutcome, type VerifyReport } from "./report.js";
import { createValidatorFactory, type ResponseValidator } from "./validate.js";

export interface VerifyProgress {
  /** Operations handled so far, this one included. */
  done: number;
  total: number;
  operationId: string;
  outcome: OperationOutcome;
}

export interface VerifyOptions {
  /** Called after each operation. */
  onProgress?: ((progress: VerifyProgress) => void) | undefined;
  /** Check only these operationIds (read-only ones; others are ignored). Default: every read-only operation. */
  operations?: readonly string[] | undefined;
  /** `limit` asked of paginated lists (only their first page is read). Default 10. */
  pageSize?: number | undefined;
  /** Clock for `generatedAt`. Default Date.now. */
  now?: (() => number) | undefined;
}

/** The part of the client the check uses: `sc.raw`, which goes through the same transport as every facade call. */
type RawGet = (
  path: string,
  init: { params: { path: Record<string, string>; query: Record<string, unknown> } },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

function rawGet(sc: Pick<StatsigConsole, "raw">): RawGet {
  const raw = (sc as { raw?: unknown } | null)?.raw;
  const get = isObject(raw) || typeof raw === "function" ? (raw as { GET?: unknown }).GET : undefined;
  if (typeof get !== "function") throw new InvalidRequestError("verifyAgainstLive takes a StatsigConsole client");
  return (get as RawGet).bind(raw);
}

/** The concrete path for a template, filling each parameter from the list one level up; or the parameter that has no value. */
function fillPath(template: string, bodies: ReadonlyMap<string, unknown>): { path: string; values: Record<string, string> } | { missing: string; from: string } {
  const values: Record<string, string> = {};
  let concrete = "";
  let collection = "";
  for (const segment of template.split("/").slice(1)) {
    const match = /^\{(.+)\}$/.exec(segment);
    if (match) {
      const value = firstItemValue(bodies.get(concrete), match[1]!);
      if (value === undefined) return { missing: match[1]!, from: collection };
      values[match[1]!] = value;
      concrete += `/${encodeURIComponent(value)}`;
    } else concrete += `/${segment}`;
    collection += `/${segment}`;
  }
  return { path: concrete, values };
}

export async function verifyAgainstLive(sc: Pick<StatsigConsole, "raw">, options: VerifyOptions = {}): Promise<VerifyReport> {
  const get = rawGet(sc);
  const pageSize = options.pageSize ?? 10;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw new InvalidRequestError(`pageSize must be an integer from 1 to 100, got ${String(pageSize)}`);
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") throw new InvalidRequestError("onProgress must be a function");
  const validatorFor = await createValidatorFactory(bundledSpec());
  const plan = planReads(options.operations);
  const bodies = new Map<string, unknown>();
  const checks: OperationCheck[] = [];
  for (const [index, read] of plan.entries()) {
    const check = await checkOne(read, get, validatorFor, bodies, pageSize);
    checks.push(check);
    options.onProgress?.({ done: index + 1, total: plan.length, operationId: check.operationId, outcome: check.outcome });
  }
  const specRoot = bundledSpec();
  const info = isObject(specRoot.info) ? specRoot.info : {};
  return {
    formatVersion: 1,
    generatedAt: new Date((options.now ?? Date.now)()).toISOString(),
    spec: { title: String(info.title ?? ""), version: String(info.version ?? "") },
    summary: summarize(checks),
    operations: checks,
  };
}

async function checkOne(
  read: PlannedRead,
  get: RawGet,
  validatorFor: (pointer: string) => ResponseValidator,
  bodies: Map<string, unknown>,
  pageSize: number,
): Promise<OperationCheck> {
  const { operation } = read;
  const check: OperationCheck = { operationId: operation.id, method: "GET", path: operation.path, outcome: "skipped", mismatches: [] };
  if (read.schemaPointer === null) return { ...check, reason: "the success response is not JSON: nothing to check" };
  if (read.missingQuery.length > 0) return { ...check, reason: `needs query parameter ${read.missingQuery.join(", ")}` };
  const filled = fillPath(operation.path, bodies);
  if ("missing" in filled) return { ...check, reason: `no value for {${filled.missing}}: ${filled.from} listed no item` };
  let result: Awaited<ReturnType<RawGet>>;
  try {
    result = await get(operation.path, {
      params: { path: filled.values, query: operation.response === "list" ? { page: 1, ...(read.takesLimit ? { limit: pageSize } : {}) } : {} },
    });
  } catch (error) {
    // The client's own errors never quote the key; the message still stays out of the report (it may name ids).
    return { ...check, outcome: "failed", reason: `request failed: ${(error as Error).name}` };
  }
  const status = result.response.status;
  if (status < 200 || status > 299) return { ...check, outcome: "failed", httpStatus: status, reason: `HTTP ${status}` };
  bodies.set(filled.path, result.data);
  // x-bare-data: the API may send the data without its envelope; checked as the envelope's data.
  const body = operation.bareData === true && Array.isArray(result.data) ? { message: "", data: result.data } : result.data;
  const mismatches = validatorFor(read.schemaPointer)(body, { secret: operation.carriesSecrets === true });
  return { ...check, outcome: mismatches.length > 0 ? "mismatch" : "ok", httpStatus: status, mismatches };
}
