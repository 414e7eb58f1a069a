// The typed errors (errors.ts): each status becomes its own class with the status, body, method,
// path and headers, and no error ever carries the API key or a secret path parameter, in any
// encoding, from the body, the headers, the message or a log line. Bodies that are not what the API
// sends: response-parser.test.ts.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIError,
  APIRedirectError,
  APIResponseError,
  APIResponseTooLargeError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  ChunkedRequestError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  InvalidRequestError,
  PaginationError,
  PaginationLimitError,
  PermissionDeniedError,
  RateLimitError,
  RateLimitStoreError,
  StatsigConsoleError,
  UnprocessableEntityError,
} from "../../src/core/errors.js";
import { callFailure, CREATE_THING, GET_THING, KEY, json, makeCore, op, pathOf, scriptedFetch } from "../helpers/core.js";
import { encodings, KEY_MARKERS, PATH_MARKERS, PATH_SECRET, SPECIAL_KEY } from "../helpers/secrets.js";

describe("error classes", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
  ])("%i becomes %o with status, message, body, method, path and headers", async (status, ErrorClass) => {
    const error = (await callFailure(() => json({ status, message: `problem ${status}` }, status, { "x-request-id": "r1" }))) as APIError;
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(StatsigConsoleError);
    expect(error.status).toBe(status);
    expect(error.message).toContain(`problem ${status}`);
    expect(error.body).toEqual({ status, message: `problem ${status}` });
    expect(error.method).toBe("GET");
    expect(error.path).toBe("/console/v1/things/t1");
    expect(error.headers.get("x-request-id")).toBe("r1");
  });

  it("an unlisted 4xx is a plain APIError", async () => {
    const error = (await callFailure(() => json({ status: 418, message: "teapot" }, 418))) as APIError;
    expect(error.constructor).toBe(APIError);
    expect(error.status).toBe(418);
  });

  it("keeps validation errors", async () => {
    const body = { status: 400, message: "Invalid", errors: [{ property: "name", errorMessage: "required" }] };
    const error = (await callFailure(() => json(body, 400))) as BadRequestError;
    expect(error.errors).toEqual([{ property: "name", errorMessage: "required" }]);
  });

  it("a failed connection is an APIConnectionError", async () => {
    const error = await callFailure(() => {
      throw new TypeError("fetch failed");
    });
    expect(error).toBeInstanceOf(APIConnectionError);
  });
});

describe("the API key never leaks", () => {
  it("not from an error whose body echoes the key", async () => {
    const error = (await callFailure(() => json({ status: 401, message: `Invalid key ${KEY}` }, 401), CREATE_THING)) as APIError;
    for (const text of [error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: 10 }), JSON.stringify(error.body)]) {
      expect(text).not.toContain(KEY);
    }
    expect(error.message).toContain("[redacted]");
  });

  it("not from a connection error", async () => {
    const error = (await callFailure(() => {
      throw new TypeError("fetch failed");
    })) as Error;
    expect(inspect(error, { depth: 10 })).not.toContain(KEY);
  });

  it("not from log lines, even at debug", async () => {
    const lines: string[] = [];
    const logger = {
      error: (m: string, f?: object) => lines.push(m + JSON.stringify(f)),
      warn: (m: string, f?: object) => lines.push(m + JSON.stringify(f)),
      info: (m: string, f?: object) => lines.push(m + JSON.stringify(f)),
      debug: (m: string, f?: object) => lines.push(m + JSON.stringify(f)),
    };
    const { fetch } = scriptedFetch(
      () => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" }),
      () => json({ message: "ok", data: {} }),
    );
    await makeCore({ fetch, logger, logLevel: "debug" }).call(GET_THING, { path: { id: "t1" } }, undefined);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join("\n")).not.toContain(KEY);
    expect(lines.join("\n")).toContain("[redacted]");
  });
});

