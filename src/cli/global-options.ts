// Options every command accepts, wherever they appear on the line.
import { Option } from "commander";
import { BASE_URL_VARIABLE } from "./create-client.js";
import { API_KEY_VARIABLE, SIMULATOR_VARIABLE } from "./key-source.js";
import { OUTPUT_FORMATS } from "./output/writer.js";

export function globalOptions(): Option[] {
  return [
    new Option("-o, --output <format>", "json (pretty on a terminal, compact when piped), ndjson (one item per line) or table").choices(OUTPUT_FORMATS).default("json"),
    new Option("--fields <list>", "keep only these fields, e.g. id,name,rules.0.name"),
    new Option("--dry-run", "print the request (method, URL, headers with the key masked, body) and send nothing"),
    new Option("-y, --yes", "send mutations without asking (a terminal asks first)"),
    new Option("--respect-review-settings", "send x-respect-review-settings: true, so the project's review settings apply to mutations"),
    new Option("--base-url <url>", `the API's base URL (default: ${BASE_URL_VARIABLE}, else https://statsigapi.net)`),
    new Option("--api-key-file <path>", `read the Console API key from this file (default: ${API_KEY_VARIABLE})`),
    new Option("--simulator", `run against the embedded simulator (also when no key is set and ${SIMULATOR_VARIABLE}=1)`),
    new Option("--progress", "show progress on stderr even when it is not a terminal"),
    new Option("--no-progress", "never show progress"),
    // Refused with a message (see key-source.ts); hidden so that help never suggests it.
    new Option("--api-key <key>").hideHelp(),
  ];
}

/** Long flags of the global options: a query parameter with one of these names is reachable through --query only. */
export function globalFlagNames(): Set<string> {
  return new Set(globalOptions().flatMap((option) => [option.long, option.short].filter((flag): flag is string => flag !== undefined)));
}
