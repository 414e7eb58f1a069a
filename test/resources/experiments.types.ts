// Compile-only type tests for the experiments group (checked by `npm run typecheck`, never executed).
// Every line preceded by an expect-error directive must fail to compile; everything else must compile.
import type { Experiment, ExperimentGroup, ExperimentOverrides, PulseMetricResult, ExperimentsListItem, Page, StatsigConsole } from "../../src/index.js";

export async function experimentTypeTests(sc: StatsigConsole): Promise<void> {
  // The entity: closed enums, exact nullability.
  const e: Experiment = await sc.experiments.get("checkout_redesign");
  const status: "active" | "setup" | "decision_made" | "abandoned" | "archived" | "experiment_stopped" | "assignment_stopped" = e.status;
  const started: number | null = e.startTime;
  const layer: string | null = e.layerID;
  const stale: boolean = e.isStale;
  const groups: ExperimentGroup[] = e.groups;
  const firstGroupId: string | null | undefined = groups[0]?.id;
  const value: unknown = groups[0]?.parameterValues.button_label;
  void [status, started, layer, stale, firstGroupId, value];
  // @ts-expect-error layerID may be null
  e.layerID.toUpperCase();
  // @ts-expect-error the health status is a closed set
  const wrongHealth: typeof e.healthCheckStatus = "UNKNOWN";
  void wrongHealth;

  // Create requires only a name; full update requires the whole definition; patch requires nothing.
  await sc.experiments.create({ name: "minimal_experiment" });
  await sc.experiments.patch("checkout_redesign", {});
  await sc.experiments.update("checkout_redesign", {
    description: "",
    idType: "userID",
    hypothesis: "",
    groups: [
      { name: "Control", size: 50, parameterValues: {} },
      { name: "Test", size: 50, parameterValues: { on: true } },
    ],
    allocation: 100,
    targetingGateID: null,
    bonferroniCorrection: false,
    defaultConfidenceInterval: "95",
    status: "setup",
  });
  // @ts-expect-error create requires a name
  await sc.experiments.create({ description: "no name" });
  // @ts-expect-error unknown field in the body
  await sc.experiments.create({ name: "x_experiment", colour: "blue" });
  // @ts-expect-error a full update needs the whole definition
  await sc.experiments.update("checkout_redesign", { description: "only this" });
  // @ts-expect-error status is a closed set
  await sc.experiments.patch("checkout_redesign", { status: "running" });
  // @ts-expect-error the confidence level is a string enum, not a number
  await sc.experiments.patch("checkout_redesign", { defaultConfidenceInterval: 95 });
  // @ts-expect-error group sizes are numbers
  await sc.experiments.patch("checkout_redesign", { groups: [{ name: "A", size: "50", parameterValues: {} }] });
  // @ts-expect-error a group needs its parameter values
  await sc.experiments.patch("checkout_redesign", { groups: [{ name: "A", size: 100 }] });
  // @ts-expect-error metrics are { name, type } objects, not strings
  await sc.experiments.patch("checkout_redesign", { primaryMetrics: ["purchase"] });

  // Lifecycle: optional bodies where every field is optional, required fields elsewhere.
  await sc.experiments.start("checkout_redesign");
  await sc.experiments.archive("checkout_redesign");
  await sc.experiments.deferDecision("checkout_redesign");
  await sc.experiments.makeDecision("checkout_redesign", { id: "grp_test", decisionReason: "Clear win." });
  await sc.experiments.abandon("checkout_redesign", { decisionReason: "Broken tracking." });
  await sc.experiments.scheduleStart("checkout_redesign", { scheduledTime: 1767830400000 });
  await sc.experiments.disableGroups("checkout_redesign", { group_names: ["Test"] });
  // @ts-expect-error makeDecision needs the group ID to ship
  await sc.experiments.makeDecision("checkout_redesign", { decisionReason: "why" });
  // @ts-expect-error abandon needs a reason
  await sc.experiments.abandon("checkout_redesign", {});
  // @ts-expect-error abandon has a required body
  await sc.experiments.abandon("checkout_redesign");
  // @ts-expect-error enable/disable groups take snake_case group_names
  await sc.experiments.enableGroups("checkout_redesign", { groupNames: ["Test"] });
  // @ts-expect-error scheduleStart takes a timestamp in milliseconds
  await sc.experiments.scheduleStart("checkout_redesign", { scheduledTime: "2026-01-08" });
  // @ts-expect-error restartAsNew needs the new name
  await sc.experiments.restartAsNew("checkout_redesign", {});
  // @ts-expect-error reset takes no body: the second argument is the options
  await sc.experiments.reset("checkout_redesign", { decisionReason: "start over" });

  // Overrides: gate/segment entries and ID lists.
  const overrides: ExperimentOverrides = await sc.experiments.overrides.update("checkout_redesign", {
    overrides: [{ type: "gate", id: "gate_staff", groupID: "grp_test" }],
    userIDOverrides: [{ groupID: "grp_control", ids: ["user_1"] }],
  });
  void overrides;
  // @ts-expect-error overrides target a gate or a segment only
  await sc.experiments.overrides.patch("checkout_redesign", { overrides: [{ type: "layer", id: "l", groupID: "g" }], userIDOverrides: [] });

  // Lists and queries.
  const page: Page<ExperimentsListItem> = await sc.experiments.list({ status: ["active"], experimentType: ["BASE"], stale: false, limit: 10 });
  void page.data[0]?.id;
  // @ts-expect-error list filters take the documented states only
  sc.experiments.list({ status: ["running"] });
  // @ts-expect-error multi-value filters are arrays
  sc.experiments.list({ status: "active" });
  // @ts-expect-error stale is a boolean
  sc.experiments.list({ stale: "true" });

  // Results.
  const pulse = await sc.experiments.pulseResults.get("checkout_redesign", { control: "grp_c", test: "grp_t", cuped: true, applyBonferroniPerMetric: false });
  const row: PulseMetricResult | undefined = pulse.primaryMetrics[0];
  const direction: "increase" | "decrease" | undefined = row?.directionality;
  void direction;
  // @ts-expect-error pulse results need the control and test group IDs
  await sc.experiments.pulseResults.get("checkout_redesign", { control: "grp_c" });
  // @ts-expect-error boolean options are booleans, not text
  await sc.experiments.pulseResults.get("checkout_redesign", { control: "grp_c", test: "grp_t", cuped: "true" });
  // @ts-expect-error rows use camelCase names
  void row?.test_mean;
  const exposures = await sc.experiments.cumulativeExposures.get("checkout_redesign");
  const total: number | undefined = exposures[0]?.results[0]?.exposures;
  void total;

  // Warehouse Native.
  await sc.experiments.loadPulse("checkout_redesign");
  await sc.experiments.loadPulse("checkout_redesign", { refresh: "metric", metricIDs: ["purchase::event_count"] }, { query: { turboMode: true } });
  // @ts-expect-error refresh is full, incremental or metric
  await sc.experiments.loadPulse("checkout_redesign", { refresh: "partial" });
  // @ts-expect-error the query cannot be changed through assignment-source patches
  await sc.experiments.assignmentSources.patch("web_assignments", { sql: "SELECT 1" });
  // @ts-expect-error a new assignment source needs its column mapping
  await sc.experiments.assignmentSources.create({ name: "src", sql: "SELECT 1" });
  await sc.experiments.pulseLoadHistory.cancel("checkout_redesign", "dag_1");
  // @ts-expect-error cancelling needs the load's dagID
  await sc.experiments.pulseLoadHistory.cancel("checkout_redesign");
}