describe("the API key never leaks, in any encoding", () => {
  const GET_KEY = op({ method: "GET", path: "/console/v1/keys/{id}", carriesSecrets: true, secretPathParams: ["id"] });
  const everyEncoding = (secret: string) =>
    encodings(secret)
      .map(([form, encoded]) => `${form}: ${encoded}`)
      .join("; ");

  async function failWith(response: () => Response, operation = GET_THING, pathValue = "t1"): Promise<Error> {
    const { fetch } = scriptedFetch(response);
    const call = makeCore({ fetch, maxRetries: 0, apiKey: SPECIAL_KEY }).call(operation, { path: pathOf(operation, pathValue) }, undefined);
    return call.then(
      () => {
        throw new Error("expected the call to fail");
      },
      (error: unknown) => error as Error,
    );
  }

  function expectClean(error: Error, markers = KEY_MARKERS): void {
    const texts = [error.message, String(error.stack), inspect(error, { depth: 10 }), JSON.stringify(error), String(JSON.stringify((error as APIError).body))];
    for (const marker of markers) for (const text of texts) expect(text).not.toContain(marker);
  }

  it("not from a JSON error body that echoes it in every encoding, several times", async () => {
    const body = {
      status: 401,
      message: `Invalid key ${SPECIAL_KEY}, again: ${SPECIAL_KEY}`,
      echoes: Object.fromEntries(encodings(SPECIAL_KEY)),
      request: JSON.stringify({ headers: { "STATSIG-API-KEY": SPECIAL_KEY } }),
      [SPECIAL_KEY]: "as a property name",
    };
    const error = (await failWith(() => json(body, 401))) as APIError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expectClean(error);
    expect(error.message).toContain("Invalid key [redacted], again: [redacted]");
    expect(Object.values((error.body as { echoes: Record<string, string> }).echoes).every((value) => value === "[redacted]")).toBe(true);
  });

  it("not from a JSON body nested too deep to walk: the error keeps the scrubbed text", async () => {
    const depth = 100_000;
    const text = `${"[".repeat(depth)}"${SPECIAL_KEY}"${"]".repeat(depth)}`;
    const error = (await failWith(() => new Response(text, { status: 400 }))) as APIError;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.body).toBe(`${"[".repeat(depth)}"[redacted]"${"]".repeat(depth)}`);
  });

  it("not from a body that is not JSON (an HTML page from a proxy)", async () => {
    const page = `<html><body>Bad key. ${everyEncoding(SPECIAL_KEY)}. ${everyEncoding(SPECIAL_KEY)}</body></html>`;
    const error = await failWith(() => new Response(page, { status: 502, headers: { "content-type": "text/html" } }));
    expect(error).toBeInstanceOf(InternalServerError);
    expectClean(error);
  });

  it("not from a body cut off in the middle of the key", async () => {
    for (const cut of [16, SPECIAL_KEY.length - 2]) {
      const error = await failWith(() => new Response(`{"message":"bad key ${SPECIAL_KEY.slice(0, cut)}`, { status: 400 }));
      expect(String((error as APIError).body)).toMatch(/\[redacted\]$/);
      expectClean(error, [KEY_MARKERS[0]!]);
    }
  });

  it("not from response headers that echo it: error.headers is a scrubbed copy", async () => {
    const headers = new Headers({
      "x-request-id": "r1",
      "x-echo": SPECIAL_KEY,
      "x-echo-url": `key=${encodeURIComponent(SPECIAL_KEY)}`,
      "x-echo-json": JSON.stringify(SPECIAL_KEY),
    });
    headers.append("set-cookie", "session=s3cr3t-cookie");
    const error = (await failWith(() => new Response(JSON.stringify({ status: 403, message: "no" }), { status: 403, headers }))) as APIError;
    expectClean(error);
    expect(inspect(error, { depth: 10 })).not.toContain("s3cr3t-cookie");
    expect(error.headers.get("x-request-id")).toBe("r1");
    expect(error.headers.get("x-echo")).toBe("[redacted]");
    expect(error.headers.get("x-echo-url")).toBe("key=[redacted]");
  });

  it("not from a success body that does not parse (the APIResponseError preview)", async () => {
    const error = await failWith(() => new Response(`oops ${everyEncoding(SPECIAL_KEY)}`, { status: 200 }));
    expect(error).toBeInstanceOf(APIResponseError);
    expect(error.message).toContain("[redacted]");
    expectClean(error);
  });

  it("not from the message of a connection error whose fetch error quotes it", async () => {
    const error = await failWith(() => {
      throw new TypeError(`invalid header value ${JSON.stringify(SPECIAL_KEY)} (${encodeURIComponent(SPECIAL_KEY)})`);
    });
    // A TypeError with no network code is a request that can never be sent: refused, not retried.
    expect(error).toBeInstanceOf(InvalidRequestError);
    for (const marker of KEY_MARKERS) expect(error.message).not.toContain(marker);
  });

  it("nor a secret path parameter, from the path, the message, the body or the headers", async () => {
    const echo = () => json({ status: 404, message: `No key ${PATH_SECRET}`, seen: everyEncoding(PATH_SECRET) }, 404, { "x-echo": encodeURIComponent(PATH_SECRET) });
    const error = (await failWith(echo, GET_KEY, PATH_SECRET)) as APIError;
    expect(error.path).toBe("/console/v1/keys/[redacted]");
    expectClean(error, PATH_MARKERS);
  });

  it("nor anything in a debug log, whatever the encoding", async () => {
    const lines: string[] = [];
    const record = (message: string, fields?: object) => void lines.push(message + JSON.stringify(fields));
    const { fetch } = scriptedFetch(
      () => {
        throw Object.assign(new TypeError(`fetch failed for ${encodeURIComponent(SPECIAL_KEY)}`), { cause: { code: "ECONNRESET" } });
      },
      () => json({ status: 503, message: everyEncoding(SPECIAL_KEY) }, 503, { "retry-after": "0" }),
      () => json({ message: "ok", data: {} }),
    );
    const core = makeCore({ fetch, apiKey: SPECIAL_KEY, logLevel: "debug", logger: { error: record, warn: record, info: record, debug: record }, retry: { initialDelayMs: 0 } });
    await core.call(GET_THING, { path: { id: "t1" } }, { headers: { "x-echo-key": JSON.stringify(SPECIAL_KEY) } });
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const marker of KEY_MARKERS) expect(lines.join("\n")).not.toContain(marker);
  });
});

