// The method defaults for requests the spec does not describe (operation.ts): what a raw request
// outside the table is retried and limited as.
import { describe, expect, it } from "vitest";
import { defaultRateLimitGroup, isIdempotentByDefault, UNLIMITED_GROUP } from "../../src/core/operation.js";

describe("method defaults", () => {
  it("repeats reads, PUT and DELETE; never POST or PATCH", () => {
    expect(["GET", "HEAD", "PUT", "DELETE", "POST", "PATCH"].map(isIdempotentByDefault)).toEqual([true, true, true, true, false, false]);
  });

  it("leaves reads unlimited and counts everything else as a mutation", () => {
    expect(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"].map(defaultRateLimitGroup)).toEqual([
      UNLIMITED_GROUP,
      UNLIMITED_GROUP,
      "mutations",
      "mutations",
      "mutations",
      "mutations",
    ]);
    expect(UNLIMITED_GROUP).toBe("none");
  });
});
