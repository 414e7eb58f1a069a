// The promise every facade method returns (api-promise.ts): it awaits to the parsed result, and
// `.withResponse()` gives the HTTP response too. (PagePromise's withResponse(): pagination.test.ts.)
import { describe, expect, it } from "vitest";
import { StatsigConsole } from "../../src/index.js";
import { GATE, json, scriptedFetch } from "../helpers/core.js";

const KEY = "console-api-promise-test-key";

describe("results", () => {
  it("resolve to the envelope's data, and withResponse() adds the response", async () => {
    const { fetch } = scriptedFetch(() => json({ message: "Gate read", data: GATE }, 200, { "x-request-id": "abc" }));
    const sc = new StatsigConsole({ apiKey: KEY, fetch });
    expect(await sc.gates.get("g1")).toEqual(GATE);
    const { data, response } = await sc.gates.get("g1").withResponse();
    expect(data).toEqual(GATE);
    expect(response.headers.get("x-request-id")).toBe("abc");
  });
});

describe("an APIPromise as a promise", () => {
  it("catch() sees a failure and finally() runs once, passing the result through", async () => {
    const { APIPromise } = await import("../../src/core/api-promise.js");
    const failing = new APIPromise<number>(Promise.reject(new Error("boom")));
    await expect(failing.catch((error: unknown) => (error as Error).message)).resolves.toBe("boom");
    let ran = 0;
    const ok = new APIPromise<number>(Promise.resolve({ data: 7, response: new Response(null) }));
    await expect(
      ok.finally(() => {
        ran += 1;
      }),
    ).resolves.toBe(7);
    expect(ran).toBe(1);
  });

  it("derives plain Promises, so a then() chain does not build APIPromises around plain values", async () => {
    const { APIPromise } = await import("../../src/core/api-promise.js");
    const result = new APIPromise<number>(Promise.resolve({ data: 1, response: new Response(null) }));
    const derived = result.then((value) => value + 1);
    expect(derived.constructor).toBe(Promise);
    await expect(derived).resolves.toBe(2);
  });
});
