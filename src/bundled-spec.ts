// The bundled OpenAPI document, for the entries that need all of it (the CLI, the live check, the
// MCP server): read on first use from the package's own `statsig-console-api/openapi.json` export,
// so the spec ships once, as that file, and no entry's JavaScript inlines its 1.5 MB.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { JsonObject } from "./core/json.js";

let spec: JsonObject | undefined;

export function readBundledSpec(): JsonObject {
  // Resolved by the package's own name (self-reference through `exports`): works from any file of the package, built or not.
  spec ??= JSON.parse(readFileSync(createRequire(import.meta.url).resolve("statsig-console-api/openapi.json"), "utf8")) as JsonObject;
  return spec;
}
