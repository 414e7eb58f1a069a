// How the transport classifies failures that are not HTTP statuses (request-check.ts): requests
// that can never be sent are refused or reported as InvalidRequestError and never retried; network
// failures keep their retry rules. (Redirects a runtime hides: redirect.test.ts; real-socket
// versions of these cases: send.socket.test.ts.)
import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { APIConnectionError, InvalidRequestError } from "../../src/core/errors.js";
import { assertSendable, isLocalRequestFailure, type SendableRequest } from "../../src/core/transport/request-check.js";
import { StatsigConsole } from "../../src/index.js";
import { connectionReset, GET_THING, json, KEY, makeCore, scriptedFetch, rejectionOf } from "../helpers/core.js";

afterEach(() => vi.unstubAllGlobals());

describe("fetch rejections", () => {
  it.each([
    ["an invalid header value, quoting the key", () => new TypeError(`Headers.append: "${KEY}\r\n" is an invalid header value.`)],
    ["a value outside Latin-1", () => new TypeError("Cannot convert argument to a ByteString because the character at index 3 has a value of 8364 which is greater than 255.")],
    ["an unparseable URL", () => new TypeError("Failed to parse URL from x", { cause: Object.assign(new TypeError("Invalid URL"), { code: "ERR_INVALID_URL" }) })],
    ["a blocked port", () => new TypeError("fetch failed", { cause: new Error("bad port") })],
    ["undici's argument check", () => new TypeError("fetch failed", { cause: Object.assign(new Error("invalid x header"), { code: "UND_ERR_INVALID_ARG" }) })],
  ])("%s: InvalidRequestError after one attempt, never the key", async (_label, makeError) => {
    const { fetch, calls } = scriptedFetch(() => Promise.reject(makeError()));
    const error = await rejectionOf(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, undefined));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(1);
    expect(inspect(error, { depth: 10 })).not.toContain(KEY);
  });

  it.each([
    ["a reset connection", connectionReset],
    ["undici's code-less failure", () => Promise.reject(new TypeError("fetch failed"))],
    ["a browser's network error", () => Promise.reject(new TypeError("Failed to fetch"))],
    ["a body cut off mid-stream", () => Promise.reject(new TypeError("terminated", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) }))],
    ["a custom fetch's own error", () => Promise.reject(new Error("boom"))],
  ])("%s: APIConnectionError, retried for an idempotent call", async (_label, responder) => {
    const { fetch, calls } = scriptedFetch(responder, () => json({ message: "ok", data: { id: "t1" } }));
    await expect(makeCore({ fetch, retry: { initialDelayMs: 1 } }).call(GET_THING, { path: { id: "t1" } }, undefined)).resolves.toEqual({ id: "t1" });
    expect(calls).toHaveLength(2);
    const { fetch: failing } = scriptedFetch(responder);
    await expect(makeCore({ fetch: failing, maxRetries: 0 }).call(GET_THING, { path: { id: "t1" } }, undefined)).rejects.toBeInstanceOf(APIConnectionError);
  });

  it("classifies by code first, then by what only a network failure says", () => {
    expect(isLocalRequestFailure(Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }) }))).toBe(false);
    expect(isLocalRequestFailure(new TypeError("NetworkError when attempting to fetch resource."))).toBe(false);
    expect(isLocalRequestFailure(new TypeError("Load failed"))).toBe(false);
    expect(isLocalRequestFailure(new TypeError("Failed to execute 'fetch' on 'Window': Invalid value"))).toBe(true);
    expect(isLocalRequestFailure(new DOMException("aborted", "AbortError"))).toBe(false);
  });

  it("no fetch at all is an InvalidRequestError, not a connection error to retry", async () => {
    vi.stubGlobal("fetch", undefined);
    const error = await rejectionOf(new StatsigConsole({ apiKey: KEY, retry: { initialDelayMs: 1 } }).gates.get("g"));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toContain("No fetch available");
  });
});

describe("requests refused before sending", () => {
  it.each([
    ["a header value with a newline inside", { headers: { "x-note": "a\nb" } }],
    ["a header value with NUL", { headers: { "x-note": "a\u0000b" } }],
    ["a header value outside Latin-1", { headers: { "x-note": "€" } }],
    ["an invalid header name", { headers: { "bad name": "v" } }],
  ])("%s", async (_label, options) => {
    const { fetch, calls } = scriptedFetch(() => json({ message: "ok", data: {} }));
    await expect(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, options)).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(0);
  });

  it("a trailing newline is refused too (fetch would strip it, but a value with CR or LF is never what was meant)", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ message: "ok", data: {} }));
    await expect(makeCore({ fetch }).call(GET_THING, { path: { id: "t1" } }, { headers: { "x-note": "value\r\n" } })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(0);
  });
});

