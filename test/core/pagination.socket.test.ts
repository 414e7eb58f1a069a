// Pagination over real sockets: a node:http server on 127.0.0.1 with seeded random latency and
// faults (503s, connections reset before the headers or in the middle of the body), servers that
// cap the page size, repeat pages or point elsewhere, and a script that leaves a loop early.
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PaginationError, StatsigConsole } from "../../src/index.js";
import { seededRandom } from "../../bench/seeded-random.js";
import { repoRoot } from "../helpers/spec.js";

type Handler = (request: IncomingMessage, response: ServerResponse, url: URL) => void;

interface TestServer {
  server: Server;
  baseUrl: string;
  handler: Handler;
  requests: { url: string; key: string | undefined }[];
  inFlight: number;
  maxInFlight: number;
}

async function startServer(): Promise<TestServer> {
  const state: TestServer = { server: undefined as unknown as Server, baseUrl: "", handler: () => {}, requests: [], inFlight: 0, maxInFlight: 0 };
  state.server = createServer((request, response) => {
    state.requests.push({ url: request.url!, key: request.headers["statsig-api-key"] as string | undefined });
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    let settled = false;
    const done = () => {
      if (!settled) state.inFlight--;
      settled = true;
    };
    response.on("close", done);
    request.resume();
    state.handler(request, response, new URL(request.url!, state.baseUrl));
  });
  await new Promise<void>((resolve) => state.server.listen(0, "127.0.0.1", resolve));
  state.baseUrl = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
  return state;
}

