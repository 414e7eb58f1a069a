import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIError,
  APIResponseError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  StatsigConsoleError,
  UnprocessableEntityError,
} from "../../src/core/errors.js";
import { CREATE_THING, GET_THING, KEY, json, makeCore, scriptedFetch } from "../helpers/core.js";

async function failure(response: () => Response, operation = GET_THING): Promise<unknown> {
  const { fetch } = scriptedFetch(response);
  return makeCore({ fetch, maxRetries: 0 }).call(operation, operation.pathParams.map(() => "t1"), undefined, undefined).then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

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
    const error = (await failure(() => json({ status, message: `problem ${status}` }, status, { "x-request-id": "r1" }))) as APIError;
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
    const error = (await failure(() => json({ status: 418, message: "teapot" }, 418))) as APIError;
    expect(error.constructor).toBe(APIError);
    expect(error.status).toBe(418);
  });

  it("keeps validation errors", async () => {
    const body = { status: 400, message: "Invalid", errors: [{ property: "name", errorMessage: "required" }] };
    const error = (await failure(() => json(body, 400))) as BadRequestError;
    expect(error.errors).toEqual([{ property: "name", errorMessage: "required" }]);
  });

  it("an HTML 502 page from a proxy becomes InternalServerError with the text", async () => {
    const error = (await failure(() => new Response("<html><body>502 Bad Gateway</body></html>", { status: 502, headers: { "content-type": "text/html" } }))) as APIError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.body).toContain("502 Bad Gateway");
    expect(error.message).toContain("502 Bad Gateway");
  });

  it("an empty error body still gives a typed error with a useful message", async () => {
    const error = (await failure(() => new Response(null, { status: 404 }))) as APIError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.body).toBeUndefined();
    expect(error.message).toContain("404");
  });

  it("a truncated JSON success body is an APIResponseError, not a SyntaxError", async () => {
    const error = await failure(() => new Response('{"message":"ok","data":{"id":', { status: 200 }));
    expect(error).toBeInstanceOf(APIResponseError);
    expect(error).not.toBeInstanceOf(SyntaxError);
  });

  it("an empty or non-envelope success body is an APIResponseError", async () => {
    expect(await failure(() => new Response("", { status: 200 }))).toBeInstanceOf(APIResponseError);
    expect(await failure(() => json([1, 2, 3]))).toBeInstanceOf(APIResponseError);
    expect(await failure(() => json({ message: "no data" }))).toBeInstanceOf(APIResponseError);
  });

  it("a failed connection is an APIConnectionError", async () => {
    const error = await failure(() => {
      throw new TypeError("fetch failed");
    });
    expect(error).toBeInstanceOf(APIConnectionError);
  });
});

describe("the API key never leaks", () => {
  it("not from an error whose body echoes the key", async () => {
    const error = (await failure(() => json({ status: 401, message: `Invalid key ${KEY}` }, 401), CREATE_THING)) as APIError;
    for (const text of [error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: 10 }), JSON.stringify(error.body)]) {
      expect(text).not.toContain(KEY);
    }
    expect(error.message).toContain("[redacted]");
  });

  it("not from a connection error", async () => {
    const error = (await failure(() => {
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
    const { fetch } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" }), () => json({ message: "ok", data: {} }));
    await makeCore({ fetch, logger, logLevel: "debug" }).call(GET_THING, ["t1"], undefined, undefined);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join("\n")).not.toContain(KEY);
    expect(lines.join("\n")).toContain("[redacted]");
  });
});