describe("assertSendable (the check on sc.raw requests)", () => {
  const request = (overrides: Partial<SendableRequest>): SendableRequest => ({
    method: "GET",
    url: "https://api.test/console/v1/gates",
    path: "/console/v1/gates",
    headers: {},
    ...overrides,
  });
  const refusal = (overrides: Partial<SendableRequest>): string => {
    try {
      assertSendable(request(overrides));
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRequestError);
      return (error as Error).message;
    }
    throw new Error("expected the request to be refused");
  };

  it("refuses a URL that cannot be parsed, or is not http(s), naming the request and baseUrl", () => {
    expect(refusal({ url: "not a url" })).toBe("GET /console/v1/gates: the request URL cannot be parsed; check baseUrl");
    expect(refusal({ url: "ftp://api.test/console/v1/gates" })).toBe("GET /console/v1/gates: the request URL must be http or https, got ftp:; check baseUrl");
    expect(() => assertSendable(request({ url: "http://api.test/console/v1/gates" }))).not.toThrow();
  });

  it("refuses a header name that is not a token, quoting at most 40 characters of it", () => {
    expect(refusal({ headers: { "bad name": "v" } })).toBe('GET /console/v1/gates: "bad name" is not a valid header name');
    expect(refusal({ headers: { "x-note:": "v" } })).toContain('"x-note:"');
    expect(refusal({ headers: { "(x-note": "v" } })).toContain('"(x-note"');
    const long = `${"x".repeat(39)}: pasted text that may hold the key`;
    expect(refusal({ headers: { [long]: "v" } })).toBe(`GET /console/v1/gates: "${"x".repeat(39)}:" is not a valid header name`);
  });

  it("refuses a control character inside a value, naming the header but not the value", () => {
    for (const value of ["a\nb", "a\r\nb", "a\u0001b", " a\nb ", "€"]) {
      expect(refusal({ headers: { "x-note": value } })).toBe(
        "GET /console/v1/gates: the value of header x-note contains a control character (CR, LF, NUL…) or a character outside Latin-1; the value is not shown as it may be secret",
      );
    }
  });

  it("lets through whitespace around a value, which fetch strips before its own check (a pasted key's newline)", () => {
    for (const value of ["key\n", "key\r\n", "\r\n\tkey", "\n\nkey\n\n", "key \t", "\u00e9t\u00e9"]) {
      expect(() => assertSendable(request({ headers: { "x-note": value } }))).not.toThrow();
    }
  });
});

describe("what counts as a local failure", () => {
  const withCode = (code: string) => Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("x"), { code }) });

  it("matches the local error codes whole, from their start", () => {
    for (const code of ["ERR_INVALID_URL", "ERR_INVALID_CHAR", "ERR_UNESCAPED_CHARACTERS", "UND_ERR_INVALID_ARG", "UND_ERR_NOT_SUPPORTED"]) {
      expect(isLocalRequestFailure(withCode(code))).toBe(true);
    }
    // Codes that only contain or extend a local one are someone else's: left to the network rules.
    for (const code of ["X_ERR_INVALID_URL", "ERR_UNESCAPED_CHARACTERS_X", "UND_ERR_INVALID_ARGS", "UND_ERR_NOT_SUPPORTED_X"]) {
      expect(isLocalRequestFailure(withCode(code))).toBe(false);
    }
  });

  it("takes a network message only when it is the whole message", () => {
    expect(isLocalRequestFailure(new TypeError("Failed to fetch"))).toBe(false);
    expect(isLocalRequestFailure(new TypeError("Network request failed"))).toBe(false);
    expect(isLocalRequestFailure(new TypeError("terminated"))).toBe(false);
    // A message that merely starts or ends with one is a local refusal that quotes it.
    expect(isLocalRequestFailure(new TypeError("Failed to fetch: the header value is invalid"))).toBe(true);
    expect(isLocalRequestFailure(new TypeError("Invalid request, so the fetch failed"))).toBe(true);
    expect(isLocalRequestFailure(new TypeError("header value rejected: Load failed"))).toBe(true);
  });

  it("reads the code of the error and of at most four causes below it, and stops on a cause that loops", () => {
    const chain = (depth: number, code: string): Error => {
      let error: Error = Object.assign(new Error("innermost"), { code });
      for (let i = 0; i < depth; i++) error = new Error("wrapper", { cause: error });
      return error;
    };
    expect(isLocalRequestFailure(chain(4, "ERR_INVALID_URL"))).toBe(true);
    expect(isLocalRequestFailure(chain(5, "ERR_INVALID_URL"))).toBe(false); // not a TypeError, no code within reach
    const looping = new TypeError("fetch failed");
    looping.cause = looping;
    expect(isLocalRequestFailure(looping)).toBe(true); // a code-less cause: the request was refused before sending
  });
});
