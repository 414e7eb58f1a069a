// Lints the bundled document with the Redocly CLI (rules in redocly.yaml); errors fail generation.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SpecError } from "./load-spec.js";

export function lintBundledSpec(bundledJson: string, configFile: string): void {
  const dir = mkdtempSync(join(tmpdir(), "statsig-console-lint-"));
  try {
    const file = join(dir, "openapi.json");
    writeFileSync(file, bundledJson);
    const cli = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");
    const run = spawnSync(process.execPath, [cli, "lint", file, "--config", configFile, "--format", "stylish"], {
      encoding: "utf8",
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    });
    if (run.status !== 0) {
      throw new SpecError(`Redocly lint failed:\n${(run.stdout + run.stderr).trim()}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
