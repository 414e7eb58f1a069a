// Compile-only checks (run by `tsc`, not by vitest): the data-area types reject wrong calls.
import type { StatsigConsole } from "../../src/index.js";

export async function dataTypeChecks(sc: StatsigConsole): Promise<void> {
  // The billing report is CSV text.
  const csv: string = await sc.usage.getBillingReport({ end: 1767225600000 });
  // @ts-expect-error `end` is required.
  await sc.usage.getBillingReport({ start: 0 });

  // Non-paginated arrays resolve to arrays.
  const values = await sc.metrics.getValue({ id: "checkout_revenue::sum", date: "2026-01-01" });
  const first: number | undefined = values[0]?.value;
  const numerator: number | null | undefined = values[0]?.numerator;
  const statuses = await sc.ingestion.status.list({ startDate: "2026-01-01", endDate: "2026-01-07" });
  const status: string | null | undefined = statuses[0]?.status;

  // A metric needs a name and a creatable type.
  // @ts-expect-error `type` is required.
  await sc.metrics.create({ name: "checkout_revenue" });
  // @ts-expect-error `event_dau` metrics are derived by Statsig, not created.
  await sc.metrics.create({ name: "checkout_revenue", type: "event_dau" });
  // @ts-expect-error criterion conditions are a closed set.
  await sc.metrics.create({ name: "checkout_revenue", type: "sum", metricEvents: [{ name: "purchase", criteria: [{ type: "metadata", condition: "like" }] }] });

  // The ingestion column mapping follows the dataset.
  await sc.ingestion.create({ dataset: "Events", type: "s3", source_name: "app_events", column_mapping: { event_name: "name", timestamp: "ts", ids: { userID: "user_id" } } });
  // @ts-expect-error an events ingestion has no `metric_name` column and needs `ids`.
  await sc.ingestion.create({ dataset: "Events", type: "s3", source_name: "app_events", column_mapping: { event_name: "name", timestamp: "ts", metric_name: "m" } });
  // @ts-expect-error unknown warehouse type.
  await sc.ingestion.get({ type: "postgres", dataset: "Events" });

  // Dashboard widgets are a union on `type`.
  await sc.dashboards.create({ name: "Checkout health", widgets: [{ type: "text", title: "Notes", content: "Hello" }] });
  // @ts-expect-error a funnel widget needs a query with steps.
  await sc.dashboards.create({ name: "Checkout health", widgets: [{ type: "funnel", title: "Funnel" }] });

  const widget = (await sc.dashboards.get("dash_checkout_health")).widgets?.[0];
  if (widget?.type === "funnel") {
    const steps: number = widget.query.steps.length;
    void steps;
  }

  void csv;
  void first;
  void numerator;
  void status;
}
