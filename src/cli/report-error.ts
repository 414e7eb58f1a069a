// Turns any failure into one message on stderr and an exit status: the API's status, message and
// field errors for an API error; a usage line for input refused before sending.
import { APIConnectionError, APIError, APIRedirectError, ChunkedRequestError, InvalidRequestError, StatsigConsoleError } from "../core/errors.js";
import { isObject } from "../core/json.js";
import { CliUsageError, EXIT } from "./exit-codes.js";

export interface Report {
  message: string;
  exitCode: number;
}

/** The API's own message (the body's `message`), else the client's description of the failure. */
function apiMessage(error: APIError): string {
  const message = isObject(error.body) ? error.body.message : undefined;
  return typeof message === "string" && message.trim() !== "" ? message : error.message;
}

function apiErrorLines(error: APIError): string[] {
  const lines = [`error: ${error.status} ${error.name} from ${error.method} ${error.path}: ${apiMessage(error)}`];
  for (const field of error.errors) lines.push(`  - ${field.property}: ${field.errorMessage}`);
  if (error instanceof APIRedirectError && error.location) lines.push(`  the server redirected to ${error.location} (not followed; check --base-url)`);
  return lines;
}

export function reportError(error: unknown): Report {
  if (error instanceof CliUsageError || error instanceof InvalidRequestError) return { message: `error: ${error.message}`, exitCode: EXIT.usage };
  if (error instanceof ChunkedRequestError) {
    const cause = reportError(error.cause);
    return { message: `error: ${error.completedChunks} of ${error.totalChunks} chunks were applied before one failed.\n${cause.message}`, exitCode: cause.exitCode };
  }
  if (error instanceof APIRedirectError) return { message: apiErrorLines(error).join("\n"), exitCode: EXIT.network };
  if (error instanceof APIError) return { message: apiErrorLines(error).join("\n"), exitCode: EXIT.apiError };
  if (error instanceof APIConnectionError) return { message: `error: ${error.name}: ${error.message}`, exitCode: EXIT.network };
  if (error instanceof StatsigConsoleError) return { message: `error: ${error.name}: ${error.message}`, exitCode: EXIT.apiError };
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { message: `error: unexpected failure: ${text}`, exitCode: EXIT.apiError };
}
