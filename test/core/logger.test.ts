// Logging as the README promises it: silent by default, `STATSIG_CONSOLE_LOG` or `logLevel` turn it
// on, each level lets through its own lines and the more severe ones, and the option wins over the
// environment. One scenario makes lines at every level the client uses: a 503 that is retried
// (debug per attempt, info for the retry), then a 429 whose Retry-After exceeds the cap (warn).
import { afterEach, describe, expect, it, vi } from "vitest";
import { RateLimitError, StatsigConsole, type ClientOptions, type LogLevel, type Logger } from "../../src/index.js";
import { consoleLogger, createLevelledLogger, isLogLevel, resolveLogLevel } from "../../src/core/transport/logger.js";
import { json, okGate, scriptedFetch } from "../helpers/core.js";

const KEY = "console-logging-test-key";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

type Level = Exclude<LogLevel, "off">;

function recordingLogger() {
  const lines: { level: Level; message: string }[] = [];
  const sink = (level: Level) => (message: string) => void lines.push({ level, message });
  const logger: Logger = { error: sink("error"), warn: sink("warn"), info: sink("info"), debug: sink("debug") };
  return { logger, lines };
}

/** Runs the scenario; returns the levels of the lines logged, in order. */
async function levelsLogged(options: ClientOptions): Promise<Level[]> {
  const { logger, lines } = recordingLogger();
  const { fetch } = scriptedFetch(
    () => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" }),
    () => json({ message: "ok", data: { id: "g1", name: "g1" } }),
    () => json({ status: 429, message: "slow down" }, 429, { "retry-after": "3600" }),
  );
  const sc = new StatsigConsole({ apiKey: KEY, fetch, rateLimit: false, logger, ...options });
  await sc.gates.get("g1");
  await expect(sc.gates.get("g1")).rejects.toBeInstanceOf(RateLimitError);
  return lines.map((line) => line.level);
}

const EVERY_LINE: Level[] = ["debug", "info", "debug", "debug", "warn"];

describe("log levels", () => {
  it.each<[LogLevel, Level[]]>([
    ["debug", EVERY_LINE],
    ["info", ["info", "warn"]],
    ["warn", ["warn"]],
    ["error", []],
    ["off", []],
  ])("logLevel %s lets through exactly its level and the more severe ones", async (logLevel, expected) => {
    vi.stubEnv("STATSIG_CONSOLE_LOG", "");
    expect(await levelsLogged({ logLevel })).toEqual(expected);
  });

  it("is silent by default, though the same calls make a line at every level once enabled", async () => {
    vi.stubEnv("STATSIG_CONSOLE_LOG", "");
    expect(await levelsLogged({})).toEqual([]);
    delete process.env.STATSIG_CONSOLE_LOG;
    expect(await levelsLogged({})).toEqual([]);
  });

  it.each<[string, Level[]]>([
    ["debug", EVERY_LINE],
    ["warn", ["warn"]],
    ["off", []],
    ["verbose", []], // not a level: stays silent rather than failing
  ])("STATSIG_CONSOLE_LOG=%s sets the level when logLevel is not given", async (value, expected) => {
    vi.stubEnv("STATSIG_CONSOLE_LOG", value);
    expect(await levelsLogged({})).toEqual(expected);
  });

  it("the logLevel option wins over STATSIG_CONSOLE_LOG", async () => {
    vi.stubEnv("STATSIG_CONSOLE_LOG", "debug");
    expect(await levelsLogged({ logLevel: "off" })).toEqual([]);
    vi.stubEnv("STATSIG_CONSOLE_LOG", "off");
    expect(await levelsLogged({ logLevel: "warn" })).toEqual(["warn"]);
  });
});

describe("the default logger", () => {
  it("writes to the console, each line at its own console level and prefixed with the package name", async () => {
    vi.stubEnv("STATSIG_CONSOLE_LOG", "info");
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const debug = vi.spyOn(console, "debug").mockImplementation(() => {});
    const { fetch } = scriptedFetch(
      () => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" }),
      () => json({ message: "ok", data: { id: "g1", name: "g1" } }),
      () => json({ status: 429, message: "slow down" }, 429, { "retry-after": "3600" }),
    );
    const sc = new StatsigConsole({ apiKey: KEY, fetch, rateLimit: false });
    await sc.gates.get("g1");
    await expect(sc.gates.get("g1")).rejects.toBeInstanceOf(RateLimitError);
    expect(info).toHaveBeenCalledTimes(1);
    expect(String(info.mock.calls[0]![0])).toMatch(/^\[statsig-console\] GET \/console\/v1\/gates\/g1: 503, retrying/);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/^\[statsig-console\] GET \/console\/v1\/gates\/g1: Retry-After/);
    expect(debug).not.toHaveBeenCalled();
  });
});

