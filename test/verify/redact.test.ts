// redactSample: the samples a drift report shows. Enough of a value to see its shape, never a key,
// never a whole long string, and never any string of an operation that carries secrets.
import { describe, expect, it } from "vitest";
import { redactSample } from "../../src/verify/redact.js";

describe("redactSample", () => {
  it("replaces a string that looks like a Statsig key whole, whatever its case or length", () => {
    for (const key of ["console-abc", "secret-0123456789", "client-x", "CONSOLE-ABC", "Secret-1"]) expect(redactSample(key), key).toBe("[redacted]");
    // Only as a prefix: a word that merely contains one is cut like any other string.
    expect(redactSample("my-console-thing")).toBe("my-con…(16 chars)");
    expect(redactSample("consoles")).toBe("consol…(8 chars)");
  });

  it("keeps a string of up to six characters and cuts a longer one to six, with its length", () => {
    expect(redactSample("")).toBe("");
    expect(redactSample("abcdef")).toBe("abcdef");
    expect(redactSample("abcdefg")).toBe("abcdef…(7 chars)");
    expect(redactSample("a rather long description")).toBe("a rath…(25 chars)");
  });

  it("replaces every string when the operation carries secrets, and only strings", () => {
    expect(redactSample("ab", true)).toBe("[redacted]");
    expect(redactSample({ name: "x", count: 3, on: true, none: null }, true)).toStrictEqual({ name: "[redacted]", count: 3, on: true, none: null });
    expect(redactSample(["a", ["b"]], true)).toStrictEqual(["[redacted]", ["[redacted]"]]);
  });

  it("returns numbers, booleans, null and undefined as they are", () => {
    for (const value of [0, -1.5, true, false, null, undefined]) expect(redactSample(value)).toBe(value);
  });

  it("shows the first three items of a list and counts the rest", () => {
    expect(redactSample([1, 2, 3])).toStrictEqual([1, 2, 3]);
    expect(redactSample([1, 2, 3, 4])).toStrictEqual([1, 2, 3, "…1 more"]);
    expect(redactSample([1, 2, 3, 4, 5, 6])).toStrictEqual([1, 2, 3, "…3 more"]);
    expect(redactSample([])).toStrictEqual([]);
  });

  it("shows the first eight fields of an object and counts the rest", () => {
    const fields = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`f${index}`, index]));
    expect(redactSample(fields(8))).toStrictEqual(fields(8));
    expect(redactSample(fields(10))).toStrictEqual({ ...fields(8), "…": "2 more fields" });
    expect(redactSample({})).toStrictEqual({});
  });

  it("goes two levels down, then names what is below by kind and size", () => {
    expect(redactSample({ a: { b: { c: 1 }, list: [1, 2] } })).toStrictEqual({ a: { b: "{object}", list: "[array of 2]" } });
    expect(redactSample([[[1, 2, 3]], { x: [] }])).toStrictEqual([["[array of 3]"], { x: "[array of 0]" }]);
    // Strings and numbers are shown at any depth the walk reaches.
    expect(redactSample({ a: { s: "console-k", n: 2, t: "abcdefgh" } })).toStrictEqual({ a: { s: "[redacted]", n: 2, t: "abcdef…(8 chars)" } });
  });

  it("redacts inside lists and objects too, and cuts their strings", () => {
    expect(redactSample(["console-1", "ok", "longer text"])).toStrictEqual(["[redacted]", "ok", "longer…(11 chars)"]);
    expect(redactSample({ key: "secret-2", id: "abcdefghij" })).toStrictEqual({ key: "[redacted]", id: "abcdef…(10 chars)" });
  });
});
