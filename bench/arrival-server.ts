// A Console API stand-in on 127.0.0.1 that enforces mutation limits the way the real server does:
// it counts each mutation when it ARRIVES, refused attempts included, with strict sliding windows,
// and answers 429 when a window is full. Network latency is simulated per request: a seeded random
// total in [min, max) ms, split at random into the part before the arrival (the request still on
// its way) and the part after (the response on its way back).
//
// Used by bench/bulk-mutations.ts and the real-socket tests. Nothing starts at import.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Window } from "../src/core/transport/rate-limiter.js";
import { between, seededRandom } from "./seeded-random.js";
import { maxInAnyWindow } from "./window-count.js";

export interface ArrivalServerOptions {
  /** Limits enforced on mutations (every method but GET), counted at arrival. */
  windows: Window[];
  /** Simulated latency per request, split before and after the arrival. Default 0–0 ms. */
  latencyMs?: { min: number; max: number };
  /** Seed for the latencies. Default 1. */
  seed?: number;
  /** Refuse this mutation arrival (0-based) with a 429 whatever the windows say, optionally with `Retry-After`. */
  refuse?: (arrivalIndex: number) => { retryAfter?: string } | undefined;
}

export interface Arrival {
  /** When the request was counted (performance.now(), this process's monotonic clock). */
  atMs: number;
  status: number;
  /** When the response was sent. */
  respondedMs: number;
}

export interface ArrivalServer {
  /** `http://127.0.0.1:<port>`, to pass as `baseUrl`. */
  baseUrl: string;
  /** Every mutation, in arrival order (refused ones too); `respondedMs` is NaN until answered. */
  arrivals: Arrival[];
  /** Mutations answered 429. */
  refused(): number;
  /** Most arrivals inside any span shorter than `intervalMs`: what the server's window saw at its fullest. */
  maxInAnyWindow(intervalMs: number): number;
  close(): Promise<void>;
}

/** Index of the first entry later than `afterMs` in ascending `times`. */
function firstAfter(times: readonly number[], afterMs: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle]! > afterMs) high = middle;
    else low = middle + 1;
  }
  return low;
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)), ...headers });
  response.end(text);
}

export async function startArrivalServer(options: ArrivalServerOptions): Promise<ArrivalServer> {
  const random = seededRandom(options.seed ?? 1);
  const latency = options.latencyMs ?? { min: 0, max: 0 };
  const arrivals: Arrival[] = [];
  const arrivalTimesMs: number[] = [];
  const pendingTimers = new Set<ReturnType<typeof setTimeout>>();
  let refusedCount = 0;
  let nextId = 1;

  const later = (delayMs: number, run: () => void): void => {
    const timer = setTimeout(() => {
      pendingTimers.delete(timer);
      run();
    }, delayMs);
    pendingTimers.add(timer);
  };

  /** Counts the arrival and decides the answer: 429 when any window already holds `limit` arrivals. */
  const arrive = (method: string): { status: number; headers: Record<string, string>; arrival?: Arrival } => {
    if (method === "GET") return { status: 200, headers: {} };
    const nowMs = performance.now();
    const index = arrivals.length;
    const full = options.windows.some(({ limit, intervalMs }) => arrivalTimesMs.length - firstAfter(arrivalTimesMs, nowMs - intervalMs) >= limit);
    const forced = options.refuse?.(index);
    const status = full || forced ? 429 : 201;
    const arrival: Arrival = { atMs: nowMs, status, respondedMs: Number.NaN };
    arrivals.push(arrival);
    arrivalTimesMs.push(nowMs);
    if (status === 429) refusedCount++;
    return { status, headers: forced?.retryAfter === undefined ? {} : { "retry-after": forced.retryAfter }, arrival };
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const totalMs = between(random, latency.min, latency.max);
    const beforeArrivalMs = totalMs * random();
    let body = "";
    let bodyEnded = false;
    let decided: ReturnType<typeof arrive> | undefined;
    let returnTripDone = false;
    const answer = (): void => {
      if (!decided || !bodyEnded || !returnTripDone || response.writableEnded) return;
      if (decided.arrival) decided.arrival.respondedMs = performance.now();
      if (decided.status === 429) {
        sendJson(response, 429, { status: 429, message: "Too many requests" }, decided.headers);
        return;
      }
      if (request.method === "GET") {
        sendJson(response, 200, { message: "ok", data: [] });
        return;
      }
      let name = `gate_${nextId}`;
      try {
        const parsed = JSON.parse(body) as { name?: unknown };
        if (typeof parsed.name === "string") name = parsed.name;
      } catch {
        sendJson(response, 400, { status: 400, message: "The request body is not valid JSON" });
        return;
      }
      sendJson(response, 201, { message: "Gate created successfully", data: { id: name, name, isEnabled: true, rules: [], serial: nextId++ } });
    };
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      bodyEnded = true;
      answer();
    });
    later(beforeArrivalMs, () => {
      decided = arrive(request.method ?? "GET");
      later(totalMs - beforeArrivalMs, () => {
        returnTripDone = true;
        answer();
      });
    });
  };

  const server = createServer(handle);
  // Longer than any gap between a job's requests, so an idle keep-alive socket is never closed under a new request.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    arrivals,
    refused: () => refusedCount,
    maxInAnyWindow(intervalMs) {
      return maxInAnyWindow(arrivalTimesMs, intervalMs);
    },
    async close() {
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
