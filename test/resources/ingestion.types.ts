// Compile-only checks for ingestion (run by `tsc`, not by vitest): statuses resolve to an array,
// and the column mapping follows the dataset.
import type { StatsigConsole } from "../../src/index.js";

export async function ingestionTypeChecks(sc: StatsigConsole): Promise<void> {
  const statuses = await sc.ingestion.status.list({ startDate: "2026-01-01", endDate: "2026-01-07" });
  const status: string | null | undefined = statuses[0]?.status;

  // The ingestion column mapping follows the dataset.
  await sc.ingestion.create({ dataset: "Events", type: "s3", source_name: "app_events", column_mapping: { event_name: "name", timestamp: "ts", ids: { userID: "user_id" } } });
  // @ts-expect-error an events ingestion has no `metric_name` column and needs `ids`.
  await sc.ingestion.create({ dataset: "Events", type: "s3", source_name: "app_events", column_mapping: { event_name: "name", timestamp: "ts", metric_name: "m" } });
  // @ts-expect-error unknown warehouse type.
  await sc.ingestion.get({ type: "postgres", dataset: "Events" });

  void status;
}