async function stopServer(state: TestServer): Promise<void> {
  state.server.closeAllConnections();
  await new Promise((resolve) => state.server.close(resolve));
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

let api: TestServer;
let elsewhere: TestServer;
beforeAll(async () => {
  [api, elsewhere] = await Promise.all([startServer(), startServer()]);
});
afterAll(async () => {
  await Promise.all([stopServer(api), stopServer(elsewhere)]);
});
beforeEach(() => {
  for (const s of [api, elsewhere]) {
    s.requests.length = 0;
    s.maxInFlight = 0;
  }
});

const client = (options: Partial<ConstructorParameters<typeof StatsigConsole>[0]> = {}) =>
  new StatsigConsole({ apiKey: "console-loopback-pages", baseUrl: api.baseUrl, maxRetries: 3, retry: { initialDelayMs: 5, maxDelayMs: 20 }, ...options });

type Fault = "503" | "reset before headers" | "reset mid-body";
const FAULTS: readonly Fault[] = ["503", "reset before headers", "reset mid-body"];

/**
 * 2,000 gates, 50 a page whatever `limit` asks (so every page is shorter than the 100 asked),
 * 5–25 ms of latency, and the first attempt at about a third of the pages failing.
 */
function faultyGateList(seed: number) {
  const random = seededRandom(seed);
  const TOTAL = 2_000;
  const PAGE_SIZE = 50;
  const pages = TOTAL / PAGE_SIZE;
  const faultOf = new Map<number, Fault>();
  for (let page = 1; page <= pages; page++) if (random() < 0.35) faultOf.set(page, FAULTS[Math.floor(random() * FAULTS.length)]!);
  const latencyMs = Array.from({ length: pages + 1 }, () => 5 + Math.floor(random() * 20));
  const served = new Map<number, number>(); // page → complete 200 answers
  const injected: Record<Fault, number> = { "503": 0, "reset before headers": 0, "reset mid-body": 0 };
  api.handler = (request, response, url) => {
    const page = Number(url.searchParams.get("page") ?? 1);
    const fault = faultOf.get(page);
    if (fault) faultOf.delete(page); // once per page
    setTimeout(() => {
      if (fault === "reset before headers") {
        injected[fault]++;
        request.socket.destroy();
        return;
      }
      if (fault === "503") {
        injected[fault]++;
        sendJson(response, 503, { status: 503, message: "busy" });
        return;
      }
      const start = (page - 1) * PAGE_SIZE;
      const data = Array.from({ length: Math.max(0, Math.min(PAGE_SIZE, TOTAL - start)) }, (_, i) => ({ id: `gate_${start + i}`, name: `gate_${start + i}` }));
      const body = JSON.stringify({
        message: "ok",
        data,
        pagination: {
          itemsPerPage: PAGE_SIZE,
          pageNumber: page,
          totalItems: TOTAL,
          nextPage: page < pages ? `/console/v1/gates?page=${page + 1}&limit=100` : null,
          previousPage: null,
        },
      });
      if (fault === "reset mid-body") {
        injected[fault]++;
        response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
        response.write(body.slice(0, body.length >> 1), () => request.socket.destroy());
        return;
      }
      served.set(page, (served.get(page) ?? 0) + 1);
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      response.end(body);
    }, latencyMs[page] ?? 5);
  };
  const expected = Array.from({ length: TOTAL }, (_, i) => `gate_${i}`);
  return { expected, served, injected, pages };
}

describe("pagination on a real socket", () => {
  it.each([
    ["for await, one page ahead", 1, 11],
    ["toArray, concurrency 4", 4, 12],
    ["pages(), concurrency 8", 8, 13],
  ])("%s: 2,000 items through 503s and resets, every item once and in order", async (_label, concurrency, seed) => {
    const { expected, served, injected, pages } = faultyGateList(seed);
    const list = client().gates.list({ limit: 100 });
    let names: string[] = [];
    if (concurrency === 1) {
      for await (const gate of list) names.push(gate.name);
    } else if (concurrency === 4) {
      names = (await list.toArray({ concurrency })).map((g) => g.name);
    } else {
      for await (const page of list.pages({ concurrency })) names.push(...page.data.map((g) => g.name));
    }
    expect(names).toEqual(expected); // none lost, none twice, in order
    expect([...served.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
    expect([...served.values()].every((count) => count === 1)).toBe(true); // no page fetched twice
    expect(injected["503"] + injected["reset before headers"] + injected["reset mid-body"]).toBeGreaterThan(8);
    expect(api.maxInFlight).toBeLessThanOrEqual(concurrency === 1 ? 1 : concurrency);
    if (concurrency > 1) expect(api.maxInFlight).toBeGreaterThan(1);
  });

  it("a nextPage on another origin: PaginationError, and that server never sees a request (nor the key)", async () => {
    api.handler = (_request, response) =>
      sendJson(response, 200, {
        message: "ok",
        data: [{ id: "g1", name: "g1" }],
        pagination: { itemsPerPage: 1, pageNumber: 1, nextPage: `${elsewhere.baseUrl}/console/v1/gates?page=2&limit=1`, previousPage: null },
      });
    elsewhere.handler = (_request, response) => sendJson(response, 200, { message: "ok", data: [{ id: "stolen", name: "stolen" }] });
    const names: string[] = [];
    const walk = async () => {
      for await (const gate of client().gates.list({ limit: 1 })) names.push(gate.name);
    };
    await expect(walk()).rejects.toBeInstanceOf(PaginationError);
    expect(names).toEqual(["g1"]);
    expect(api.requests).toHaveLength(1);
    expect(elsewhere.requests).toEqual([]);
  });

  it("a server that keeps naming the same next page: PaginationError after two requests, no duplicates", async () => {
    api.handler = (_request, response, url) => {
      const page = Number(url.searchParams.get("page") ?? 1);
      sendJson(response, 200, {
        message: "ok",
        data: [{ id: `g${page}`, name: `g${page}` }],
        pagination: { itemsPerPage: 1, pageNumber: page, nextPage: "/console/v1/gates?page=2&limit=1", previousPage: null },
      });
    };
    const names: string[] = [];
    const walk = async () => {
      for await (const gate of client().gates.list({ limit: 1 })) names.push(gate.name);
    };
    await expect(walk()).rejects.toBeInstanceOf(PaginationError);
    expect(names).toEqual(["g1", "g2"]);
    expect(api.requests.map((r) => r.url)).toEqual(["/console/v1/gates?limit=1", "/console/v1/gates?limit=1&page=2"]);
  });

  it("a script that leaves the loop while the next page is on its way exits by itself, the request aborted", async () => {
    let page2Closed = false;
    api.handler = (request, response, url) => {
      if (url.searchParams.get("page") === "2") {
        response.on("close", () => (page2Closed = true)); // never answered: only the client can end it
        return;
      }
      sendJson(response, 200, {
        message: "ok",
        data: [
          { id: "g1", name: "g1" },
          { id: "g2", name: "g2" },
        ],
        pagination: { itemsPerPage: 2, pageNumber: 1, nextPage: "/console/v1/gates?page=2&limit=2", previousPage: null },
      });
      void request;
    };
    const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "test", "core", "fixtures", "abandon-iteration.ts")], {
      cwd: repoRoot,
      env: { ...process.env, BASE_URL: api.baseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let leftLoopAtMs = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!leftLoopAtMs && stdout.includes("left the loop")) leftLoopAtMs = performance.now();
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exitCode = await new Promise<number | null>((resolve) => {
      const guard = setTimeout(() => child.kill("SIGKILL"), 15_000);
      child.on("exit", (code) => {
        clearTimeout(guard);
        resolve(code);
      });
    });
    const exitDelayMs = performance.now() - leftLoopAtMs;
    expect(stderr).toBe("");
    expect(exitCode).toBe(0);
    expect(stdout).toBe("item g1\nleft the loop\n");
    expect(api.requests.map((r) => r.url)).toEqual(["/console/v1/gates?limit=2", "/console/v1/gates?limit=2&page=2"]);
    expect(exitDelayMs).toBeLessThan(2_000); // not the 60 s request timeout
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(page2Closed).toBe(true);
  }, 30_000);
});
