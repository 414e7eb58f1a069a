// Shell completion: the scripts for bash, zsh and fish, and the candidates the CLI answers with
// (`__complete`), which follow the command tree built from the spec.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { manifest } from "../helpers/spec.js";
import { runInProcess } from "./helpers.js";

async function complete(...words: string[]): Promise<string[]> {
  const run = await runInProcess(["__complete", ...words]);
  expect(run.exitCode).toBe(0);
  return run.stdout.split("\n").filter((line) => line !== "");
}

describe("completion candidates", () => {
  it("offers groups at the top, and the commands of a group", async () => {
    const top = await complete("");
    expect(top).toEqual(expect.arrayContaining(["gates", "segments", "dynamic-configs", "completion"]));
    const groups = new Set(
      manifest.operations.map((operation) =>
        operation.operationId
          .split(".")[0]
          ?.replace(/([a-z0-9])([A-Z])/g, "$1-$2")
          .toLowerCase(),
      ),
    );
    expect(top.sort()).toEqual([...groups, "completion", "simulate", "verify"].sort());
    expect(await complete("ga")).toEqual(["gates"]);
    expect(await complete("gates", "ru")).toEqual(["rules"]);
    expect(await complete("segments", "id-list", "add")).toEqual(["add", "add-in-chunks"]);
  });

  it("offers a command's own options and the global ones", async () => {
    expect(await complete("gates", "list", "--ty")).toEqual(["--type", "--typeReason"]);
    expect(await complete("gates", "list", "--dr")).toEqual(["--dry-run"]);
    expect(await complete("gates", "get", "g", "--api")).toEqual(["--api-key-file"]); // --api-key is hidden
  });

  it("offers an option's allowed values", async () => {
    expect(await complete("gates", "list", "--output", "")).toEqual(["json", "ndjson", "table"]);
    expect(await complete("--output", "t")).toEqual(["table"]);
    expect(await complete("completion", "")).toEqual([]);
  });

  it("skips option values when finding the command", async () => {
    expect(await complete("--base-url", "http://x", "gates", "rules", "")).toEqual(expect.arrayContaining(["create", "patch", "delete"]));
  });
});

describe("completion scripts", () => {
  it.each(["bash", "zsh", "fish"])("%s: a script that asks the CLI for candidates", async (shell) => {
    const run = await runInProcess(["completion", shell]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("statsig-console __complete");
    if (shell === "bash") {
      expect(run.stdout).toContain("complete -o default -F _statsig_console statsig-console");
      expect(spawnSync("bash", ["-n"], { input: run.stdout, encoding: "utf8" }).status).toBe(0);
    }
    if (shell === "zsh") expect(run.stdout).toMatch(/^#compdef statsig-console\n[\s\S]*compdef _statsig_console statsig-console\n$/);
    if (shell === "fish") expect(run.stdout).toContain("complete -c statsig-console -f -a '(statsig-console __complete (commandline -opc)[2..-1] (commandline -ct))'");
  });

  it("an unknown shell is bad input", async () => {
    const run = await runInProcess(["completion", "tcsh"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("tcsh");
  });
});
