// The spec's `x-rate-limit-groups` as the generator reads it (scripts/lib/rate-limit-groups.ts):
// the windows become the runtime's default limits, so a group read wrongly, or a malformed one
// let through, changes how fast every client may send mutations.
import { describe, expect, it } from "vitest";
import { describeWindows, readRateLimitGroups } from "../../scripts/lib/rate-limit-groups.js";
import { SpecError } from "../../scripts/lib/load-spec.js";

const window = (limit: number, intervalMs: number) => ({ limit, intervalMs });

describe("readRateLimitGroups", () => {
  it("reads every group in spec order, with its trimmed description and its windows as numbers", () => {
    const groups = readRateLimitGroups({
      "x-rate-limit-groups": {
        mutations: { description: "  Creates, updates and deletes.  ", windows: [window(100, 10_000), window(900, 900_000)], extra: true },
        exports2: { description: "Exports", windows: [{ limit: 5, intervalMs: 60_000, note: "ignored" }] },
      },
    });
    expect(groups).toEqual([
      { name: "mutations", description: "Creates, updates and deletes.", windows: [window(100, 10_000), window(900, 900_000)] },
      { name: "exports2", description: "Exports", windows: [window(5, 60_000)] },
    ]);
  });

  it("reads no groups when the extension is absent", () => {
    expect(readRateLimitGroups({ openapi: "3.1.0" })).toEqual([]);
  });

  const refused: [string, unknown, RegExp][] = [
    ["not an object", [{ description: "x", windows: [window(1, 1)] }], /^x-rate-limit-groups must map group names/],
    [
      "a name that is not camelCase",
      { "Mutations-All": { description: "x", windows: [window(1, 1)] } },
      /x-rate-limit-groups\.Mutations-All: a group name is a camelCase identifier other than "none"/,
    ],
    ["a name with a dash after a valid start", { "bulk-edits": { description: "x", windows: [window(1, 1)] } }, /x-rate-limit-groups\.bulk-edits: a group name/],
    ["a name starting with a digit", { "1group": { description: "x", windows: [window(1, 1)] } }, /camelCase identifier/],
    ['the reserved name "none"', { none: { description: "x", windows: [window(1, 1)] } }, /x-rate-limit-groups\.none: a group name/],
    ["a group that is not an object", { mutations: "100 per 10 s" }, /x-rate-limit-groups\.mutations: needs a description/],
    ["no description", { mutations: { windows: [window(1, 1)] } }, /mutations: needs a description/],
    ["a blank description", { mutations: { description: "   ", windows: [window(1, 1)] } }, /mutations: needs a description/],
    ["no windows", { mutations: { description: "x" } }, /mutations: needs at least one window/],
    ["windows that are not a list", { mutations: { description: "x", windows: window(1, 1) } }, /mutations: needs at least one window/],
    ["an empty window list", { mutations: { description: "x", windows: [] } }, /mutations: needs at least one window/],
    [
      "a window that is not an object",
      { mutations: { description: "x", windows: [window(1, 1), 5] } },
      /x-rate-limit-groups\.mutations\.windows\[1\]: a window is \{ limit, intervalMs \}, both positive integers/,
    ],
    ["a limit of 0", { mutations: { description: "x", windows: [window(0, 1000)] } }, /windows\[0\]: a window is/],
    ["a fractional limit", { mutations: { description: "x", windows: [window(1.5, 1000)] } }, /windows\[0\]: a window is/],
    ["a limit given as text", { mutations: { description: "x", windows: [{ limit: "10", intervalMs: 1000 }] } }, /windows\[0\]: a window is/],
    ["an interval of 0", { mutations: { description: "x", windows: [window(10, 0)] } }, /windows\[0\]: a window is/],
    ["an unsafe interval", { mutations: { description: "x", windows: [window(10, 2 ** 53)] } }, /windows\[0\]: a window is/],
  ];
  it.each(refused)("refuses %s with a SpecError naming where", (_what, declared, message) => {
    expect(() => readRateLimitGroups({ "x-rate-limit-groups": declared })).toThrow(SpecError);
    expect(() => readRateLimitGroups({ "x-rate-limit-groups": declared })).toThrow(message);
  });

  it("accepts the smallest valid window (1 per 1 ms)", () => {
    expect(readRateLimitGroups({ "x-rate-limit-groups": { a: { description: "x", windows: [window(1, 1)] } } })[0]!.windows).toEqual([window(1, 1)]);
  });
});

describe("describeWindows", () => {
  it("names each window in the largest whole unit", () => {
    expect(describeWindows([window(1, 7_200_000)])).toBe("1 per 2 h");
    expect(describeWindows([window(900, 900_000)])).toBe("900 per 15 min");
    expect(describeWindows([window(60, 3_600_000)])).toBe("60 per 1 h");
    expect(describeWindows([window(100, 10_000)])).toBe("100 per 10 s");
    expect(describeWindows([window(5, 60_000)])).toBe("5 per 1 min");
    expect(describeWindows([window(3, 1_500)])).toBe("3 per 1500 ms");
    expect(describeWindows([window(2, 90_000)])).toBe("2 per 90 s");
  });

  it("joins two windows with 'and', and three with commas and a final 'and'", () => {
    expect(describeWindows([window(100, 10_000), window(900, 900_000)])).toBe("100 per 10 s and 900 per 15 min");
    expect(describeWindows([window(1, 1000), window(2, 60_000), window(3, 3_600_000)])).toBe("1 per 1 s, 2 per 1 min and 3 per 1 h");
  });
});
