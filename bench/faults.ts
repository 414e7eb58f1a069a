// The long fault-injection run behind the README's table: thousands of operations through the
// client against the seeded hostile server (test/faults). Usage: npm run bench:faults [-- --operations N --seed S]
import { parseArgs } from "node:util";
import { faultTable, runFaults } from "../test/faults/run.js";

const { values } = parseArgs({ options: { operations: { type: "string" }, seed: { type: "string" }, concurrency: { type: "string" } } });
const result = await runFaults({
  seed: Number(values.seed ?? 20261202),
  operations: Number(values.operations ?? 3000),
  concurrency: Number(values.concurrency ?? 16),
  faultRate: 0.2,
  items: 300,
  pageSize: 20,
  maxLatencyMs: 40,
});
console.log(faultTable(result));
if (result.report.untypedErrors.length > 0) console.log("untyped errors:", result.report.untypedErrors.slice(0, 5));
if (result.report.overBound.length > 0) console.log("over bound:", result.report.overBound.slice(0, 5));