describe("what an error says about itself", () => {
  it("every class names itself (error.name is what logs and util.inspect show)", () => {
    const where = { status: 200, method: "GET", path: "/console/v1/things" };
    const api = { status: 400, body: undefined, method: "GET", path: "/p", headers: new Headers() };
    const errors: [Error, string][] = [
      [new StatsigConsoleError("x"), "StatsigConsoleError"],
      [new InvalidRequestError("x"), "InvalidRequestError"],
      [new APIError(api), "APIError"],
      [new BadRequestError(api), "BadRequestError"],
      [new AuthenticationError(api), "AuthenticationError"],
      [new PermissionDeniedError(api), "PermissionDeniedError"],
      [new NotFoundError(api), "NotFoundError"],
      [new ConflictError(api), "ConflictError"],
      [new UnprocessableEntityError(api), "UnprocessableEntityError"],
      [new RateLimitError(api), "RateLimitError"],
      [new InternalServerError(api), "InternalServerError"],
      [new APIRedirectError({ ...api, status: 302, location: undefined }), "APIRedirectError"],
      [new APIConnectionError("x"), "APIConnectionError"],
      [new APITimeoutError("x"), "APITimeoutError"],
      [new RateLimitStoreError("x"), "RateLimitStoreError"],
      [new APIUserAbortError(), "APIUserAbortError"],
      [new APIResponseError("x", where), "APIResponseError"],
      [new APIResponseTooLargeError({ ...where, maxResponseBytes: 10 }), "APIResponseTooLargeError"],
      [new PaginationError("x", where), "PaginationError"],
      [new PaginationLimitError("x"), "PaginationLimitError"],
      [new ChunkedRequestError({ completedChunks: 0, totalChunks: 1, results: [], cause: "x" }), "ChunkedRequestError"],
    ];
    for (const [error, name] of errors) {
      expect(error.name).toBe(name);
      expect(inspect(error).startsWith(name)).toBe(true);
    }
  });

  it("a long non-JSON error body is quoted on one line, cut at 200 characters", async () => {
    const page = `<html>\n  <body>   Bad   Gateway</body>${"z".repeat(400)}</html>`;
    const error = (await callFailure(() => new Response(page, { status: 502 }))) as APIError;
    expect(error.message).toContain("failed with 502: non-JSON response body: <html> <body> Bad Gateway</body>zzz");
    expect(error.message.endsWith("z…")).toBe(true);
    expect(error.message.length).toBeLessThan(300);
    expect(error.body).toBe(page); // the body itself is kept whole
    const short = (await callFailure(() => new Response("  Bad Gateway \n", { status: 502 }))) as APIError;
    expect(short.message.endsWith("failed with 502: non-JSON response body: Bad Gateway")).toBe(true);
  });

  it("a JSON body without a usable message says so instead of an empty message", async () => {
    for (const body of [{ message: "" }, { message: 42 }, { status: 400 }, []]) {
      const error = (await callFailure(() => json(body, 400))) as APIError;
      expect(error.message).toBe("GET /console/v1/things/t1 failed with 400: HTTP 400 with an empty body");
    }
  });

  it("errors that are not a list are no validation errors", async () => {
    const error = (await callFailure(() => json({ status: 400, message: "Invalid", errors: "name is required" }, 400))) as BadRequestError;
    expect(error.errors).toEqual([]);
    expect(((await callFailure(() => new Response("oops", { status: 400 }))) as BadRequestError).errors).toEqual([]);
  });

  it("connection, abort, size and chunk errors say what happened", () => {
    const cause = new Error("reset");
    expect(new APIConnectionError("lost", { cause }).cause).toBe(cause);
    expect(new RateLimitStoreError("down", { cause }).cause).toBe(cause);
    expect(new APIUserAbortError().message).toBe("The request was aborted by the caller");
    expect(new APIUserAbortError(undefined, { cause }).cause).toBe(cause);
    const where = { status: 200, method: "GET", path: "/console/v1/things" };
    expect(new APIResponseTooLargeError({ ...where, maxResponseBytes: 1000 }).message).toBe(
      "GET /console/v1/things (200): the body grew past maxResponseBytes (1000 bytes); reading stopped and the connection was closed",
    );
    const declared = new APIResponseTooLargeError({ ...where, maxResponseBytes: 1000, declaredBytes: 5000 });
    expect(declared.message).toContain("the body declares 5000 bytes, over maxResponseBytes (1000 bytes)");
    expect(declared.maxResponseBytes).toBe(1000);
    expect(new ChunkedRequestError({ completedChunks: 2, totalChunks: 5, results: [1, 2], cause: new Error("boom") }).message).toBe("chunk 3 of 5 failed after 2 succeeded: boom");
    expect(new ChunkedRequestError({ completedChunks: 0, totalChunks: 1, results: [], cause: "plain" }).message).toBe("chunk 1 of 1 failed after 0 succeeded: plain");
  });
});

describe("error bodies at the edges", () => {
  it("a JSON null error body is an error without a body, not a TypeError", async () => {
    const error = (await callFailure(() => new Response("null", { status: 500 }))) as APIError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe("GET /console/v1/things/t1 failed with 500: HTTP 500 with an empty body");
    expect(error.errors).toEqual([]);
  });

  it("a message that is not a string is not used as one", async () => {
    const error = (await callFailure(() => json({ message: ["name is required"] }, 400))) as APIError;
    expect(error.message).toBe("GET /console/v1/things/t1 failed with 400: HTTP 400 with an empty body");
  });

  it("a text body of exactly 200 characters is quoted whole", async () => {
    const text = "w".repeat(200);
    const error = (await callFailure(() => new Response(text, { status: 502 }))) as APIError;
    expect(error.message.endsWith(`non-JSON response body: ${text}`)).toBe(true);
  });

  it("a chunk failure keeps the failure as its cause", () => {
    const cause = new Error("boom");
    expect(new ChunkedRequestError({ completedChunks: 1, totalChunks: 2, results: [1], cause }).cause).toBe(cause);
  });
});
