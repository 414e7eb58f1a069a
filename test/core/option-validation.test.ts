// Input that can never work is refused with InvalidRequestError before anything is sent, and
// the message never quotes the key, a header value or a URL that could hold a password.
import { afterEach, describe, expect, it, vi } from "vitest";
import { InvalidRequestError, StatsigConsole, type ClientOptions } from "../../src/index.js";
import { json, scriptedFetch } from "../helpers/core.js";

const KEY = "console-inputs-test-key";
const okGate = () => json({ message: "ok", data: { id: "g1", name: "g1" } });

afterEach(() => {
  vi.unstubAllEnvs();
});

/** The error a construction throws (the test fails when it does not throw). */
function constructionError(options: ClientOptions): InvalidRequestError {
  try {
    new StatsigConsole(options);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    return error as InvalidRequestError;
  }
  throw new Error("expected the constructor to throw");
}

describe("API keys", () => {
  it.each([
    ["a Server Secret key in capitals", "SECRET-abcdef0123456789"],
    ["a word", "foo"],
    ["a Bearer header value", "Bearer console-abcdef0123456789"],
    ["a lower-case bearer", "bearer console-abcdef0123456789"],
    ["the prefix alone", "console-"],
    ["a key inside another string", "key=console-abcdef0123456789"],
    ["a CR LF inside", "console-abcdef\r\nX-Injected: 1"],
    ["a LF inside", "console-abcdef\n0123456789"],
    ["a NUL inside", "console-abcdef\u00000123456789"],
    ["a NUL at the end", "console-abcdef0123456789\u0000"],
    ["a space inside", "console-abcdef 0123456789"],
    ["a tab inside", "console-abcdef\t0123456789"],
    ["a non-ASCII character", "console-abcdéf0123456789"],
    ["a zero-width space", "console-abcdef\u200b0123456789"],
  ])("refuses %s without quoting it", (_what, apiKey) => {
    const error = constructionError({ apiKey });
    const secretPart = apiKey.replace(/^(bearer |key=)?console-|^SECRET-/i, "").slice(0, 6);
    if (secretPart === "") return; // "console-" alone: nothing secret to leak
    expect(error.message).not.toContain(apiKey);
    expect(error.message).not.toContain(secretPart);
    expect(error.stack).not.toContain(secretPart);
  });

  it("refuses a bad key from STATSIG_CONSOLE_API_KEY the same way", () => {
    vi.stubEnv("STATSIG_CONSOLE_API_KEY", "console-from\nenv");
    expect(constructionError({}).message).not.toContain("from");
  });

  it("refuses a key that is not a string", () => {
    expect(constructionError({ apiKey: 42 as unknown as string }).message).toMatch(/apiKey must be a string/);
  });

  it("accepts a Console key with surrounding whitespace (a newline from a file) and sends it trimmed", async () => {
    const { fetch, calls } = scriptedFetch(okGate);
    await new StatsigConsole({ apiKey: `  ${KEY}\n`, fetch }).gates.get("g1");
    expect(new Headers(calls[0]!.init?.headers).get("statsig-api-key")).toBe(KEY);
  });

  it("accepts any printable ASCII after console-", () => {
    expect(() => new StatsigConsole({ apiKey: 'console-aZ09_-.~+/=%"\\', fetch: scriptedFetch(okGate).fetch })).not.toThrow();
  });
});

describe("baseUrl", () => {
  it.each([
    ["no scheme", "statsigapi.net"],
    ["host and port, no scheme", "localhost:8080"],
    ["a relative path", "/console"],
    ["an empty string", ""],
    ["ftp", "ftp://statsigapi.net"],
    ["file", "file:///etc/passwd"],
    ["javascript", "javascript:alert(1)"],
    ["ws", "ws://statsigapi.net"],
    ["credentials", "https://admin:hunter2@statsigapi.net"],
    ["a user name", "https://admin@statsigapi.net"],
    ["a query", "https://statsigapi.net/?token=hunter2"],
    ["an empty query", "https://statsigapi.net/?"],
    ["a query after a path", "https://statsigapi.net/proxy?x=1"],
    ["a fragment", "https://statsigapi.net/#hunter2"],
    ["an empty fragment", "https://statsigapi.net#"],
    ["not a string", 42 as unknown as string],
  ])("refuses %s", (_what, baseUrl) => {
    const error = constructionError({ apiKey: KEY, baseUrl });
    expect(error.message).toMatch(/baseUrl/);
    expect(error.message).not.toContain("hunter2");
  });

  it.each([
    ["https://statsigapi.net", "https://statsigapi.net/console/v1/gates/g1"],
    ["https://statsigapi.net///", "https://statsigapi.net/console/v1/gates/g1"],
    ["HTTP://LOCALHOST:9999", "http://localhost:9999/console/v1/gates/g1"],
    ["http://127.0.0.1:8080/proxy/statsig/", "http://127.0.0.1:8080/proxy/statsig/console/v1/gates/g1"],
  ])("accepts %s and sends to it", async (baseUrl, expectedUrl) => {
    const { fetch, calls } = scriptedFetch(okGate);
    await new StatsigConsole({ apiKey: KEY, fetch, baseUrl }).gates.get("g1");
    expect(calls[0]!.url).toBe(expectedUrl);
  });
});

