// Retry-After read as RFC 9110 §10.2.3 defines it (delay-seconds or an HTTP-date in one of its
// three forms), and the non-standard retry-after-ms. Everything else is ignored. Then what the
// client does with it, in simulated time: waits exactly that long, up to maxRetryAfterMs.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RateLimitError } from "../../src/core/errors.js";
import { CREATE_THING, GET_THING, makeCore, okResponse, scriptedFetch, settle, statusResponse } from "../helpers/core.js";
import { parseHttpDate, readRetryAfterMsHeader, requestedRetryDelayMs, retryAfterMs } from "../../src/core/transport/retry-after.js";

const NOW_MS = Date.parse("2026-01-01T00:00:00Z");

describe("Retry-After: delay-seconds (1*DIGIT)", () => {
  it.each([
    ["0", 0],
    ["1", 1000],
    ["120", 120_000],
    ["007", 7000],
    [" 5 ", 5000], // surrounding whitespace is not part of the value
  ])("%j waits %i ms", (header, expectedMs) => {
    expect(retryAfterMs(header, NOW_MS)).toBe(expectedMs);
  });

  it.each(["-5", "+5", "2, 3", "1.5", "0.5", "1e3", "5s", "0x10", "Infinity", "NaN", "", "soon", "5 5"])("ignores %j", (header) => {
    expect(retryAfterMs(header, NOW_MS)).toBeUndefined();
  });

  it("ignores an absent header", () => {
    expect(retryAfterMs(null, NOW_MS)).toBeUndefined();
  });
});

describe("Retry-After: HTTP-date", () => {
  it.each([
    ["IMF-fixdate", "Thu, 01 Jan 2026 00:00:30 GMT", 30_000],
    ["RFC 850", "Thursday, 01-Jan-26 00:01:00 GMT", 60_000],
    ["asctime, one-digit day", "Thu Jan  1 00:00:05 2026", 5000],
    ["asctime, two-digit day", "Sat Jan 10 00:00:00 2026", 9 * 86_400_000],
    ["a date in the past (no wait)", "Wed, 31 Dec 2025 00:00:00 GMT", 0],
    ["a leap second", "Wed, 31 Dec 2025 23:59:60 GMT", 0],
  ])("reads %s", (_form, header, expectedMs) => {
    expect(retryAfterMs(header, NOW_MS)).toBe(expectedMs);
  });

  it.each([
    ["2001-style strings Date.parse would take", "2, 3"],
    ["ISO 8601", "2026-01-01T00:00:30Z"],
    ["a time zone other than GMT", "Thu, 01 Jan 2026 00:00:30 UTC"],
    ["an offset", "Thu, 01 Jan 2026 00:00:30 +0000"],
    ["lower-case month (HTTP-date is case-sensitive)", "Thu, 01 jan 2026 00:00:30 GMT"],
    ["a one-digit day in IMF-fixdate", "Thu, 1 Jan 2026 00:00:30 GMT"],
    ["a day that does not exist", "Mon, 30 Feb 2026 00:00:00 GMT"],
    ["an hour that does not exist", "Thu, 01 Jan 2026 24:00:00 GMT"],
    ["a minute that does not exist", "Thu, 01 Jan 2026 00:60:00 GMT"],
    ["a second that does not exist (60 is a leap second, 61 nothing)", "Thu, 01 Jan 2026 00:00:61 GMT"],
    ["a year before 100 (Date.UTC would read 0050 as 1950)", "Sat, 01 Jan 0050 00:00:00 GMT"],
    ["an asctime year before 100", "Sat Jan  1 00:00:00 0050"],
    ["trailing text", "Thu, 01 Jan 2026 00:00:30 GMT; soon"],
    ["a long day name in IMF-fixdate", "Thursday, 01 Jan 2026 00:00:30 GMT"],
  ])("ignores %s", (_what, header) => {
    expect(retryAfterMs(header, NOW_MS)).toBeUndefined();
  });

  it("reads a leap second as the second after :59", () => {
    expect(parseHttpDate("Wed, 31 Dec 2025 23:59:60 GMT", NOW_MS)).toBe(Date.parse("2026-01-01T00:00:00Z"));
  });

  it("reads a two-digit RFC 850 year more than 50 years ahead as the past century", () => {
    // In 2026, "76" would be 2076 (50 years ahead: allowed); "77" would be 2077, so it is 1977.
    expect(parseHttpDate("Sunday, 01-Jan-76 00:00:00 GMT", NOW_MS)).toBe(Date.parse("2076-01-01T00:00:00Z"));
    expect(parseHttpDate("Saturday, 01-Jan-77 00:00:00 GMT", NOW_MS)).toBe(Date.parse("1977-01-01T00:00:00Z"));
  });
});

describe("retry-after-ms", () => {
  it.each([
    ["0", 0],
    ["250", 250],
    ["1.5", 1.5],
    ["1.25", 1.25],
    [" 40 ", 40],
  ])("%j is %d ms", (header, expectedMs) => {
    expect(readRetryAfterMsHeader(header)).toBe(expectedMs);
  });

  it.each(["-1", "1e3", "", "soon", "Thu, 01 Jan 2026 00:00:30 GMT", "1,2"])("ignores %j", (header) => {
    expect(readRetryAfterMsHeader(header)).toBeUndefined();
  });
});

