// How path parameters, queries and bodies are written (request-encoding.ts, openapi-fetch's
// serializers for the facade and `sc.raw` alike): ids are percent-encoded and can never reach
// another endpoint, and input that cannot be sent as meant is refused before anything is sent.
import { describe, expect, it } from "vitest";
import { InvalidRequestError, StatsigConsole } from "../../src/index.js";
import type { APIError } from "../../src/core/errors.js";
import { anyEnvelope, json, makeCore, okGate, op, scriptedFetch } from "../helpers/core.js";

const KEY = "console-request-encoding-test-key";

describe("path parameters", () => {
  it("percent-encodes ids so they can never reach another endpoint", async () => {
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    await sc.gates.get("a/b?c");
    await sc.gates.rules.delete("gate one", "rule#1");
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual(["/console/v1/gates/a%2Fb%3Fc", "/console/v1/gates/gate%20one/rules/rule%231"]);
    expect(new URL(calls[0]!.url).search).toBe("");
  });

  it.each(["", ".", ".."])("rejects the id %j before sending anything", async (id) => {
    const { fetch, calls } = scriptedFetch(okGate);
    await expect(new StatsigConsole({ apiKey: KEY, fetch }).gates.get(id)).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(0);
  });

  it("rejects an id that would reach an overlapping endpoint of the API", async () => {
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    // GET /metrics/{id} with id "list" is GET /metrics/list, a different operation.
    await expect(sc.metrics.get("list")).rejects.toThrow(/would reach metrics.list/);
    await expect(sc.experiments.get("assignment_sources")).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(0);
    await sc.metrics.get("list::event_count");
    expect(new URL(calls[0]!.url).pathname).toBe("/console/v1/metrics/list%3A%3Aevent_count");
  });

  it("rejects a non-string id from untyped callers", async () => {
    const { fetch } = scriptedFetch(okGate);
    const get = new StatsigConsole({ apiKey: KEY, fetch }).gates.get as (id: unknown) => Promise<unknown>;
    await expect(get.call(new StatsigConsole({ apiKey: KEY, fetch }).gates, { id: 1 })).rejects.toBeInstanceOf(InvalidRequestError);
  });
});

describe("the path guards hold for sc.raw too", () => {
  it("refuses an id that would reach another endpoint (GET /metrics/{id} with id list is GET /metrics/list)", async () => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    await expect(sc.raw.GET("/console/v1/metrics/{id}", { params: { path: { id: "list" } } })).rejects.toThrow(/metrics.get: these path parameters would reach metrics.list/);
    await expect(sc.metrics.get("list")).rejects.toThrow(/would reach metrics.list/);
    expect(calls).toHaveLength(0);
    // The real list, asked for by its own path, goes through; an id that only starts like it too.
    await sc.raw.GET("/console/v1/metrics/list");
    await sc.raw.GET("/console/v1/metrics/{id}", { params: { path: { id: "list::sum" } } });
    expect(calls.map((call) => new URL(call.url).pathname)).toEqual(["/console/v1/metrics/list", "/console/v1/metrics/list%3A%3Asum"]);
  });

  it.each(["", ".", ".."])("refuses the id %j before sending anything", async (id) => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    await expect(sc.raw.GET("/console/v1/gates/{id}", { params: { path: { id } } })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(sc.raw.DELETE("/console/v1/gates/{id}/rules/{ruleID}", { params: { path: { id: "g", ruleID: id } } })).rejects.toThrow(/path parameter "ruleID"/);
    expect(calls).toHaveLength(0);
  });

  it("refuses missing path parameters instead of sending a literal {id}", async () => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    const get = sc.raw.GET as (path: string, init?: object) => Promise<unknown>;
    await expect(get("/console/v1/gates/{id}")).rejects.toThrow(/gates.get: path parameter "id"/);
    await expect(get("/console/v1/gates/{id}", { params: { path: {} } })).rejects.toThrow(/path parameter "id" must be a non-empty string/);
    expect(calls).toHaveLength(0);
  });
});

describe("the facade and sc.raw send the same request for the same operation", () => {
  it("writes queries as before: arrays repeated, reserved characters encoded, undefined left out", async () => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    await sc.gates.list({ tags: ["a b", "c&d=e"], limit: 2, page: undefined });
    await sc.raw.GET("/console/v1/gates", { params: { query: { tags: ["a b", "c&d=e"], limit: 2, page: undefined } } });
    for (const call of calls) expect(new URL(call.url).search).toBe("?tags=a%20b&tags=c%26d%3De&limit=2");
  });

  it("refuses a null, an object or a non-finite number in a query, from either side, before sending", async () => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    const bad = [{ limit: null }, { limit: Number.NaN }, { tags: [{ nested: true }] }] as unknown as { limit?: number }[];
    for (const query of bad) {
      await expect(sc.gates.list(query)).rejects.toBeInstanceOf(InvalidRequestError);
      await expect(sc.raw.GET("/console/v1/gates", { params: { query } })).rejects.toBeInstanceOf(InvalidRequestError);
    }
    expect(calls).toHaveLength(0);
  });

  it("refuses a body JSON cannot write, from either side, before sending", async () => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch, rateLimit: false });
    const body = { name: "g", description: 1n } as unknown as { name: string };
    await expect(sc.gates.create(body)).rejects.toThrow(/cannot be serialised to JSON/);
    await expect(sc.raw.POST("/console/v1/gates", { body })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(0);
  });
});

