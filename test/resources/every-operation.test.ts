// Every facade method, driven by the spec's own examples: each call must send exactly the
// request the spec describes and resolve to the example response, unwrapped as documented.
import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { Page } from "../../src/index.js";
import { BASE_URL, useMockApi, TEST_KEY } from "../helpers/mock-api.js";
import {
  exampleQuery,
  examplesOf,
  facadeMethod,
  manifest,
  parametersOf,
  requestBodyMedia,
  successMedia,
  type Json,
  type JsonObject,
  type ManifestOperation,
} from "../helpers/spec.js";

const api = useMockApi();

function pathValues(op: ManifestOperation): string[] {
  const params = parametersOf(op);
  return op.pathParams.map((name) => {
    const param = params.find((p) => p.in === "path" && p.name === name);
    const example = param?.example ?? (param?.schema as JsonObject | undefined)?.example;
    if (typeof example !== "string" && typeof example !== "number") throw new Error(`${op.operationId}: path parameter ${name} has no example`);
    return String(example);
  });
}

function expectedSearch(query: Record<string, Json> | undefined): string[] {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) pairs.push(`${name}=${String(item)}`);
  }
  return pairs.sort();
}

function expectedResult(op: ManifestOperation, example: Json): unknown {
  switch (op.response.kind) {
    case "data":
    case "list":
      return (example as JsonObject).data;
    case "message":
      return { message: (example as JsonObject).message };
    case "text":
    case "body":
      return example;
    case "none":
      return undefined;
  }
}

describe.each(manifest.operations.map((op) => [op.operationId, op] as const))("%s", (operationId, op) => {
  it("sends the documented request and resolves to the unwrapped example", async () => {
    const success = successMedia(op);
    const [responseExample] = examplesOf(success);
    if (op.response.kind !== "none" && responseExample === undefined) throw new Error(`${operationId}: the success response has no example`);
    api.respond(() =>
      op.response.kind === "text"
        ? new HttpResponse(String(responseExample), { status: op.response.status, headers: { "content-type": op.response.contentType ?? "text/plain" } })
        : op.response.kind === "none"
          ? new HttpResponse(null, { status: op.response.status })
          : HttpResponse.json(responseExample, { status: op.response.status }),
    );

    const values = pathValues(op);
    const [bodyExample] = examplesOf(requestBodyMedia(op));
    if (op.body?.required && bodyExample === undefined) throw new Error(`${operationId}: the request body has no example`);
    const query = exampleQuery(op);
    const options: Record<string, unknown> = { respectReviewSettings: true, headers: { "x-test-call": operationId } };
    const args: unknown[] = [...values];
    if (op.body) {
      args.push(bodyExample);
      if (query) options.query = query;
    } else if (op.queryParams.length > 0) {
      args.push(query);
    }
    args.push(options);

    const sc = api.client();
    const returned = await facadeMethod(sc, operationId)(...args);

    expect(api.requests).toHaveLength(1);
    const request = api.requests[0]!;
    expect(request.method).toBe(op.method);
    let index = 0;
    const expectedPath = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[index++]!));
    expect(request.url.pathname).toBe(expectedPath);
    expect(`${request.url.origin}`).toBe(BASE_URL);
    expect([...request.url.searchParams].map(([k, v]) => `${k}=${v}`).sort()).toEqual(expectedSearch(query));
    expect(request.headers.get("statsig-api-key")).toBe(TEST_KEY);
    expect(request.headers.get("statsig-api-version")).toBe("20240601");
    expect(request.headers.get("x-test-call")).toBe(operationId);
    expect(request.headers.get("x-respect-review-settings")).toBe(op.method === "GET" ? null : "true");
    if (bodyExample !== undefined) {
      expect(request.headers.get("content-type")).toBe("application/json");
      expect(JSON.parse(request.bodyText)).toEqual(bodyExample);
    } else {
      expect(request.bodyText).toBe("");
    }

    const expected = expectedResult(op, responseExample as Json);
    if (op.response.kind === "list") {
      expect(returned).toBeInstanceOf(Page);
      expect((returned as Page<unknown>).data).toEqual(expected);
    } else {
      expect(returned).toEqual(expected);
    }
  });
});
