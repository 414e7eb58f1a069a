// isObject (json.ts): the guard every parser uses before reading fields.
import { describe, expect, it } from "vitest";
import { isObject } from "../../src/core/json.js";

describe("isObject", () => {
  it("is true for plain objects only: not null, arrays or primitives", () => {
    expect(isObject({})).toBe(true);
    expect(isObject({ a: 1 })).toBe(true);
    expect(isObject(null)).toBe(false);
    expect(isObject([])).toBe(false);
    expect(isObject("{}")).toBe(false);
    expect(isObject(1)).toBe(false);
    expect(isObject(undefined)).toBe(false);
  });
});