describe("timeouts, retries and delays", () => {
  const outOfRangeTimeouts = [0, -1, 0.5, 2 ** 31, 3e9, Number.NaN, Number.POSITIVE_INFINITY, "100" as unknown as number];
  const outOfRangeRetries = [-1, 1.5, 11, 100, Number.NaN, Number.POSITIVE_INFINITY, "2" as unknown as number];
  const outOfRangeDelays = [-1, 2 ** 31, Number.NaN, Number.POSITIVE_INFINITY];

  it.each(outOfRangeTimeouts)("refuses a client timeoutMs of %s", (timeoutMs) => {
    expect(constructionError({ apiKey: KEY, timeoutMs }).message).toMatch(/timeoutMs must be .* from 1 to 2147483647/);
  });

  it.each(outOfRangeRetries)("refuses a client maxRetries of %s", (maxRetries) => {
    expect(constructionError({ apiKey: KEY, maxRetries }).message).toMatch(/maxRetries must be an integer from 0 to 10/);
  });

  it.each(["initialDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const)("refuses an out-of-range retry.%s", (name) => {
    for (const value of outOfRangeDelays) {
      expect(constructionError({ apiKey: KEY, retry: { [name]: value } }).message).toContain(`retry.${name}`);
    }
  });

  it("accepts the ends of every range", () => {
    const fetch = scriptedFetch(okGate).fetch;
    for (const options of [
      { timeoutMs: 1, maxRetries: 0, retry: { initialDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 } },
      { timeoutMs: 2 ** 31 - 1, maxRetries: 10, retry: { initialDelayMs: 2 ** 31 - 1, maxDelayMs: 2 ** 31 - 1, maxRetryAfterMs: 2 ** 31 - 1 } },
    ]) {
      expect(() => new StatsigConsole({ apiKey: KEY, fetch, ...options })).not.toThrow();
    }
  });

  it.each(outOfRangeTimeouts)("refuses a per-call timeoutMs of %s before sending", async (timeoutMs) => {
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = new StatsigConsole({ apiKey: KEY, fetch, rateLimit: false });
    await expect(sc.gates.get("g1", { timeoutMs })).rejects.toThrow(/timeoutMs must be .* from 1 to 2147483647/);
    await expect(sc.gates.create({ name: "x" }, { timeoutMs })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(sc.gates.list({}, { timeoutMs }).toArray()).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(0);
  });

  it.each(outOfRangeRetries)("refuses a per-call maxRetries of %s before sending", async (maxRetries) => {
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = new StatsigConsole({ apiKey: KEY, fetch, rateLimit: false });
    await expect(sc.gates.get("g1", { maxRetries })).rejects.toThrow(/maxRetries must be an integer from 0 to 10/);
    await expect(sc.gates.create({ name: "x" }, { maxRetries })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(0);
  });

  it("a per-call timeoutMs of 2^31−1 is a long timer, not a 1 ms one", async () => {
    const { fetch } = scriptedFetch(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return okGate();
    });
    await expect(new StatsigConsole({ apiKey: KEY, fetch }).gates.get("g1", { timeoutMs: 2 ** 31 - 1, maxRetries: 0 })).resolves.toMatchObject({ id: "g1" });
  });
});

describe("headers", () => {
  const badValues: [string, string][] = [
    ["CR LF (header injection)", "value\r\nX-Injected: hunter2"],
    ["LF", "hunter2\nmore"],
    ["CR", "hunter2\rmore"],
    ["NUL", "hunter2\u0000"],
    ["another control character", "hunter2\u0001"],
    ["DEL", "hunter2\u007f"],
    ["a character above U+00FF", "hunter2 €"],
  ];

  it.each(badValues)("refuses a client header value with %s, naming the header, not the value", (_what, value) => {
    const error = constructionError({ apiKey: KEY, headers: { "X-Team-Token": value } });
    expect(error.message).toContain('"X-Team-Token"');
    expect(error.message).not.toContain("hunter2");
  });

  it.each(badValues)("refuses a per-call header value with %s before sending", async (_what, value) => {
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = new StatsigConsole({ apiKey: KEY, fetch, rateLimit: false });
    for (const call of [() => sc.gates.get("g1", { headers: { authorization: value } }), () => sc.gates.create({ name: "x" }, { headers: { authorization: value } })]) {
      const error = await call().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as Error).message).toContain('"authorization"');
      expect((error as Error).message).not.toContain("hunter2");
    }
    expect(calls).toHaveLength(0);
  });

  it.each(["bad name", "x-colon:", "x-newline\n", "é", ""])("refuses the header name %j", async (name) => {
    expect(constructionError({ apiKey: KEY, headers: { [name]: "v" } }).message).toMatch(/not a valid header name/);
    const { fetch, calls } = scriptedFetch(okGate);
    await expect(new StatsigConsole({ apiKey: KEY, fetch }).gates.get("g1", { headers: { [name]: "v" } })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(0);
  });

  it("refuses a header value that is not a string, and headers that are not an object", () => {
    expect(constructionError({ apiKey: KEY, headers: { "x-n": 5 as unknown as string } }).message).toMatch(/"x-n" must be a string/);
    expect(constructionError({ apiKey: KEY, headers: "x-a: 1" as unknown as Record<string, string> }).message).toMatch(/headers must be an object/);
  });

  it("accepts tabs, Latin-1 and surrounding spaces, which fetch can send", async () => {
    const { fetch, calls } = scriptedFetch(okGate);
    await new StatsigConsole({ apiKey: KEY, fetch, headers: { "x-a": "one\ttwo", "x-b": "café" } }).gates.get("g1", { headers: { "x-c": " spaced " } });
    expect(calls).toHaveLength(1);
  });

  it("a header value fetch would refuse is not retried as a connection error", async () => {
    // Before, fetch threw a TypeError quoting the value, and an idempotent call retried it.
    const { fetch, calls } = scriptedFetch(okGate);
    await expect(new StatsigConsole({ apiKey: KEY, fetch }).gates.get("g1", { headers: { "x-a": "a\nb" } })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(0);
  });
});

describe("other options", () => {
  it.each<[string, ClientOptions]>([
    ["an unknown logLevel", { logLevel: "verbose" as ClientOptions["logLevel"] }],
    ["a logLevel inherited from Object.prototype", { logLevel: "toString" as ClientOptions["logLevel"] }],
    ["a logger without debug", { logger: { error() {}, warn() {}, info() {} } as unknown as ClientOptions["logger"] }],
    ["a fetch that is not a function", { fetch: "https://statsigapi.net" as unknown as ClientOptions["fetch"] }],
    ["an apiVersion with a line break", { apiVersion: "20240601\r\nX-Injected: 1" }],
    ["maxPages of 0", { maxPages: 0 }],
    ["a fractional maxPages", { maxPages: 1.5 }],
  ])("refuses %s", (_what, options) => {
    constructionError({ apiKey: KEY, ...options });
  });

  it("refuses options that are not an object", () => {
    expect(() => new StatsigConsole(null as unknown as ClientOptions)).toThrow(InvalidRequestError);
  });
});

describe("what each refusal tells the caller", () => {
  it.each([
    ["secret-abcdef0123456789", /Server Secret key/],
    ["client-abcdef0123456789", /Client SDK key/],
    ["Bearer console-abcdef0123456789", /starts with "Bearer"/],
    ["foo", /must start with console-/],
    ["console-abc def", /contains whitespace/],
    ["console-abc bearer def", /contains whitespace/],
  ])("the key %j: %s", (apiKey, message) => {
    expect(constructionError({ apiKey }).message).toMatch(message);
  });

  it("a Console key that merely ends like another kind, or mentions bearer, is accepted", () => {
    for (const apiKey of ["console-abc-secret-", "console-abc-client-", "console-bearer-token"]) expect(() => new StatsigConsole({ apiKey })).not.toThrow();
  });

  it("describes a bad value by its kind, never quoting a string", () => {
    expect(constructionError({ apiKey: KEY, timeoutMs: "hunter2" as unknown as number }).message).toMatch(/got a string$/);
    expect(constructionError({ apiKey: KEY, timeoutMs: null as unknown as number }).message).toMatch(/got null$/);
    expect(constructionError({ apiKey: KEY, timeoutMs: true as unknown as number }).message).toMatch(/got boolean$/);
    expect(constructionError({ apiKey: KEY, maxRetries: 1.5 }).message).toMatch(/got 1\.5$/);
    expect(constructionError({ apiKey: KEY, baseUrl: 42 as unknown as string }).message).toBe("baseUrl must be a string, got 42");
  });

  it("refuses null headers with a typed error, and names per-call headers as such", async () => {
    expect(constructionError({ apiKey: KEY, headers: null as unknown as Record<string, string> }).message).toMatch(/headers must be an object/);
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    await expect(sc.gates.get("g1", { headers: null as unknown as Record<string, string> })).rejects.toThrow(/^headers must be an object/);
    await expect(sc.gates.get("g1", { headers: { "x-a": 5 as unknown as string } })).rejects.toThrow(/^headers: header "x-a" must be a string, got 5/);
    expect(calls).toHaveLength(0);
  });

  it("refuses a base URL with a password but no user name", () => {
    expect(constructionError({ apiKey: KEY, baseUrl: "https://:hunter2@statsigapi.net" }).message).toMatch(/must not contain credentials/);
  });
});

describe("checkUserAgent", () => {
  it("returns a sendable value, and refuses an empty one or one a header cannot carry, saying which", async () => {
    const { checkUserAgent } = await import("../../src/core/option-validation.js");
    expect(checkUserAgent("my-tool/1.0")).toBe("my-tool/1.0");
    expect(() => checkUserAgent("")).toThrow(new InvalidRequestError("userAgent must not be empty (leave it out for the default)"));
    expect(() => checkUserAgent("my-tool\n1.0")).toThrow(/userAgent: header "user-agent" has a value that cannot be sent/);
  });
});
