// Segments: ID-list chunking (x-chunk), the ID-list rate-limit group, the DELETE-with-body
// removal, and the segment-specific narrowing of rule conditions.
import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { ChunkedRequestError, operations, type Segment, type SegmentRuleInput } from "../../src/index.js";
import { validatorAt } from "../helpers/ajv.js";
import { useMockApi } from "../helpers/mock-api.js";
import { operationObject, manifest, type JsonObject } from "../helpers/spec.js";

const api = useMockApi();

const client = api.client;
const ids = (count: number, prefix = "acct_") => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
const sentIds = (bodyText: string): string[] => (JSON.parse(bodyText) as { ids: string[] }).ids;

const ID_LIST_OPERATIONS = [
  "segments.idList.add",
  "segments.idList.remove",
  "segments.idList.reset",
  "segments.idList.get",
  "segments.idList.getMetadata",
  "segments.userStoreIdList.add",
  "segments.userStoreIdList.remove",
] as const;
const CHUNKED_OPERATIONS = ["segments.idList.add", "segments.idList.remove", "segments.userStoreIdList.add", "segments.userStoreIdList.remove"];

describe("segment ID-list operations in the spec", () => {
  it("put every ID-list operation, and only those, in the segmentIdList rate-limit group", () => {
    for (const id of ID_LIST_OPERATIONS) expect(operations[id].rateLimitGroup, id).toBe("segmentIdList");
    const others = manifest.operations.filter((op) => op.operationId.startsWith("segments.") && !(ID_LIST_OPERATIONS as readonly string[]).includes(op.operationId));
    expect(others.length).toBeGreaterThan(0);
    for (const op of others) expect(operations[op.operationId as keyof typeof operations].rateLimitGroup, op.operationId).not.toBe("segmentIdList");
  });

  it("declare x-chunk { field: ids, maxItems: 1000 } on the operations that take an ID array, and not on reset", () => {
    for (const op of manifest.operations.filter((o) => o.operationId.startsWith("segments."))) {
      const chunk = operationObject(op)["x-chunk"];
      if (CHUNKED_OPERATIONS.includes(op.operationId)) expect(chunk, op.operationId).toEqual({ field: "ids", maxItems: 1000 });
      else expect(chunk, op.operationId).toBeUndefined();
    }
  });

  it("reject more than 1000 IDs in one request body", () => {
    for (const name of ["SegmentIdListBody", "SegmentUserStoreIdListBody"]) {
      const validate = validatorAt(["components", "schemas", name]);
      expect(validate({ ids: ids(1000) }), name).toBe(true);
      expect(validate({ ids: ids(1001) }), name).toBe(false);
    }
  });
});

describe("sc.segments.idList chunked helpers", () => {
  it("addInChunks splits 2,500 IDs into PATCH requests of 1000, 1000 and 500, in order", async () => {
    api.respondJson({ message: "IDs added to the segment." });
    const all = ids(2500);
    const results = await client().segments.idList.addInChunks("enterprise_accounts", { ids: all });

    expect(api.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(Array(3).fill("PATCH /console/v1/segments/enterprise_accounts/id_list"));
    const chunks = api.requests.map((r) => sentIds(r.bodyText));
    expect(chunks.map((c) => c.length)).toEqual([1000, 1000, 500]);
    expect(chunks.flat()).toEqual(all);
    expect(results).toEqual([{ message: "IDs added to the segment." }, { message: "IDs added to the segment." }, { message: "IDs added to the segment." }]);
  });

  it("removeInChunks sends the IDs as a JSON body on DELETE", async () => {
    api.respondJson({ message: "IDs removed from the segment." });
    await client().segments.idList.removeInChunks("enterprise_accounts", { ids: ids(1200) });

    expect(api.requests.map((r) => r.method)).toEqual(["DELETE", "DELETE"]);
    expect(api.requests[0]!.headers.get("content-type")).toContain("application/json");
    expect(api.requests.map((r) => sentIds(r.bodyText).length)).toEqual([1000, 200]);
  });

  it("keeps the other body fields on every chunk of a user-store update", async () => {
    api.respondJson({ message: "IDs added to the segment." });
    await client().segments.userStoreIdList.addInChunks("vip_users", { ids: ids(1001, "user_"), version: 7 });

    const bodies = api.requests.map((r) => JSON.parse(r.bodyText) as { ids: string[]; version: number });
    expect(bodies.map((b) => [b.ids.length, b.version])).toEqual([
      [1000, 7],
      [1, 7],
    ]);
  });

  it("reports how many chunks were applied when a later chunk fails", async () => {
    let calls = 0;
    api.respond(() => {
      calls += 1;
      return calls === 2 ? HttpResponse.json({ status: 400, message: "Invalid IDs" }, { status: 400 }) : HttpResponse.json({ message: "IDs added to the segment." });
    });
    const error = await client()
      .segments.idList.addInChunks("enterprise_accounts", { ids: ids(3000) })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ChunkedRequestError);
    const chunked = error as ChunkedRequestError;
    expect([chunked.completedChunks, chunked.totalChunks]).toEqual([1, 3]);
    expect(api.requests).toHaveLength(2);
  });

  it("offers no chunked reset (each reset replaces the whole list)", () => {
    const idList = client().segments.idList as unknown as Record<string, unknown>;
    expect(typeof idList.reset).toBe("function");
    expect(idList.resetInChunks).toBeUndefined();
  });

  it("idList.get resolves to the ID page object, passing page and limit through", async () => {
    const page = { name: "enterprise_accounts", count: 2500, ids: ids(2, "acct_") };
    api.respondJson({ message: "Segment IDs listed.", data: page });
    const result = await client().segments.idList.get("enterprise_accounts", { page: 3, limit: 2 });

    expect(result).toEqual(page);
    expect(Object.fromEntries(api.requests[0]!.url.searchParams)).toEqual({ page: "3", limit: "2" });
  });
});

