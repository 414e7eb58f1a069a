// Fault injection on real sockets: a seeded hostile server on 127.0.0.1 and the client in a child
// process. Short in `npm test`; FAULTS_LONG=1 runs thousands of operations (or npm run bench:faults).
import { describe, expect, it } from "vitest";
import { FAULT_KINDS } from "./fault-server.js";
import { faultTable, runFaults, type FaultRunOptions } from "./run.js";

const long = process.env.FAULTS_LONG === "1";
const options: FaultRunOptions = long
  ? { seed: 20261202, operations: 3000, concurrency: 16, faultRate: 0.2, items: 300, pageSize: 20, maxLatencyMs: 40 }
  : { seed: 20261202, operations: 400, concurrency: 12, faultRate: 0.2, items: 120, pageSize: 20, maxLatencyMs: 20 };

describe(`fault injection over a real socket (${options.operations} operations, seed ${options.seed})`, () => {
  it("loses nothing, repeats nothing, types every error, settles every call and lets the process exit", { timeout: long ? 600_000 : 90_000 }, async () => {
    const result = await runFaults(options);
    if (long) console.log(faultTable(result));
    // The run is only meaningful if every kind of fault happened.
    for (const kind of FAULT_KINDS) expect(result.faults[kind], kind).toBeGreaterThan(0);
    expect(result.report.listCompleted).toBeGreaterThan(0);
    expect(result.report.untypedErrors).toEqual([]);
    expect(result.report.itemsLost).toBe(0);
    expect(result.report.duplicatesYielded).toBe(0);
    expect(result.duplicateCreates).toBe(0);
    expect(result.phantomCreates).toBe(0);
    expect(result.redirectTargetHits).toBe(0);
    expect(result.report.overBound).toEqual([]);
    expect(result.exitAfterMs).toBeDefined();
    expect(result.exitAfterMs!).toBeLessThan(2000);
  });
});
