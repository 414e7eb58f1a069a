// Retry-After over a real HTTP server on 127.0.0.1: real sockets, real timers, the wait measured
// between two arrivals at the server.
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { StatsigConsole, type ClientOptions } from "../../src/index.js";
import { sendJson, useLoopbackServer } from "../helpers/loopback-server.js";
import { SPECIAL_KEY } from "../helpers/secrets.js";

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
let handler: Handler;
const server = useLoopbackServer((request, _body, response) => handler(request, response));
const arrivals = server.arrivals;
const answer = sendJson;

const client = (options: ClientOptions = {}) => new StatsigConsole({ apiKey: SPECIAL_KEY, baseUrl: server.baseUrl(), rateLimit: false, ...options });

describe("over a loopback server", () => {
  describe("waits what the server asks", () => {
    /** Milliseconds between the first and second arrival of a GET answered first with a 503 and these headers. */
    async function waitAfter(headers: Record<string, string>): Promise<number> {
      let count = 0;
      handler = (_request, response) => {
        count += 1;
        if (count === 1) answer(response, 503, { status: 503, message: "busy" }, headers);
        else answer(response, 200, { message: "ok", data: { id: "g1" } });
      };
      // A backoff of 1875–2500 ms: any wait well below it came from the headers.
      await client({ retry: { initialDelayMs: 2500, maxDelayMs: 2500 } }).gates.get("g1");
      return arrivals[1]!.atMs - arrivals[0]!.atMs;
    }

    it("retry-after-ms, to the millisecond, over Retry-After", async () => {
      const waitedMs = await waitAfter({ "retry-after-ms": "150", "retry-after": "30" });
      expect(waitedMs).toBeGreaterThanOrEqual(140);
      expect(waitedMs).toBeLessThan(900);
    });

    it("Retry-After as delay-seconds", async () => {
      const waitedMs = await waitAfter({ "retry-after": "1" });
      expect(waitedMs).toBeGreaterThanOrEqual(990);
      expect(waitedMs).toBeLessThan(1800);
    });

    it("Retry-After as an IMF-fixdate", async () => {
      // Whole seconds: 1.5 s from now, truncated, is between 0.5 and 1.5 s away.
      const waitedMs = await waitAfter({ "retry-after": new Date(Date.now() + 1500).toUTCString() });
      expect(waitedMs).toBeGreaterThanOrEqual(400);
      expect(waitedMs).toBeLessThan(1800);
    });

    it("not Retry-After: -5, which Date.parse reads as a date in 2001 (no wait): the backoff instead", async () => {
      const waitedMs = await waitAfter({ "retry-after": "-5" });
      expect(waitedMs).toBeGreaterThanOrEqual(1870);
    });
  });
});
