// The scrubber: a secret is removed raw, JSON-escaped and URL-encoded, every occurrence, and a
// body cut off mid-secret does not show the start of it either.
import { describe, expect, it } from "vitest";
import { createScrubber, redactHeaders, REDACTED, scrubHeaders, scrubValue } from "../../src/core/secrets.js";
import { createLevelledLogger, type Logger } from "../../src/core/transport/logger.js";
import { mentionsSecret, secretsOfHeaders } from "../../src/core/transport/secrets.js";
import { encodings, KEY_MARKERS, PATH_MARKERS, PATH_SECRET, SPECIAL_KEY } from "../helpers/secrets.js";

describe("createScrubber", () => {
  const scrub = createScrubber([SPECIAL_KEY, PATH_SECRET]);

  for (const [secretName, secret] of [
    ["the key", SPECIAL_KEY],
    ["a secret path parameter", PATH_SECRET],
  ] as const) {
    it.each(encodings(secret))(`removes every occurrence of ${secretName}, %s`, (_form, encoded) => {
      expect(scrub(`a ${encoded} b ${encoded}${encoded} c`)).toBe(`a ${REDACTED} b ${REDACTED}${REDACTED} c`);
    });
  }

  it("removes a secret cut off at the end of a text (a truncated body) once 8 characters of it are there", () => {
    for (const length of [8, 12, SPECIAL_KEY.length - 1]) {
      expect(scrub(`{"message":"bad key ${SPECIAL_KEY.slice(0, length)}`), String(length)).toBe(`{"message":"bad key ${REDACTED}`);
    }
    expect(scrub(`cut ${encodeURIComponent(SPECIAL_KEY).slice(0, 22)}`)).toBe(`cut ${REDACTED}`);
    expect(scrub("console mid-text and console-Zq7 in the middle stay")).toBe("console mid-text and console-Zq7 in the middle stay");
  });

  it("removes a longer secret whole when it contains a shorter one", () => {
    expect(createScrubber(["abcdefgh", "abcdefgh-longer"])("x abcdefgh-longer y abcdefgh")).toBe(`x ${REDACTED} y ${REDACTED}`);
  });

  it("leaves other text as it is, and ignores empty secrets", () => {
    expect(scrub("nothing to see: console-other-key, 50% off")).toBe("nothing to see: console-other-key, 50% off");
    // A backslash or a plus stands for itself, not for any character of the secret.
    const plain = createScrubber(["abcdefghij"]);
    expect(plain("C:\\bcdefghij and a+cdefghij")).toBe("C:\\bcdefghij and a+cdefghij");
    expect(createScrubber(["", ""])("text")).toBe("text");
  });
});

describe("scrubValue", () => {
  it("scrubs every string and property name at any depth, and keeps the rest", () => {
    const scrub = createScrubber([SPECIAL_KEY]);
    const value = { a: [1, true, null, { deep: `x ${SPECIAL_KEY}` }], [SPECIAL_KEY]: encodeURIComponent(SPECIAL_KEY), n: 2 };
    expect(scrubValue(value, scrub)).toEqual({ a: [1, true, null, { deep: `x ${REDACTED}` }], [REDACTED]: REDACTED, n: 2 });
  });
});

describe("secrets with control characters (a secret path parameter can hold any text)", () => {
  it("are removed as JSON writes them: \\b \\f \\n \\r \\t", () => {
    const secret = "id\bwith\fcontrol\ncharacters\rand\ttabs";
    const scrub = createScrubber([secret]);
    expect(scrub(JSON.stringify({ id: secret }))).toBe(`{"id":"${REDACTED}"}`);
    expect(scrub(`raw ${secret} end`)).toBe(`raw ${REDACTED} end`);
  });
});

