// Levelled logging, silent by default. Secrets are redacted before anything reaches a logger.
import { environmentVariable } from "../environment.js";
import { createScrubber, redactHeaders, scrubValue } from "../secrets.js";

// send.ts imports the header redaction from here; it lives with the other scrubbing in secrets.ts.
export { redactHeaders };

export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === "string" && Object.hasOwn(RANK, value);
}

/** `logLevel` option, else `STATSIG_CONSOLE_LOG`, else off. */
export function resolveLogLevel(option: LogLevel | undefined): LogLevel {
  if (option !== undefined) return option;
  const normalized = environmentVariable("STATSIG_CONSOLE_LOG")?.trim().toLowerCase();
  return isLogLevel(normalized) ? normalized : "off";
}

export interface LevelledLogger {
  enabled(level: Exclude<LogLevel, "off">): boolean;
  log(level: Exclude<LogLevel, "off">, message: string, fields?: Record<string, unknown>): void;
}

/**
 * Wraps a logger with a level filter and a last line of defence: any occurrence of a secret, in
 * any encoding (see secrets.ts), in the message or fields is replaced before the logger sees it.
 * Fields are reduced to plain JSON data first, so nothing reaches the logger by reference.
 */
export function createLevelledLogger(level: LogLevel, logger: Logger, secrets: readonly string[]): LevelledLogger {
  const rank = RANK[level];
  const scrub = createScrubber(secrets);
  return {
    enabled: (candidate) => RANK[candidate] <= rank,
    log(candidate, message, fields) {
      if (RANK[candidate] > rank) return;
      const safeFields = fields === undefined ? undefined : (scrubValue(JSON.parse(JSON.stringify(fields)) as unknown, scrub) as Record<string, unknown>);
      logger[candidate](scrub(message), safeFields);
    },
  };
}

/** The default sink: the console, prefixed with the package name. */
export const consoleLogger: Logger = {
  error: (message, fields) => console.error(`[statsig-console] ${message}`, ...(fields ? [fields] : [])),
  warn: (message, fields) => console.warn(`[statsig-console] ${message}`, ...(fields ? [fields] : [])),
  info: (message, fields) => console.info(`[statsig-console] ${message}`, ...(fields ? [fields] : [])),
  debug: (message, fields) => console.debug(`[statsig-console] ${message}`, ...(fields ? [fields] : [])),
};
