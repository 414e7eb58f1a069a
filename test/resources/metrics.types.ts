// Compile-only checks for metrics (run by `tsc`, not by vitest): values resolve to arrays, and a
// metric needs a name and a type it can be created with.
import type { StatsigConsole } from "../../src/index.js";

export async function metricsTypeChecks(sc: StatsigConsole): Promise<void> {
  // Non-paginated arrays resolve to arrays.
  const values = await sc.metrics.getValue({ id: "checkout_revenue::sum", date: "2026-01-01" });
  const first: number | undefined = values[0]?.value;
  const numerator: number | null | undefined = values[0]?.numerator;

  // A metric needs a name and a creatable type.
  // @ts-expect-error `type` is required.
  await sc.metrics.create({ name: "checkout_revenue" });
  // @ts-expect-error `event_dau` metrics are derived by Statsig, not created.
  await sc.metrics.create({ name: "checkout_revenue", type: "event_dau" });
  // @ts-expect-error criterion conditions are a closed set.
  await sc.metrics.create({ name: "checkout_revenue", type: "sum", metricEvents: [{ name: "purchase", criteria: [{ type: "metadata", condition: "like" }] }] });

  void first;
  void numerator;
}
