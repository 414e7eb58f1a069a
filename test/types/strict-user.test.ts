// Users who compile with exactOptionalPropertyTypes and noUncheckedIndexedAccess: their code
// (test/types/strict/user-code.ts) must compile, and the wrong calls in it must still fail. The
// types accept an explicit `undefined` wherever a field is optional on the way in, so the runtime
// must treat it exactly like a field left out: the second part checks what goes on the wire.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { StatsigConsole } from "../../src/index.js";
import { bodyText, json, scriptedFetch } from "../helpers/core.js";
import { repoRoot } from "../helpers/spec.js";

afterEach(() => vi.unstubAllEnvs());

describe("strict users' compiler settings", () => {
  it("user code compiles under exactOptionalPropertyTypes and noUncheckedIndexedAccess, and every expected error is still an error", () => {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    const run = spawnSync(process.execPath, [tsc, "-p", join(repoRoot, "test", "types", "strict", "tsconfig.json")], { cwd: repoRoot, encoding: "utf8" });
    // An unused @ts-expect-error is reported as an error too, so a wrong call that started to
    // compile fails this test just as a right call that stopped compiling does.
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  }, 120_000);
});

describe("an explicit undefined means the same as leaving the field out", () => {
  const gate = { id: "g1", name: "g1" };
  const maybe = <T>(value: T | undefined): T | undefined => value;

  it("client options: defaults apply", async () => {
    vi.stubEnv("STATSIG_CONSOLE_API_KEY", "console-from-env");
    const { fetch, calls } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" }));
    const sc = new StatsigConsole({
      apiKey: undefined,
      baseUrl: undefined,
      apiVersion: undefined,
      fetch,
      timeoutMs: undefined,
      maxRetries: undefined,
      retry: { initialDelayMs: undefined, maxDelayMs: undefined, maxRetryAfterMs: undefined },
      rateLimit: undefined,
      logger: undefined,
      logLevel: undefined,
      headers: undefined,
      respectReviewSettings: undefined,
      maxPages: undefined,
    });
    await expect(sc.gates.get("g1")).rejects.toMatchObject({ status: 503 });
    expect(calls.map((call) => call.url)).toEqual(Array(3).fill("https://statsigapi.net/console/v1/gates/g1")); // 1 + the default 2 retries
    const headers = new Headers(calls[0]!.init?.headers);
    expect(headers.get("statsig-api-key")).toBe("console-from-env");
    expect(headers.get("statsig-api-version")).toBe("20240601");
  });

  it("per-call options: the client's settings apply", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" }));
    const sc = new StatsigConsole({ apiKey: "console-k", fetch, maxRetries: 1, respectReviewSettings: true });
    await expect(
      sc.gates.enable("g1", { signal: maybe<AbortSignal>(undefined), timeoutMs: undefined, maxRetries: undefined, headers: undefined, respectReviewSettings: undefined }),
    ).rejects.toMatchObject({ status: 503 });
    expect(calls).toHaveLength(2); // the client's maxRetries: 1
    expect(new Headers(calls[0]!.init?.headers).get("x-respect-review-settings")).toBe("true");
  });

  it("query fields are left out of the URL, in the facade and in sc.raw", async () => {
    const page = { message: "ok", data: [gate], pagination: { itemsPerPage: 2, pageNumber: 1, totalItems: 1, nextPage: null, previousPage: null } };
    const { fetch, calls } = scriptedFetch(() => json(page));
    const sc = new StatsigConsole({ apiKey: "console-k", fetch });
    await sc.gates.list({ limit: undefined, tags: maybe<string[]>(undefined), includeArchived: undefined, page: undefined });
    await sc.gates.list({ limit: 2, tags: undefined });
    expect(await sc.gates.list({ tags: undefined }).toArray({ maxItems: undefined })).toEqual([gate]);
    await sc.dynamicConfigs.update("cfg", { description: "d", isEnabled: true, rules: [] }, { query: { dryRun: undefined } });
    await sc.raw.GET("/console/v1/gates", { params: { query: { limit: undefined, tags: maybe<string[]>(undefined) } } });
    expect(calls.map((call) => call.url.replace("https://statsigapi.net", ""))).toEqual([
      "/console/v1/gates",
      "/console/v1/gates?limit=2",
      "/console/v1/gates",
      "/console/v1/dynamic_configs/cfg",
      "/console/v1/gates",
    ]);
  });

  it("body fields are left out of the JSON, nested ones too", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ message: "ok", data: gate }, 201));
    const sc = new StatsigConsole({ apiKey: "console-k", fetch });
    await sc.gates.create({
      name: "g1",
      description: maybe<string>(undefined),
      tags: undefined,
      rules: [{ name: "r", passPercentage: 5, conditions: [{ type: "custom_field", field: "plan", operator: "any", targetValue: undefined }], environments: undefined }],
    });
    await sc.raw.POST("/console/v1/gates", { body: { name: "g2", description: undefined } });
    expect(JSON.parse(String(bodyText(calls[0]!.init)))).toEqual({
      name: "g1",
      rules: [{ name: "r", passPercentage: 5, conditions: [{ type: "custom_field", field: "plan", operator: "any" }] }],
    });
    expect(Object.keys(JSON.parse(String(bodyText(calls[0]!.init))) as object)).toEqual(["name", "rules"]);
    expect(bodyText(calls[1]!.init)).toBe('{"name":"g2"}');
  });
});
