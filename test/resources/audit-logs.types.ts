// Compile-only type tests for audit logs (checked by `npm run typecheck`, never executed).
import type { AuditLogActionType, AuditLogActionTypeOrString, AuditLogsListItem, AuditLogsListQuery, StatsigConsole } from "../../src/index.js";

export async function auditLogsTypeTests(sc: StatsigConsole): Promise<void> {
  // The action type is open: known values are a union editors can complete, and any other string is accepted.
  const known: AuditLogActionType = "gate_create";
  const open: AuditLogActionTypeOrString = "an_action_added_next_year";
  const stillKnown: AuditLogActionTypeOrString = known;
  void open;
  void stillKnown;
  // The open type has not collapsed to plain `string`: the known values are still a distinct union.
  type IsPlainString<T> = string extends T ? (T extends string ? true : false) : false;
  const notCollapsed: IsPlainString<AuditLogActionType> = false;
  void notCollapsed;
  // @ts-expect-error an unknown value is not an AuditLogActionType
  const unknown: AuditLogActionType = "an_action_added_next_year";
  void unknown;
  // @ts-expect-error action types are strings
  const numeric: AuditLogActionTypeOrString = 42;
  void numeric;

  const query: AuditLogsListQuery = { actionType: "gate_update" };
  for await (const entry of sc.auditLogs.list(query)) void entry.actionType;

  // Filters and list items take the known values or any other string, never a number.
  const filters: AuditLogsListQuery = { actionType: known, actionTypes: ["gate_update", "some_action_added_next_quarter"] };
  const item: Pick<AuditLogsListItem, "actionType"> = { actionType: "some_action_added_next_quarter" };
  void filters;
  void item;
  // @ts-expect-error an action type filter is a string, never a number
  const numericFilter: AuditLogsListQuery = { actionType: 42 };
  void numericFilter;
}
