// What a tool call answers: the result as JSON text, or a tool error (`isError`) that the agent
// can act on: the error class, HTTP status, the API's own message and its field errors. Every
// text passes through `redact`, so the key cannot reach the agent even if some message held it.
import { APIError, StatsigConsoleError } from "../core/errors.js";

export interface ToolResult {
  [key: string]: unknown;
  content: { type: "text"; text: string }[];
  isError?: boolean;
}

export type Redact = (text: string) => string;

export function redactor(secrets: readonly string[]): Redact {
  const present = secrets.filter((secret) => secret.length > 0);
  return (text) => present.reduce((out, secret) => out.replaceAll(secret, "[redacted]"), text);
}

function text(value: unknown, redact: Redact): string {
  return redact(typeof value === "string" ? value : JSON.stringify(value, null, 2));
}

export function successResult(value: unknown, redact: Redact): ToolResult {
  return { content: [{ type: "text", text: text(value === undefined ? { ok: true } : value, redact) }] };
}

export function errorResult(details: Record<string, unknown>, redact: Redact): ToolResult {
  return { content: [{ type: "text", text: text(details, redact) }], isError: true };
}

/** The message the API put in its error body, when it sent one. */
function apiMessage(body: unknown): string | undefined {
  const message = typeof body === "object" && body !== null ? (body as { message?: unknown }).message : undefined;
  return typeof message === "string" ? message : undefined;
}

export function thrownResult(error: unknown, redact: Redact): ToolResult {
  if (error instanceof APIError) {
    const details: Record<string, unknown> = { error: error.name, status: error.status, message: error.message };
    const fromApi = apiMessage(error.body);
    if (fromApi !== undefined) details.apiMessage = fromApi;
    if (error.errors.length > 0) details.errors = error.errors;
    return errorResult(details, redact);
  }
  if (error instanceof StatsigConsoleError) return errorResult({ error: error.name, message: error.message }, redact);
  // Anything else is a bug here, not the agent's fault; its message is still all the agent gets.
  return errorResult({ error: "InternalError", message: error instanceof Error ? error.message : String(error) }, redact);
}
