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