describe("the delay a response asks for", () => {
  it("prefers retry-after-ms, else Retry-After, else nothing", () => {
    expect(requestedRetryDelayMs(new Headers({ "retry-after-ms": "250", "retry-after": "9" }), NOW_MS)).toBe(250);
    expect(requestedRetryDelayMs(new Headers({ "retry-after-ms": "later", "retry-after": "9" }), NOW_MS)).toBe(9000);
    expect(requestedRetryDelayMs(new Headers({ "retry-after": "-5" }), NOW_MS)).toBeUndefined();
    expect(requestedRetryDelayMs(new Headers(), NOW_MS)).toBeUndefined();
  });

  it("ignores two Retry-After headers (fetch joins them as `2, 3`)", () => {
    const headers = new Headers();
    headers.append("retry-after", "2");
    headers.append("retry-after", "3");
    expect(requestedRetryDelayMs(headers, NOW_MS)).toBeUndefined();
  });
});

describe("Retry-After", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("retries immediately on Retry-After: 0", async () => {
    const { fetch, calls } = scriptedFetch(statusResponse(429, { "retry-after": "0" }), okResponse);
    const result = await settle(makeCore({ fetch }).call(CREATE_THING, { body: {} }, undefined));
    expect(result.value).toEqual({ id: "t1" });
    expect(calls[1]!.at - calls[0]!.at).toBe(0);
  });

  it("waits exactly the seconds asked for, up to the cap", async () => {
    const { fetch, calls } = scriptedFetch(statusResponse(429, { "retry-after": "60" }), okResponse);
    await settle(makeCore({ fetch }).call(CREATE_THING, { body: {} }, undefined));
    expect(calls[1]!.at - calls[0]!.at).toBe(60_000);
  });

  it("fails with RateLimitError instead of sleeping when Retry-After exceeds maxRetryAfterMs", async () => {
    const { fetch, calls } = scriptedFetch(statusResponse(429, { "retry-after": "61" }), okResponse);
    const result = await settle(makeCore({ fetch }).call(CREATE_THING, { body: {} }, undefined));
    expect(result.error).toBeInstanceOf(RateLimitError);
    expect(calls).toHaveLength(1);
    expect(result.elapsedMs).toBeLessThan(1000);
  });

  it("honours a configured cap", async () => {
    const { fetch, calls } = scriptedFetch(statusResponse(429, { "retry-after": "5" }), okResponse);
    const result = await settle(makeCore({ fetch, retry: { maxRetryAfterMs: 4000 } }).call(CREATE_THING, { body: {} }, undefined));
    expect(result.error).toBeInstanceOf(RateLimitError);
    expect(calls).toHaveLength(1);
  });

  it("ignores a Retry-After that is neither delay-seconds nor an HTTP date, and backs off instead", async () => {
    // Date.parse reads "-5" and "2, 3" as dates in 2001, which would mean no wait at all.
    for (const header of ["-5", "2, 3", "1.5", "soon"]) {
      const { fetch, calls } = scriptedFetch(statusResponse(429, { "retry-after": header }), okResponse);
      await settle(makeCore({ fetch, random: () => 0 }).call(CREATE_THING, { body: {} }, undefined));
      expect(calls[1]!.at - calls[0]!.at, header).toBe(500);
    }
  });

  it("prefers retry-after-ms, to the millisecond, over Retry-After", async () => {
    const { fetch, calls } = scriptedFetch(statusResponse(429, { "retry-after-ms": "1250", "retry-after": "30" }), okResponse);
    await settle(makeCore({ fetch }).call(CREATE_THING, { body: {} }, undefined));
    expect(calls[1]!.at - calls[0]!.at).toBe(1250);
  });

  it("falls back to Retry-After when retry-after-ms is unreadable", async () => {
    const { fetch, calls } = scriptedFetch(statusResponse(503, { "retry-after-ms": "-1", "retry-after": "3" }), okResponse);
    await settle(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(calls[1]!.at - calls[0]!.at).toBe(3000);
  });

  it("applies maxRetryAfterMs to retry-after-ms too", async () => {
    const { fetch, calls } = scriptedFetch(statusResponse(429, { "retry-after-ms": "4001" }), okResponse);
    const result = await settle(makeCore({ fetch, retry: { maxRetryAfterMs: 4000 } }).call(CREATE_THING, { body: {} }, undefined));
    expect(result.error).toBeInstanceOf(RateLimitError);
    expect(calls).toHaveLength(1);
  });

  it("waits until an HTTP date", async () => {
    vi.setSystemTime(Date.parse("2026-03-01T12:00:00Z"));
    const { fetch, calls } = scriptedFetch(statusResponse(503, { "retry-after": "Sun, 01 Mar 2026 12:00:07 GMT" }), okResponse);
    await settle(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(calls[1]!.at - calls[0]!.at).toBe(7000);
  });
});