describe("segment rule conditions", () => {
  const rules = validatorAt(["components", "schemas", "SegmentRulesBody"]);
  const rule = (condition: JsonObject): JsonObject[] => [{ name: "r", passPercentage: 100, conditions: [condition] }];

  it("accept the condition types segments support", () => {
    expect(rules(rule({ type: "passes_segment", targetValue: "beta_testers" }))).toBe(true);
    expect(rules(rule({ type: "country", operator: "any", targetValue: ["CA"] }))).toBe(true);
  });

  it("reject condition types only gates and configs support", () => {
    const conditions: JsonObject[] = [
      { type: "passes_gate", targetValue: "gate_new_navigation" },
      { type: "time", operator: "after", targetValue: 1767225600000 },
      { type: "user_agent", operator: "str_contains_any", targetValue: ["ExampleBot"] },
    ];
    for (const condition of conditions) {
      expect(rules(rule(condition)), String(condition.type)).toBe(false);
    }
  });

  it("accept every condition type in returned segments", () => {
    const segment = validatorAt(["components", "schemas", "Segment"]);
    const returned = {
      id: "beta_testers",
      type: "rule_based",
      idType: "userID",
      isEnabled: true,
      description: "",
      createdTime: 1767225600000,
      creatorName: "Ana Example",
      lastModifiedTime: 1767225600000,
      lastModifierID: "user_4f2a9c",
      lastModifierName: "Ana Example",
      lastModifierEmail: null,
      rules: [{ id: "r1", baseID: "r1", name: "r", passPercentage: 100, conditions: [{ type: "passes_gate", targetValue: "gate_new_navigation" }] }],
    };
    expect(segment(returned)).toBe(true);
    expect(segment({ ...returned, type: "cohort" })).toBe(false);
  });

  it("narrow by segment type in TypeScript", () => {
    const describeSegment = (s: Segment): string => {
      switch (s.type) {
        case "rule_based":
          return `${s.rules?.length ?? 0} rules`;
        case "id_list":
        case "user_store_id_list":
          return `${s.count ?? 0} ids`;
        case "analysis_list":
          return "analysis";
      }
    };
    expect(describeSegment({ type: "id_list", count: 3 } as Segment)).toBe("3 ids");

    const ok: SegmentRuleInput = { name: "r", passPercentage: 50, conditions: [{ type: "email", operator: "str_contains_any", targetValue: ["@example.com"] }] };
    // @ts-expect-error gate conditions are not allowed in segment rules
    const gateCondition: SegmentRuleInput = { name: "r", passPercentage: 50, conditions: [{ type: "passes_gate", targetValue: "gate_x" }] };
    expect([ok, gateCondition]).toHaveLength(2);
  });
});
