// Compile-only checks for dashboards (run by `tsc`, not by vitest): widgets are a union on `type`.
import type { StatsigConsole } from "../../src/index.js";

export async function dashboardsTypeChecks(sc: StatsigConsole): Promise<void> {
  // Dashboard widgets are a union on `type`.
  await sc.dashboards.create({ name: "Checkout health", widgets: [{ type: "text", title: "Notes", content: "Hello" }] });
  // @ts-expect-error a funnel widget needs a query with steps.
  await sc.dashboards.create({ name: "Checkout health", widgets: [{ type: "funnel", title: "Funnel" }] });

  const widget = (await sc.dashboards.get("dash_checkout_health")).widgets?.[0];
  if (widget?.type === "funnel") {
    const steps: number = widget.query.steps.length;
    void steps;
  }
}