describe("logging", () => {
  it("is silent by default", async () => {
    const spies = (["error", "warn", "info", "debug", "log"] as const).map((level) => vi.spyOn(console, level).mockImplementation(() => {}));
    vi.stubEnv("STATSIG_CONSOLE_LOG", "");
    const { fetch } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" }), okGate);
    await new StatsigConsole({ apiKey: KEY, fetch }).gates.get("g1");
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    for (const spy of spies) spy.mockRestore();
  });

  it("STATSIG_CONSOLE_LOG=debug logs one line per attempt with method, path, status, attempt and duration", async () => {
    vi.stubEnv("STATSIG_CONSOLE_LOG", "debug");
    const lines: { message: string; fields?: Record<string, unknown> }[] = [];
    const record = (message: string, fields?: Record<string, unknown>) => void lines.push({ message, ...(fields ? { fields } : {}) });
    const logger = { error: record, warn: record, info: record, debug: record };
    const { fetch } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" }), okGate);
    await new StatsigConsole({ apiKey: KEY, fetch, logger }).gates.get("g1");
    const attempts = lines.filter((l) => l.fields?.attempt !== undefined);
    expect(attempts.map((l) => [l.fields!.method, l.fields!.path, l.fields!.status, l.fields!.attempt])).toEqual([
      ["GET", "/console/v1/gates/g1", 503, 1],
      ["GET", "/console/v1/gates/g1", 200, 2],
    ]);
    expect(typeof attempts[0]!.fields!.durationMs).toBe("number");
    expect(JSON.stringify(lines)).not.toContain(KEY);
  });

  it("redacts the credential headers a caller passes in debug lines, and still sends them", async () => {
    const lines: { message: string; fields?: Record<string, unknown> }[] = [];
    const record = (message: string, fields?: Record<string, unknown>) => void lines.push({ message, ...(fields ? { fields } : {}) });
    const { fetch, calls } = scriptedFetch(okGate);
    const sc = new StatsigConsole({
      apiKey: KEY,
      fetch,
      logLevel: "debug",
      logger: { error: record, warn: record, info: record, debug: record },
      headers: { "Proxy-Authorization": "Basic client-proxy-secret", "X-API-Key": "client-gateway-secret" },
    });
    await sc.gates.get("g1", { headers: { Authorization: "Bearer call-bearer-secret", Cookie: "session=call-cookie-secret" } });
    const logged = lines.find((line) => line.fields?.headers !== undefined)!.fields!.headers as Record<string, string>;
    expect(logged).toMatchObject({
      authorization: "[redacted]",
      cookie: "[redacted]",
      "proxy-authorization": "[redacted]",
      "x-api-key": "[redacted]",
      "statsig-api-key": "[redacted]",
      "statsig-api-version": "20240601",
    });
    const everything = JSON.stringify(lines);
    for (const secret of ["client-proxy-secret", "client-gateway-secret", "call-bearer-secret", "call-cookie-secret", KEY]) expect(everything).not.toContain(secret);
    const sent = new Headers(calls[0]!.init?.headers);
    expect([sent.get("authorization"), sent.get("cookie"), sent.get("proxy-authorization")]).toEqual([
      "Bearer call-bearer-secret",
      "session=call-cookie-secret",
      "Basic client-proxy-secret",
    ]);
  });

  it("logLevel: 'warn' drops debug and info lines", async () => {
    const lines: string[] = [];
    const record = (message: string) => void lines.push(message);
    const { fetch } = scriptedFetch(() => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" }), okGate);
    await new StatsigConsole({ apiKey: KEY, fetch, logger: { error: record, warn: record, info: record, debug: record }, logLevel: "warn" }).gates.get("g1");
    expect(lines).toEqual([]);
  });
});

describe("the default logger at every level", () => {
  it("sends each level to its console method, with fields only when there are some", () => {
    const methods = ["error", "warn", "info", "debug"] as const;
    const spies = Object.fromEntries(methods.map((method) => [method, vi.spyOn(console, method).mockImplementation(() => {})]));
    for (const method of methods) {
      consoleLogger[method](`a ${method} line`);
      consoleLogger[method](`a ${method} line with fields`, { status: 503 });
    }
    for (const method of methods) {
      expect(spies[method]!.mock.calls).toEqual([[`[statsig-console] a ${method} line`], [`[statsig-console] a ${method} line with fields`, { status: 503 }]]);
    }
  });
});

describe("the levelled logger", () => {
  it("says which levels are on, so that a debug line's fields are not even built at warn", () => {
    const { logger } = recordingLogger();
    const atWarn = createLevelledLogger("warn", logger, [KEY]);
    expect((["error", "warn", "info", "debug"] as const).map((level) => atWarn.enabled(level))).toEqual([true, true, false, false]);
    expect(createLevelledLogger("off", logger, [KEY]).enabled("error")).toBe(false);
  });

  it("a level that is not a string is not a level, whatever it prints as", () => {
    // A config file read as YAML can give a list where a string was meant: ["debug"] prints as "debug".
    expect(isLogLevel(["debug"])).toBe(false);
    expect(isLogLevel("debug")).toBe(true);
    expect(() => new StatsigConsole({ apiKey: KEY, logLevel: ["debug"] as unknown as LogLevel })).toThrow(/logLevel/);
  });

  it("STATSIG_CONSOLE_LOG is read without regard to case or surrounding spaces", () => {
    vi.stubEnv("STATSIG_CONSOLE_LOG", "  Debug \n");
    expect(resolveLogLevel(undefined)).toBe("debug");
    expect(resolveLogLevel("warn")).toBe("warn");
  });
});
