// The client as a whole (src/client.ts over client-core.ts): the key and options it reads, the
// headers it sends, resolving fetch per request, per-call signals, and that building a client starts
// nothing. Each part of the request path has its own file beside this one.
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it, vi } from "vitest";
import { APIUserAbortError, InvalidRequestError, StatsigConsole, type FetchFunction } from "../../src/index.js";
import { okGate, scriptedFetch } from "../helpers/core.js";
import { repoRoot } from "../helpers/spec.js";

const KEY = "console-client-test-key";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

describe("authentication and options", () => {
  it("needs a key, with a clear error before any request", () => {
    vi.stubEnv("STATSIG_CONSOLE_API_KEY", "");
    expect(() => new StatsigConsole()).toThrow(InvalidRequestError);
    expect(() => new StatsigConsole()).toThrow(/STATSIG_CONSOLE_API_KEY/);
  });

  it("reads STATSIG_CONSOLE_API_KEY", async () => {
    vi.stubEnv("STATSIG_CONSOLE_API_KEY", "console-from-env");
    const { fetch, calls } = scriptedFetch(okGate);
    await new StatsigConsole({ fetch }).gates.get("g1");
    expect(new Headers(calls[0]!.init?.headers).get("statsig-api-key")).toBe("console-from-env");
  });

  it.each([
    ["secret-abcdef123", /Server Secret/],
    ["client-abcdef123", /Client SDK/],
  ])("rejects %s, which is not a Console key, without echoing it", (key, message) => {
    let error: unknown;
    try {
      new StatsigConsole({ apiKey: key });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(key);
  });

  it("rejects invalid numeric options", () => {
    expect(() => new StatsigConsole({ apiKey: KEY, timeoutMs: -1 })).toThrow(InvalidRequestError);
    expect(() => new StatsigConsole({ apiKey: KEY, maxRetries: 1.5 })).toThrow(InvalidRequestError);
    expect(() => new StatsigConsole({ apiKey: KEY, maxPages: 0 })).toThrow(InvalidRequestError);
    expect(() => new StatsigConsole({ apiKey: KEY, rateLimit: { mutations: [{ limit: 0, intervalMs: 1 }] } })).toThrow(RangeError);
  });

  it("sends the version header, custom headers and uses baseUrl", async () => {
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = new StatsigConsole({ apiKey: KEY, fetch, baseUrl: "http://localhost:9999/", apiVersion: "20250101", headers: { "x-team": "platform" } });
    await sc.gates.get("g1");
    expect(calls[0]!.url).toBe("http://localhost:9999/console/v1/gates/g1");
    const headers = new Headers(calls[0]!.init?.headers);
    expect(headers.get("statsig-api-version")).toBe("20250101");
    expect(headers.get("x-team")).toBe("platform");
  });

  it("lets a caller's header replace ours whatever its case, and never sends two values", async () => {
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = new StatsigConsole({ apiKey: KEY, fetch, headers: { "Statsig-Api-Version": "20250101" } });
    await sc.gates.get("g1", { headers: { Accept: "application/json; charset=utf-8", "STATSIG-API-KEY": "console-not-used" } });
    await sc.raw.GET("/console/v1/gates/{id}", { params: { path: { id: "g1" } }, headers: { "STATSIG-API-VERSION": "20250101" } });
    for (const call of calls) {
      const headers = new Headers(call.init?.headers);
      expect(headers.get("statsig-api-version")).toBe("20250101");
      expect(headers.get("statsig-api-key")).toBe(KEY);
    }
    expect(new Headers(calls[0]!.init?.headers).get("accept")).toBe("application/json; charset=utf-8");
  });

  it("resolves globalThis.fetch on every request, not at construction", async () => {
    const sc = new StatsigConsole({ apiKey: KEY, rateLimit: false });
    const first = scriptedFetch(okGate);
    vi.stubGlobal("fetch", first.fetch);
    await sc.gates.get("g1");
    const second = scriptedFetch(okGate);
    vi.stubGlobal("fetch", second.fetch);
    await sc.gates.get("g1");
    expect(first.calls).toHaveLength(1);
    expect(second.calls).toHaveLength(1);
  });

  it("sends x-respect-review-settings on mutations only when asked", async () => {
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = new StatsigConsole({ apiKey: KEY, fetch, respectReviewSettings: true, rateLimit: false });
    await sc.gates.get("g1");
    await sc.gates.create({ name: "new_gate" });
    await sc.gates.create({ name: "other_gate" }, { respectReviewSettings: false });
    const flags = calls.map((c) => new Headers(c.init?.headers).get("x-respect-review-settings"));
    expect(flags).toEqual([null, "true", null]);
  });
});

describe("results", () => {
  it("per-call signal aborts", async () => {
    const hang: FetchFunction = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    const controller = new AbortController();
    const call = new StatsigConsole({ apiKey: KEY, fetch: hang }).gates.get("g1", { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(APIUserAbortError);
  });
});

describe("import and construction", () => {
  it("start no timers and open nothing, so a script that only builds a client exits at once", () => {
    const code = `
      const { StatsigConsole } = await import("./src/index.ts");
      new StatsigConsole({ apiKey: "console-idle" });
      console.log(JSON.stringify(process.getActiveResourcesInfo().filter((r) => r !== "PipeWrap" && r !== "TTYWrap")));
    `;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { cwd: repoRoot, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual([]);
  });
});