describe("values a path or query cannot carry as given", () => {
  it("a number id from an untyped caller is sent as its digits; a non-finite one is refused", async () => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    const get = sc.raw.GET as (path: string, init?: object) => Promise<unknown>;
    await get("/console/v1/gates/{id}", { params: { path: { id: 42 } } });
    expect(new URL(calls[0]!.url).pathname).toBe("/console/v1/gates/42");
    await expect(get("/console/v1/gates/{id}", { params: { path: { id: Number.NaN } } })).rejects.toThrow(
      /^\/console\/v1\/gates\/\{id\}: path parameter "id" must be a non-empty string/,
    );
    expect(calls).toHaveLength(1);
  });

  it("a lone surrogate in an id or a query value is a typed error, not a URIError", async () => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    const lone = "gate\uD800";
    const idError = await sc.gates.get(lone).catch((error: unknown) => error);
    expect(idError).toBeInstanceOf(InvalidRequestError);
    expect((idError as Error).message).toMatch(/path parameter "id" is not valid Unicode text/);
    const queryError = await sc.raw.GET("/console/v1/gates", { params: { query: { tags: [lone] } } }).catch((error: unknown) => error);
    expect(queryError).toBeInstanceOf(InvalidRequestError);
    expect((queryError as Error).message).toMatch(/query parameter "tags" is not valid Unicode text/);
    expect(calls).toHaveLength(0);
  });

  it("writes booleans and numbers as text, leaves inherited properties out, and refuses a query that is not an object", async () => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    const get = sc.raw.GET as (path: string, init?: object) => Promise<unknown>;
    const query = Object.assign(Object.create({ inherited: "no" }) as object, { enabled: false, limit: 2.5 });
    await get("/console/v1/gates", { params: { query } });
    expect(new URL(calls[0]!.url).search).toBe("?enabled=false&limit=2.5");
    for (const bad of ["limit=2", [["limit", 2]]]) {
      await expect(get("/console/v1/gates", { params: { query: bad } })).rejects.toThrow(/the query must be an object/);
    }
    expect(calls).toHaveLength(1);
  });
});

describe("secret path parameters in what errors show", () => {
  it("only the secret segment is redacted; the query and the other segments stay readable", async () => {
    const GET_KEY_RULE = op({ method: "GET", path: "/console/v1/secret_keys/{key}/rules/{ruleID}", secretPathParams: ["key"] });
    const { fetch } = scriptedFetch(() => json({ status: 404, message: "no such rule" }, 404));
    const error: APIError = await makeCore({ fetch, maxRetries: 0 })
      .call(GET_KEY_RULE, { path: { key: "s3cr3t/value", ruleID: "r 1" }, query: { verbose: true } }, undefined)
      .then(
        () => {
          throw new Error("expected a 404");
        },
        (failure: unknown) => failure as APIError,
      );
    expect(error.path).toBe("/console/v1/secret_keys/[redacted]/rules/r%201?verbose=true");
    expect(error.message).not.toMatch(/s3cr3t/);
  });
});

describe("what a refusal says", () => {
  it("names the value's problem, and keeps the serialiser's error as the cause", async () => {
    const { fetch } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch, rateLimit: false });
    await expect(sc.gates.get(".")).rejects.toThrow(/path parameter "id" cannot be "\."/);
    await expect(sc.gates.list({ limit: Number.NaN })).rejects.toThrow(/query parameter "limit" must be a finite number/);
    await expect(sc.gates.list({ limit: null } as unknown as { limit: number })).rejects.toThrow(/query parameter "limit" has an unsupported value \(null\)/);
    await expect(sc.gates.list({ tags: [{}] } as unknown as { tags: string[] })).rejects.toThrow(/query parameter "tags" has an unsupported value \(object\)/);
    const bodyError = await sc.gates.create({ name: "g", description: 1n } as unknown as { name: string }).catch((error: unknown) => error);
    expect((bodyError as Error).cause).toBeInstanceOf(TypeError);
  });

  it("a raw request to a path the spec does not have is still sent (the escape hatch's purpose)", async () => {
    const { fetch, calls } = scriptedFetch(anyEnvelope);
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    const get = sc.raw.GET as (path: string, init?: object) => Promise<{ response: Response }>;
    const { response } = await get("/console/v1/not_in_the_spec");
    expect(response.status).toBe(200);
    expect(new URL(calls[0]!.url).pathname).toBe("/console/v1/not_in_the_spec");
  });

  it("a secret last segment without a query is scrubbed whole from an error body", async () => {
    const GET_SECRET = op({ method: "GET", path: "/console/v1/secret_things/{key}", secretPathParams: ["key"] });
    const { fetch } = scriptedFetch(() => json({ status: 404, message: "no key s3cr3tvalue" }, 404));
    const error: APIError = await makeCore({ fetch, maxRetries: 0 })
      .call(GET_SECRET, { path: { key: "s3cr3tvalue" } }, undefined)
      .then(
        () => {
          throw new Error("expected a 404");
        },
        (failure: unknown) => failure as APIError,
      );
    expect(error.body).toEqual({ status: 404, message: "no key [redacted]" });
  });
});
