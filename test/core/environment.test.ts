// Environment variables where the runtime has them, undefined where it has none (environment.ts).
import { afterEach, describe, expect, it, vi } from "vitest";
import { environmentVariable } from "../../src/core/environment.js";

describe("environmentVariable", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("reads the process environment", () => {
    vi.stubEnv("STATSIG_CONSOLE_ENVIRONMENT_TEST", "on");
    expect(environmentVariable("STATSIG_CONSOLE_ENVIRONMENT_TEST")).toBe("on");
    expect(environmentVariable("STATSIG_CONSOLE_ENVIRONMENT_TEST_UNSET")).toBeUndefined();
  });

  it("is undefined, not a crash, in a runtime without process or without process.env (a browser)", () => {
    const holder = globalThis as { process?: unknown };
    const saved = holder.process;
    // Synchronous and restored at once: nothing else runs while process is swapped.
    try {
      holder.process = undefined;
      const withoutProcess = environmentVariable("PATH");
      holder.process = {};
      const withoutEnv = environmentVariable("PATH");
      holder.process = saved;
      expect(withoutProcess).toBeUndefined();
      expect(withoutEnv).toBeUndefined();
    } finally {
      holder.process = saved;
    }
  });
});
