// The spec covers every operation of ../shared/reference/endpoints.csv, with its operationId,
// method and path, and nothing that the list does not name.
import { describe, expect, it } from "vitest";
import { hasReference, readEndpoints, referenceNotice } from "../helpers/reference.js";
import { manifest } from "../helpers/spec.js";

referenceNotice("endpoint coverage tests");

describe.skipIf(!hasReference)("coverage of endpoints.csv", () => {
  const rows = hasReference ? readEndpoints() : [];
  const ours = new Map(manifest.operations.map((op) => [op.operationId, op]));

  it("reads the endpoint list", () => {
    expect(rows.length).toBeGreaterThan(250);
  });

  const areas = [...new Set(rows.map((r) => r.area))];
  it.each(areas)("covers every %s operation with its id, method and path", (area) => {
    const missing = rows
      .filter((row) => row.area === area)
      .filter((row) => {
        const op = ours.get(row.operationId);
        return !op || op.method !== row.method || op.path !== row.path;
      })
      .map((row) => `${row.operationId} ${row.method} ${row.path}`);
    expect(missing).toEqual([]);
  });

  it("declares no operation outside the list", () => {
    const listed = new Set(rows.map((r) => r.operationId));
    expect(manifest.operations.map((op) => op.operationId).filter((id) => !listed.has(id))).toEqual([]);
  });
});
