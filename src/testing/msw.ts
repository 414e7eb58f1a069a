// msw request handlers backed by a ConsoleSimulator, for tests that intercept fetch globally.
// Needs `msw` (an optional peer dependency).
import { http, type HttpHandler } from "msw";
import { withoutTrailingSlashes } from "../core/url-path.js";
import type { ConsoleSimulator } from "./simulator.js";

/** Handlers that answer every Console API request to `baseUrl` from the simulator. */
export function simulatorHandlers(simulator: ConsoleSimulator, baseUrl = "https://statsigapi.net"): HttpHandler[] {
  return [http.all(`${withoutTrailingSlashes(baseUrl)}/console/v1/*`, ({ request }) => simulator.fetch(request))];
}
