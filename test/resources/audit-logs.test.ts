// Audit logs: the open-ended action type enum and the multi-value filters.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useMockApi, listEnvelope } from "../helpers/mock-api.js";
import { hasReference, referenceDir, referenceNotice } from "../helpers/reference.js";
import { componentSchema } from "../helpers/spec.js";
import { matchesComponent } from "../helpers/ajv.js";

const api = useMockApi();

const entry = {
  id: "3Qm8TzLw0aYb1cDe2fGh4i",
  name: "checkout_redesign",
  changeLog: "Updated gate rules",
  actionType: "gate_update",
  date: "Thu Jan 01 2026",
  time: "09:30:00 GMT+0000 (Coordinated Universal Time)",
  updatedBy: "Dana Example",
  updatedByUserID: "user_7Hq2",
  changes: {},
};

describe("AuditLogActionType", () => {
  const known = new Set(componentSchema("AuditLogActionType").enum as string[]);

  referenceNotice("audit log action types against the reference");
  it.skipIf(!hasReference)("holds every value of the 2025-10 document plus the 68 that 2026-03 added", () => {
    const reference = JSON.parse(readFileSync(join(referenceDir, "console-api.openapi.2025-10.json"), "utf8")) as {
      paths: Record<string, { get: { parameters: { name: string; schema: { enum: string[] } }[] } }>;
    };
    const published = reference.paths["/console/v1/audit_logs"]!.get.parameters.find((p) => p.name === "actionType")!.schema.enum;
    expect(published.filter((value) => !known.has(value))).toEqual([]);
    expect(known.size).toBe(published.length + 68);

    const changes = readFileSync(join(referenceDir, "changes-2026-03.md"), "utf8");
    const line = changes.split("\n").find((l) => l.startsWith("- **GET /console/v1/audit_logs**"))!;
    const named = [...line.split("[partly")[0]!.matchAll(/`([A-Za-z0-9_]+)`/g)].map((m) => m[1]!).filter((v) => v !== "actionType");
    expect(named.length).toBeGreaterThanOrEqual(5);
    for (const value of named) expect(known.has(value), value).toBe(true);
    for (const value of named) expect(published.includes(value), value).toBe(false);
  });

  it("lets entries carry action types the enum does not know yet, but not non-strings", () => {
    expect(matchesComponent("AuditLog", entry)).toBe(true);
    expect(matchesComponent("AuditLog", { ...entry, actionType: "some_action_added_next_quarter" })).toBe(true);
    expect(matchesComponent("AuditLog", { ...entry, actionType: 42 })).toBe(false);
    expect(matchesComponent("AuditLog", { ...entry, modifierEmail: null })).toBe(true);
  });

  // How filters and fields are typed (known values or any string, never a number) is checked at
  // compile time in audit-logs.types.ts.
});

describe("auditLogs.list", () => {
  it("repeats multi-value filters in the query and walks every page", async () => {
    api.respond(({ url }) => {
      const page = Number(url.searchParams.get("page") ?? "1");
      const next = page === 1 ? "/console/v1/audit_logs?page=2&limit=1" : null;
      return Response.json(listEnvelope([{ ...entry, id: `entry_${page}` }], page, next));
    });
    const sc = api.client();
    const ids: string[] = [];
    for await (const item of sc.auditLogs.list({
      actionTypes: ["gate_update", "some_action_added_next_quarter"],
      tags: ["checkout", "payments"],
      startDate: "2026-01-01",
      limit: 1,
    })) {
      ids.push(item.id);
    }
    expect(ids).toEqual(["entry_1", "entry_2"]);
    expect(api.requests).toHaveLength(2);
    for (const request of api.requests) {
      expect(request.url.pathname).toBe("/console/v1/audit_logs");
      expect(request.url.searchParams.getAll("actionTypes")).toEqual(["gate_update", "some_action_added_next_quarter"]);
      expect(request.url.searchParams.getAll("tags")).toEqual(["checkout", "payments"]);
      expect(request.url.searchParams.get("startDate")).toBe("2026-01-01");
    }
    expect(api.requests[1]!.url.searchParams.get("page")).toBe("2");
  });
});
