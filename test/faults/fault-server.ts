// A hostile Console API on 127.0.0.1 for fault-injection runs. It serves a small gates API
// (list in pages, get, create, full update) and, on a seeded share of requests, misbehaves the
// way real networks and proxies do: resets before headers or mid-body, bodies that never end,
// no answer at all, truncated JSON, HTML 502 pages, empty 200s, 429 bursts with every form of
// Retry-After, 500s, 503s, redirects to another origin, and latency on everything.
//
// It keeps the ground truth the invariants are checked against: which creates it applied and
// how often, and whether anything reached the redirect target.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { integerBetween as between, pick, seededRandom } from "../../bench/seeded-random.js";
import { SIMULATOR_FAULT_KINDS } from "../../src/testing/faults.js";

type Random = () => number;

// The simulator's kinds, plus a redirect (the simulator has no second origin to send one to).
export const FAULT_KINDS = [...SIMULATOR_FAULT_KINDS, "redirect"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Whether the server applies a mutation before the fault strikes. A client may repeat a
 * non-idempotent request only when the server refused it before handling it.
 */
const APPLIED_BEFORE_FAULT: Record<FaultKind, boolean> = {
  "reset-before-headers": false,
  "reset-mid-body": true,
  "endless-body": true,
  "no-answer": true,
  "truncated-json": true,
  "html-502": false,
  "empty-200": true,
  "429": false,
  "500": true,
  "503": false,
  redirect: false,
};

export interface FaultServerOptions {
  seed: number;
  /** Share of requests that get a fault, 0..1. */
  faultRate: number;
  /** Items in the listed collection. */
  items: number;
  /** Upper bound of the random latency added before every answer. */
  maxLatencyMs: number;
}

interface FaultServerStats {
  requests: number;
  faults: Record<FaultKind, number>;
  /** How many times each create (by name) was applied. */
  createsApplied: Map<string, number>;
  updatesApplied: number;
  /** Requests that reached the redirect target, and how many of them carried an API key. */
  redirectTargetHits: number;
  redirectTargetKeys: number;
}

export interface FaultServer {
  baseUrl: string;
  stats: FaultServerStats;
  close(): Promise<void>;
}

const PREFIX = "/console/v1/gates";

function itemAt(index: number): { id: string; name: string; isEnabled: boolean } {
  const id = `seed_${String(index).padStart(5, "0")}`;
  return { id, name: id, isEnabled: index % 2 === 0 };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function shutDown(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

function retryAfterHeaders(random: Random): Record<string, string> {
  switch (between(random, 0, 5)) {
    case 0:
      return { "retry-after": "0" };
    case 1:
      return { "retry-after": "1" };
    case 2:
      return { "retry-after": new Date(Date.now() + 1000).toUTCString() };
    case 3:
      return { "retry-after-ms": String(between(random, 20, 200)) };
    case 4:
      return { "retry-after": pick(random, ["-5", "2, 3", "soon", "1e3"]) };
    default:
      return {};
  }
}

export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
  const random = seededRandom(options.seed);
  const stats: FaultServerStats = {
    requests: 0,
    faults: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>,
    createsApplied: new Map(),
    updatesApplied: 0,
    redirectTargetHits: 0,
    redirectTargetKeys: 0,
  };
  const stalled = new Set<ServerResponse>();

  const target = createServer((request, response) => {
    stats.redirectTargetHits++;
    if (request.headers["statsig-api-key"] !== undefined) stats.redirectTargetKeys++;
    request.resume();
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ message: "not the API", data: { id: "elsewhere", name: "elsewhere" } }));
  });
  const targetUrl = await listen(target);

  /** Applies the request to the store and returns the status and body of a normal answer. */
  function handle(request: IncomingMessage, url: URL, body: string): { status: number; payload: unknown } {
    const rest = url.pathname.slice(PREFIX.length);
    if (request.method === "GET" && rest === "") {
      const page = Number(url.searchParams.get("page") ?? "1");
      const limit = Number(url.searchParams.get("limit") ?? "100");
      const start = (page - 1) * limit;
      const data = Array.from({ length: Math.max(0, Math.min(limit, options.items - start)) }, (_, i) => itemAt(start + i));
      const more = start + limit < options.items;
      return {
        status: 200,
        payload: {
          message: "Gates listed successfully.",
          data,
          pagination: {
            itemsPerPage: limit,
            pageNumber: page,
            totalItems: options.items,
            nextPage: more ? `${PREFIX}?page=${page + 1}&limit=${limit}` : null,
            previousPage: page > 1 ? `${PREFIX}?page=${page - 1}&limit=${limit}` : null,
          },
        },
      };
    }
    const id = decodeURIComponent(rest.slice(1));
    if (request.method === "GET") {
      const index = /^seed_(\d+)$/.exec(id);
      if (!index || Number(index[1]) >= options.items) return { status: 404, payload: { status: 404, message: "Gate not found" } };
      return { status: 200, payload: { message: "Gate read successfully.", data: itemAt(Number(index[1])) } };
    }
    if (request.method === "POST" && rest === "") {
      const { name } = JSON.parse(body) as { name: string };
      stats.createsApplied.set(name, (stats.createsApplied.get(name) ?? 0) + 1);
      return { status: 201, payload: { message: "Gate created successfully.", data: { id: name, name, isEnabled: false } } };
    }
    if (request.method === "POST") {
      stats.updatesApplied++;
      return { status: 200, payload: { message: "Gate updated successfully.", data: { id, name: id, ...(JSON.parse(body) as object) } } };
    }
    return { status: 405, payload: { status: 405, message: "Method not allowed" } };
  }

  function misbehave(kind: FaultKind, request: IncomingMessage, response: ServerResponse, answer: () => string): void {
    const json = { "content-type": "application/json" };
    switch (kind) {
      case "reset-before-headers":
        request.socket.destroy();
        return;
      case "reset-mid-body": {
        const text = answer();
        response.writeHead(200, { ...json, "content-length": String(Buffer.byteLength(text)) });
        response.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
        setTimeout(() => request.socket.destroy(), 5);
        return;
      }
      case "endless-body": {
        const text = answer();
        response.writeHead(200, json);
        response.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
        const drip = setInterval(() => {
          if (response.destroyed || response.writableEnded) clearInterval(drip);
          else response.write(" ");
        }, 50);
        response.on("close", () => clearInterval(drip));
        stalled.add(response);
        return;
      }
      case "no-answer":
        answer();
        stalled.add(response);
        return;
      case "truncated-json": {
        const text = answer();
        const cut = text.slice(0, Math.max(1, text.length - 7));
        response.writeHead(200, { ...json, "content-length": String(Buffer.byteLength(cut)) });
        response.end(cut);
        return;
      }
      case "html-502":
        response.writeHead(502, { "content-type": "text/html" });
        response.end("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>");
        return;
      case "empty-200":
        answer();
        response.writeHead(200, { ...json, "content-length": "0" });
        response.end();
        return;
      case "429":
        response.writeHead(429, { ...json, ...retryAfterHeaders(random) });
        response.end(JSON.stringify({ status: 429, message: "Too many requests" }));
        return;
      case "500":
        answer();
        response.writeHead(500, json);
        response.end(JSON.stringify({ status: 500, message: "Internal error" }));
        return;
      case "503":
        response.writeHead(503, json);
        response.end(JSON.stringify({ status: 503, message: "Service unavailable" }));
        return;
      case "redirect":
        response.writeHead(pick(random, [301, 302, 307, 308]), { location: `${targetUrl}${request.url ?? "/"}` });
        response.end();
        return;
    }
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      stats.requests++;
      const fault = random() < options.faultRate ? pick(random, FAULT_KINDS) : undefined;
      const latencyMs = between(random, 0, options.maxLatencyMs);
      const url = new URL(request.url ?? "/", "http://fault.invalid");
      const body = Buffer.concat(chunks).toString("utf8");
      setTimeout(() => {
        if (request.socket.destroyed) return;
        const answer = (): string => JSON.stringify(handle(request, url, body).payload);
        if (fault) {
          stats.faults[fault]++;
          // A fault that strikes before the server handles the request leaves the store untouched.
          misbehave(fault, request, response, APPLIED_BEFORE_FAULT[fault] ? answer : () => "");
          return;
        }
        const { status, payload } = handle(request, url, body);
        const text = JSON.stringify(payload);
        response.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) });
        response.end(text);
      }, latencyMs);
    });
  });
  const baseUrl = await listen(server);
  return {
    baseUrl,
    stats,
    async close() {
      for (const response of stalled) response.destroy();
      await Promise.all([shutDown(server), shutDown(target)]);
    },
  };
}
