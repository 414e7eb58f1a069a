// Seeded misbehaviour for the HTTP simulator: latency on every answer and, on a share of requests,
// the failures real networks and proxies produce (the kinds the client's fault suite uses).
import { type Random, seededRandom } from "./simulator/random.js";

export const SIMULATOR_FAULT_KINDS = [
  "reset-before-headers",
  "reset-mid-body",
  "endless-body",
  "no-answer",
  "truncated-json",
  "html-502",
  "empty-200",
  "429",
  "500",
  "503",
] as const;
export type SimulatorFaultKind = (typeof SIMULATOR_FAULT_KINDS)[number];

export interface SimulatorFaults {
  /** Seed of the generator that picks faults and latencies: the same seed and request order give the same run. Default 1. */
  seed?: number | undefined;
  /** Share of requests that get a fault, 0..1. Default 0 (latency only). */
  rate?: number | undefined;
  /** The kinds to pick from. Default: all of SIMULATOR_FAULT_KINDS. */
  kinds?: readonly SimulatorFaultKind[] | undefined;
  /** Latency added before every answer: a fixed delay, or `[min, max]` drawn per request. Default 0. */
  latencyMs?: number | readonly [number, number] | undefined;
}

/**
 * Whether the simulator handles the request before the fault strikes (a create is applied, then the
 * answer is lost). The others refuse before handling, as a proxy or an overloaded server would.
 */
export const APPLIED_BEFORE_FAULT: Readonly<Record<SimulatorFaultKind, boolean>> = {
  "reset-before-headers": false,
  "reset-mid-body": true,
  "endless-body": true,
  "no-answer": true,
  "truncated-json": true,
  "html-502": false,
  "empty-200": true,
  "429": false,
  "500": true,
  "503": false,
};

export interface FaultPlan {
  latencyMs: number;
  kind: SimulatorFaultKind | undefined;
}

/** Draws each request's latency and fault, in arrival order. Throws RangeError on options that make no sense. */
export function faultPlanner(options: SimulatorFaults): () => FaultPlan {
  const rate = options.rate ?? 0;
  const kinds = options.kinds ?? SIMULATOR_FAULT_KINDS;
  const latency = options.latencyMs ?? 0;
  const [minMs, maxMs] = typeof latency === "number" ? [latency, latency] : latency;
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`faults.rate must be between 0 and 1, got ${rate}`);
  if (!(minMs >= 0 && maxMs >= minMs)) throw new RangeError("faults.latencyMs must be a non-negative number or [min, max] with min <= max");
  const unknown = kinds.filter((kind) => !(SIMULATOR_FAULT_KINDS as readonly string[]).includes(kind));
  if (unknown.length > 0 || (rate > 0 && kinds.length === 0)) throw new RangeError(`faults.kinds must name some of ${SIMULATOR_FAULT_KINDS.join(", ")}`);
  const random: Random = seededRandom(options.seed ?? 1);
  return () => {
    const latencyMs = minMs + random() * (maxMs - minMs);
    const kind = random() < rate ? kinds[Math.floor(random() * kinds.length)] : undefined;
    return { latencyMs, kind };
  };
}
