// Rules, ID overrides and segment ID lists behave as sub-collections of their entity.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type SimulatorServer } from "../../src/testing/index.js";
import { recordingClient } from "./harness.js";

let server: SimulatorServer;
beforeAll(async () => {
  server = await startSimulator({ rateLimit: false });
});
afterAll(() => server.close());

const rule = (name: string, passPercentage: number) => ({ name, passPercentage, conditions: [{ type: "public" as const }] });

describe("sub-collections", () => {
  it("rules: add one and many, change many by id, change and remove one by name, replace all", async () => {
    server.simulator.reset();
    const { sc } = recordingClient(server.baseUrl);
    await sc.dynamicConfigs.create({ name: "copy_config" });
    await sc.dynamicConfigs.rules.create("copy_config", rule("first", 10));
    const many = await sc.dynamicConfigs.rules.createMany("copy_config", { rules: [rule("second", 20), rule("third", 30)] });
    expect(many.rules.map((r) => r.name)).toEqual(["first", "second", "third"]);
    expect(new Set(many.rules.map((r) => r.id)).size).toBe(3);
    const [first] = many.rules;
    await sc.dynamicConfigs.rules.updateMany("copy_config", { rules: [{ id: first!.id, passPercentage: 15 }] });
    expect((await sc.dynamicConfigs.rules.get("copy_config", first!.id)).passPercentage).toBe(15);
    await sc.dynamicConfigs.rules.patchByName("copy_config", "second", { passPercentage: 25 });
    await sc.dynamicConfigs.rules.deleteByName("copy_config", "third");
    const after = (await sc.dynamicConfigs.get("copy_config")).rules;
    expect(after.map((r) => [r.name, r.passPercentage, r.id === r.baseID])).toEqual([
      ["first", 15, true],
      ["second", 25, true],
    ]);

    await sc.segments.create({ name: "rule_segment", type: "rule_based", idType: "userID" });
    await sc.segments.rules.update("rule_segment", [
      { name: "only", passPercentage: 100, conditions: [{ type: "email", operator: "str_contains_any", targetValue: ["@example.com"] }] },
    ]);
    const segment = (await sc.segments.get("rule_segment")) as { rules?: { name: string; id: string }[] };
    expect(segment.rules?.map((r) => r.name)).toEqual(["only"]);
    expect(segment.rules?.[0]?.id).toEqual(expect.any(String));
  });

  it("ID overrides: empty at first, replaced, added to without duplicates, removed from, cleared", async () => {
    server.simulator.reset();
    const { sc } = recordingClient(server.baseUrl);
    await sc.gates.create({ name: "overridden" });
    expect(await sc.gates.overrides.get("overridden")).toMatchObject({ passingUserIDs: [], failingUserIDs: [] });
    await sc.gates.overrides.update("overridden", { passingUserIDs: ["u1"], failingUserIDs: [] });
    await sc.gates.overrides.patch("overridden", { passingUserIDs: ["u1", "u2"], failingUserIDs: ["u9"] });
    expect(await sc.gates.overrides.get("overridden")).toMatchObject({ passingUserIDs: ["u1", "u2"], failingUserIDs: ["u9"] });
    await sc.gates.overrides.delete("overridden");
    expect(await sc.gates.overrides.get("overridden")).toMatchObject({ passingUserIDs: [], failingUserIDs: [] });
  });

  it("segment ID lists: add (in chunks), remove, reset, read in pages", async () => {
    server.simulator.reset();
    const { sc } = recordingClient(server.baseUrl);
    await sc.segments.create({ name: "id_segment", type: "id_list", idType: "userID" });
    const ids = Array.from({ length: 2500 }, (_, i) => `user_${i}`);
    await sc.segments.idList.addInChunks("id_segment", { ids });
    await sc.segments.idList.remove("id_segment", { ids: ["user_0", "user_1", "not_there"] });
    const page = await sc.segments.idList.get("id_segment", { limit: 3, page: 2 });
    expect(page).toMatchObject({ name: "id_segment", count: 2498, ids: ["user_5", "user_6", "user_7"] });
    await sc.segments.idList.reset("id_segment", { ids: ["fresh"] });
    expect((await sc.segments.idList.get("id_segment")).ids).toEqual(["fresh"]);
  });
});
