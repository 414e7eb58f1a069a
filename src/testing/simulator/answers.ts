// The bodies the simulator answers with: the API's envelopes and its error body.
import type { FieldError } from "./validate.js";

export function respond(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (body === undefined) return new Response(null, { status, headers });
  if (typeof body === "string") return new Response(body, { status, headers: { "content-type": "text/csv", ...headers } });
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** The API's error body: `{ status, message }`, with `errors[]` naming the fields of a 400. */
export function errorResponse(status: number, message: string, errors?: readonly FieldError[], headers: Record<string, string> = {}): Response {
  return respond(status, errors === undefined ? { status, message } : { status, message, errors }, headers);
}

export function notFound(collection: string, id: string): Response {
  return errorResponse(404, `${collection} ${JSON.stringify(id)} not found`);
}
