// A fetch wrapper that changes JSON responses on their way to the client: the drift the live check
// must find, injected between the client and a simulated API.
import type { FetchFunction } from "../../src/core/transport/send.js";

/** Changes one response body; `path` is the request's pathname. Return the new body. */
export type Drift = (body: Record<string, unknown>, request: { method: string; path: string }) => Record<string, unknown>;

export function driftingFetch(upstream: FetchFunction, drift: Drift): FetchFunction {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const response = await upstream(request);
    if (!response.headers.get("content-type")?.includes("json") || !response.ok) return response;
    const body = (await response.json()) as Record<string, unknown>;
    const changed = drift(body, { method: request.method, path: new URL(request.url).pathname });
    return new Response(JSON.stringify(changed), { status: response.status, headers: response.headers });
  };
}
