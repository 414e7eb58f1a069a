// The client names itself on every request it sends: `User-Agent: statsig-console-api/<version>`,
// the version being package.json's (through generated/version.ts), on a real socket.
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULTS, InvalidRequestError, StatsigConsole, type ClientOptions } from "../../src/index.js";
import { repoRoot } from "../helpers/spec.js";

const { version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
const KEY = "console-user-agent-test";

let server: Server;
let baseUrl = "";
const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
let busyAnswers = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://loopback");
    seen.push({ path: url.pathname + url.search, headers: request.headers });
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === "/console/v1/gates/busy" && busyAnswers++ === 0) return reply(503, { status: 503, message: "busy" });
    if (url.pathname === "/console/v1/gates") {
      const page = Number(url.searchParams.get("page") ?? 1);
      return reply(200, {
        message: "ok",
        data: [{ id: `g${page}`, name: `g${page}` }],
        pagination: { itemsPerPage: 1, pageNumber: page, nextPage: page < 2 ? `/console/v1/gates?page=${page + 1}&limit=1` : null, previousPage: null },
      });
    }
    reply(200, { message: "ok", data: { id: "g", name: "g" } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
  busyAnswers = 0;
});

function client(options: ClientOptions = {}): StatsigConsole {
  return new StatsigConsole({ apiKey: KEY, baseUrl, retry: { initialDelayMs: 1, maxDelayMs: 1 }, ...options });
}

describe("User-Agent", () => {
  it("is statsig-console-api/<package.json version> on every request: a call, each retry, each page and sc.raw", async () => {
    expect(DEFAULTS.userAgent).toBe(`statsig-console-api/${version}`);
    const sc = client();
    await sc.gates.get("busy");
    await sc.gates.list({ limit: 1 }).toArray();
    await sc.raw.GET("/console/v1/gates/{id}", { params: { path: { id: "raw" } } });
    expect(seen.map((r) => r.path)).toEqual([
      "/console/v1/gates/busy",
      "/console/v1/gates/busy",
      "/console/v1/gates?limit=1",
      "/console/v1/gates?limit=1&page=2",
      "/console/v1/gates/raw",
    ]);
    for (const request of seen) expect(request.headers["user-agent"], request.path).toBe(`statsig-console-api/${version}`);
  });

  it("is the userAgent option when given, and a User-Agent header (client or call) replaces either", async () => {
    await client({ userAgent: `flag-sync/2.1 ${DEFAULTS.userAgent}` }).gates.get("a");
    await client({ userAgent: "flag-sync/2.1", headers: { "User-Agent": "from-headers/1" } }).gates.get("b");
    await client({ userAgent: "flag-sync/2.1" }).gates.get("c", { headers: { "user-agent": "per-call/3" } });
    expect(seen.map((r) => r.headers["user-agent"])).toEqual([`flag-sync/2.1 statsig-console-api/${version}`, "from-headers/1", "per-call/3"]);
  });

  it.each([
    ["a line break (header injection)", "tool/1\r\nX-Injected: yes"],
    ["a character above U+00FF", "tool/1 ✓"],
    ["an empty string", ""],
    ["a number", 42],
  ])("refuses %s with an InvalidRequestError that does not quote the value, before any request", (_label, userAgent) => {
    let error: unknown;
    try {
      client({ userAgent: userAgent as string });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(/userAgent/);
    if (typeof userAgent === "string" && userAgent !== "") expect((error as Error).message).not.toContain(userAgent.slice(0, 6));
    expect(seen).toEqual([]);
  });
});
