// The client a command runs with: the real API (key from key-source.ts, --base-url or
// STATSIG_CONSOLE_BASE_URL), or the embedded simulator. Log lines (retries, rate-limit waits)
// go to stderr when progress is shown.
import { StatsigConsole, type ClientOptions } from "../client.js";
import type { FetchFunction } from "../core/transport/send.js";
import type { Logger, LogLevel } from "../core/transport/logger.js";
import { CliUsageError } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { NO_KEY_MESSAGE, readApiKey, SIMULATOR_VARIABLE } from "./key-source.js";

export const BASE_URL_VARIABLE = "STATSIG_CONSOLE_BASE_URL";
/** The key sent to the embedded simulator, which accepts any Console key. */
const SIMULATOR_KEY = "console-simulator";
/** Sent (masked) by a dry run without a key: what is printed is the request, not the key. */
const DRY_RUN_KEY = "console-dry-run";

export interface ConnectionOptions {
  baseUrl?: string | undefined;
  apiKeyFile?: string | undefined;
  simulator?: boolean | undefined;
  respectReviewSettings?: boolean | undefined;
}

export interface ClientSetup {
  /** Replaces the network (a dry run's recorder). */
  fetch?: FetchFunction | undefined;
  maxRetries?: number | undefined;
  maxPages?: number | undefined;
  showProgress: boolean;
  dryRun: boolean;
}

function stderrLogger(io: CliIo): Logger {
  const line = (message: string) => io.stderr.write(`${message}\n`);
  return { error: line, warn: line, info: line, debug: line };
}

function logLevel(io: CliIo, showProgress: boolean): LogLevel {
  const fromEnvironment = io.env.STATSIG_CONSOLE_LOG?.trim().toLowerCase();
  if (fromEnvironment === "off" || fromEnvironment === "error" || fromEnvironment === "warn" || fromEnvironment === "info" || fromEnvironment === "debug") return fromEnvironment;
  return showProgress ? "info" : "warn";
}

export interface ResolvedClient {
  client: StatsigConsole;
  /** The secrets to keep out of every line the CLI prints. */
  secrets: readonly string[];
}

export async function createClient(connection: ConnectionOptions, setup: ClientSetup, io: CliIo): Promise<ResolvedClient> {
  const key = await readApiKey(connection.apiKeyFile, io);
  const useSimulator = connection.simulator === true || (key.kind === "none" && io.env[SIMULATOR_VARIABLE] === "1");
  let fetch = setup.fetch;
  let apiKey: string;
  if (useSimulator) {
    apiKey = key.kind === "none" ? SIMULATOR_KEY : key.apiKey;
    if (!fetch) {
      const { ConsoleSimulator } = await import("../testing/simulator.js");
      fetch = new ConsoleSimulator().fetch;
    }
  } else if (key.kind !== "none") {
    apiKey = key.apiKey;
  } else if (setup.dryRun) {
    apiKey = DRY_RUN_KEY;
  } else {
    throw new CliUsageError(NO_KEY_MESSAGE);
  }
  const options: ClientOptions = {
    apiKey,
    baseUrl: connection.baseUrl ?? (io.env[BASE_URL_VARIABLE] || undefined),
    fetch,
    maxRetries: setup.maxRetries,
    maxPages: setup.maxPages,
    respectReviewSettings: connection.respectReviewSettings === true,
    logger: stderrLogger(io),
    logLevel: logLevel(io, setup.showProgress),
  };
  return { client: new StatsigConsole(options), secrets: [apiKey] };
}
