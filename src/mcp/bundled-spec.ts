// The bundled OpenAPI document the tools are built from, read from the package's own
// `statsig-console-api/openapi.json` export on first use: the spec ships once, as that file, and
// is not inlined into the MCP entry's JavaScript (1.5 MB), nor read by programs that never list tools.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export interface BundledSpec {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown>; parameters: Record<string, unknown> };
}

let spec: BundledSpec | undefined;

export function bundledSpec(): BundledSpec {
  // Resolved by the package's own name (self-reference through `exports`), which works from any file of the package, built or not.
  spec ??= JSON.parse(readFileSync(createRequire(import.meta.url).resolve("statsig-console-api/openapi.json"), "utf8")) as BundledSpec;
  return spec;
}
