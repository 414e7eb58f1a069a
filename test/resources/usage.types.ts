// Compile-only checks for usage (run by `tsc`, not by vitest): the billing report is CSV text, and `end` is required.
import type { StatsigConsole } from "../../src/index.js";

export async function usageTypeChecks(sc: StatsigConsole): Promise<void> {
  // The billing report is CSV text.
  const csv: string = await sc.usage.getBillingReport({ end: 1767225600000 });
  // @ts-expect-error `end` is required.
  await sc.usage.getBillingReport({ start: 0 });
  void csv;
}
