// The facade must stay cheap for users' compilers: at most a fifth of the instantiations of the
// same calls through sc.raw (see bench/type-cost.ts; the README quotes the numbers).
import { describe, expect, it } from "vitest";
import { measureTypeCost } from "../../bench/type-cost.js";

describe("type-check cost", () => {
  it("the facade costs at most a fifth of sc.raw for the same fifteen gate calls", () => {
    const m = measureTypeCost();
    expect(m.rawCalls).toBeGreaterThan(1000); // the raw calls really were type-checked
    expect(m.facadeCalls).toBeGreaterThan(0);
    expect(m.ratio).toBeLessThanOrEqual(0.2);
  }, 120_000);
});