describe("scrubValue on hostile data", () => {
  it("refuses objects nested deeper than it walks too, not only arrays", () => {
    const deep = JSON.parse(`${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`) as unknown;
    expect(() => scrubValue(deep, (text) => text)).toThrow(/nested deeper than 256/);
  });

  it("walks exactly 256 levels: one more is refused", () => {
    const nested = (levels: number) => JSON.parse(`${"[".repeat(levels)}${JSON.stringify(SPECIAL_KEY)}${"]".repeat(levels)}`) as unknown;
    const scrub = createScrubber([SPECIAL_KEY]);
    expect(JSON.stringify(scrubValue(nested(256), scrub))).toBe(`${"[".repeat(256)}"${REDACTED}"${"]".repeat(256)}`);
    expect(() => scrubValue(nested(257), scrub)).toThrow(RangeError);
  });

  it("keeps a __proto__ key as a key instead of setting the copy's prototype", () => {
    const copy = scrubValue(JSON.parse('{"__proto__":{"polluted":true}}') as unknown, (text) => text) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__"]);
    expect(copy.polluted).toBeUndefined();
  });

  it("refuses data nested deeper than it walks, with a RangeError rather than a stack overflow", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`) as unknown;
    expect(() => scrubValue(deep, (text) => text)).toThrow(/nested deeper than 256/);
  });
});

describe("headers", () => {
  it("redacts credential headers in a log, whatever their case, and scrubs the others", () => {
    const scrub = createScrubber([SPECIAL_KEY]);
    const headers = {
      "STATSIG-API-KEY": SPECIAL_KEY,
      Authorization: "Bearer tok-1",
      "Proxy-Authorization": "Basic tok-2",
      Cookie: "session=tok-3",
      "Set-Cookie": "session=tok-4",
      "X-API-Key": "tok-5",
      "x-echo": `k=${encodeURIComponent(SPECIAL_KEY)}`,
      accept: "application/json",
    };
    expect(redactHeaders(headers, scrub)).toEqual({
      "STATSIG-API-KEY": REDACTED,
      Authorization: REDACTED,
      "Proxy-Authorization": REDACTED,
      Cookie: REDACTED,
      "Set-Cookie": REDACTED,
      "X-API-Key": REDACTED,
      "x-echo": `k=${REDACTED}`,
      accept: "application/json",
    });
  });

  it("gives errors a scrubbed copy of response headers", () => {
    const response = new Headers({ "x-echo": SPECIAL_KEY, "x-request-id": "r1" });
    response.append("set-cookie", "a=1");
    response.append("set-cookie", "b=2");
    const copy = scrubHeaders(response, createScrubber([SPECIAL_KEY]));
    expect([...copy]).toEqual([
      ["set-cookie", REDACTED],
      ["set-cookie", REDACTED],
      ["x-echo", REDACTED],
      ["x-request-id", "r1"],
    ]);
    expect(response.get("x-echo")).toBe(SPECIAL_KEY); // the response itself is left alone
  });
});

describe("log lines", () => {
  it("never carry a secret, in any encoding, in the message or any field", () => {
    const lines: string[] = [];
    const record = (message: string, fields?: Record<string, unknown>) => void lines.push(`${message} ${JSON.stringify(fields)}`);
    const sink: Logger = { error: record, warn: record, info: record, debug: record };
    const logger = createLevelledLogger("debug", sink, [SPECIAL_KEY, PATH_SECRET]);
    for (const [form, encoded] of [...encodings(SPECIAL_KEY), ...encodings(PATH_SECRET)]) {
      logger.log("debug", `${form}: ${encoded}`, { error: `failed: ${encoded}`, nested: { list: [encoded], [encoded]: 1 }, at: new Date(0) });
    }
    expect(lines).toHaveLength(20);
    for (const marker of [...KEY_MARKERS, ...PATH_MARKERS]) expect(lines.join("\n")).not.toContain(marker);
    expect(lines[0]).toContain(REDACTED);
    expect(lines[0]).toContain("1970-01-01T00:00:00.000Z"); // non-string fields survive as JSON
  });
});

describe("the transport's secrets (transport/secrets.ts)", () => {
  it("takes the credential values a request carries, and nothing else", () => {
    const headers = { "statsig-api-key": SPECIAL_KEY, authorization: "Bearer tok-1", cookie: "", accept: "application/json", "x-request-id": "r1" };
    expect(secretsOfHeaders(headers)).toEqual([SPECIAL_KEY, "Bearer tok-1"]);
  });

  it("sees a secret in a fetch error's message, stack, or a cause a few levels down", () => {
    const quoted = new TypeError(`invalid header value ${JSON.stringify(SPECIAL_KEY)}`);
    expect(mentionsSecret(quoted, [SPECIAL_KEY])).toBe(true);
    const inStack = new Error("fetch failed");
    inStack.stack = `Error: fetch failed\n    at headers (${encodeURIComponent(SPECIAL_KEY)})`;
    expect(mentionsSecret(inStack, [SPECIAL_KEY])).toBe(true);
    const deep = new TypeError("fetch failed", { cause: new Error("connect", { cause: new Error(`bad key ${SPECIAL_KEY}`) }) });
    expect(mentionsSecret(deep, [SPECIAL_KEY])).toBe(true);
    expect(mentionsSecret(new TypeError("fetch failed", { cause: new Error("ECONNRESET") }), [SPECIAL_KEY])).toBe(false);
    expect(mentionsSecret(`a string ${SPECIAL_KEY}`, [SPECIAL_KEY])).toBe(false); // only errors are kept as causes
  });

  it("stops on a cause chain that loops, instead of hanging", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    Object.assign(a, { cause: b });
    expect(mentionsSecret(a, [SPECIAL_KEY])).toBe(false);
  });
});
