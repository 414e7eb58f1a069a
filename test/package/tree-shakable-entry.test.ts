// The tree-shakable entry: createConsoleClient() and the standalone operation functions send what
// the StatsigConsole methods send, over a real socket, with the same guards; and `sc.raw`'s
// operation table is built on the first raw request, not by a client or a facade call.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createConsoleClient,
  gatesCreate,
  gatesDelete,
  gatesGet,
  gatesList,
  InvalidRequestError,
  metricsGet,
  NotFoundError,
  StatsigConsole,
  type ClientOptions,
} from "../../src/index.js";
import { ConsoleSimulator } from "../../src/testing/index.js";

const tables = vi.hoisted(() => ({ built: 0 }));
vi.mock("../../src/core/operation-routes.js", async (importActual) => {
  const actual = await importActual<typeof import("../../src/core/operation-routes.js")>();
  return {
    ...actual,
    createOperationRoutes: (...args: Parameters<typeof actual.createOperationRoutes>) => {
      tables.built++;
      return actual.createOperationRoutes(...args);
    },
  };
});

interface Received {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

const received: Received[] = [];
let simulator: ConsoleSimulator;
let server: Server;
let baseUrl: string;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

beforeAll(async () => {
  // A loopback server in front of the simulator: every request crosses a real socket and is recorded as it arrived.
  server = createServer(async (request, response) => {
    const body = await readBody(request);
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    received.push({ method: request.method ?? "", url: request.url ?? "", headers, body });
    const answer = await simulator.fetch(
      new Request(`http://127.0.0.1${request.url}`, { method: request.method ?? "GET", headers: headers as HeadersInit, ...(body ? { body } : {}) }),
    );
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  simulator = new ConsoleSimulator({ rateLimit: false });
  received.length = 0;
});

const options = (): ClientOptions => ({ apiKey: "console-tree-shaking-test", baseUrl, rateLimit: false, maxRetries: 0 });

/** What identifies a request on the wire; headers that vary per connection are left out. */
function wire(request: Received): Omit<Received, "headers"> & { headers: Record<string, string | undefined> } {
  const { headers } = request;
  return {
    method: request.method,
    url: request.url,
    body: request.body,
    headers: {
      accept: headers.accept,
      "content-type": headers["content-type"],
      "statsig-api-key": headers["statsig-api-key"],
      "statsig-api-version": headers["statsig-api-version"],
      "x-respect-review-settings": headers["x-respect-review-settings"],
    },
  };
}

describe("createConsoleClient and the standalone operation functions", () => {
  it("run a gate's lifecycle over a real socket", async () => {
    const client = createConsoleClient(options());
    const created = await gatesCreate(client, { name: "shaken_gate", description: "made by a function" });
    expect(created).toMatchObject({ id: "shaken_gate", name: "shaken_gate" });
    expect(await gatesGet(client, "shaken_gate")).toMatchObject({ id: "shaken_gate", description: "made by a function" });
    expect((await gatesList(client).toArray()).map((gate) => gate.id)).toEqual(["shaken_gate"]);
    await expect(gatesGet(client, "missing_gate")).rejects.toBeInstanceOf(NotFoundError);
    expect(await gatesDelete(client, "shaken_gate")).toEqual({ message: expect.any(String) });
    expect(received.map((r) => `${r.method} ${r.url.split("?")[0]}`)).toEqual([
      "POST /console/v1/gates",
      "GET /console/v1/gates/shaken_gate",
      "GET /console/v1/gates",
      "GET /console/v1/gates/missing_gate",
      "DELETE /console/v1/gates/shaken_gate",
    ]);
  });

  it("send exactly what the StatsigConsole methods send", async () => {
    const calls = async (get: (id: string) => Promise<unknown>, create: (name: string) => Promise<unknown>, list: () => Promise<unknown>) => {
      await create("same_gate");
      await get("same_gate");
      await list();
    };
    const client = createConsoleClient({ ...options(), respectReviewSettings: true });
    await calls(
      (id) => gatesGet(client, id),
      (name) => gatesCreate(client, { name }),
      () => gatesList(client, { limit: 5 }),
    );
    const fromFunctions = received.splice(0).map(wire);
    simulator = new ConsoleSimulator({ rateLimit: false });
    const sc = new StatsigConsole({ ...options(), respectReviewSettings: true });
    await calls(
      (id) => sc.gates.get(id),
      (name) => sc.gates.create({ name }),
      () => sc.gates.list({ limit: 5 }),
    );
    expect(fromFunctions).toHaveLength(3);
    expect(fromFunctions[0]!.headers["x-respect-review-settings"]).toBe("true");
    expect(received.map(wire)).toEqual(fromFunctions);
  });

  it("refuses path parameters that would reach an overlapping operation, from the descriptor alone", async () => {
    const client = createConsoleClient(options());
    await expect(metricsGet(client, "list")).rejects.toThrow(InvalidRequestError);
    await expect(metricsGet(client, "list")).rejects.toThrow(/metrics.get: these path parameters would reach metrics.list \(GET \/console\/v1\/metrics\/list\)/);
    expect(received).toEqual([]);
  });

  it("checks its options as StatsigConsole does, naming itself", () => {
    vi.stubEnv("STATSIG_CONSOLE_API_KEY", "");
    expect(() => createConsoleClient()).toThrow(/No Console API key: pass \{ apiKey \} to createConsoleClient\(\)/);
    expect(() => createConsoleClient(null as unknown as ClientOptions)).toThrow(/createConsoleClient\(\) takes an options object/);
    expect(() => createConsoleClient({ ...options(), timeoutMs: -1 })).toThrow(InvalidRequestError);
    expect(() => new StatsigConsole({ apiKey: "" })).toThrow(/pass \{ apiKey \} to new StatsigConsole\(\)/);
  });
});

describe("the operation table behind sc.raw", () => {
  it("is built on the first raw request, once, and never for clients or facade calls", async () => {
    tables.built = 0;
    const client = createConsoleClient(options());
    await gatesCreate(client, { name: "table_gate" });
    const sc = new StatsigConsole(options());
    await sc.gates.get("table_gate");
    expect(tables.built).toBe(0);
    const first = await sc.raw.GET("/console/v1/gates/{id}", { params: { path: { id: "table_gate" } } });
    expect(first.response.status).toBe(200);
    await sc.raw.GET("/console/v1/gates/{id}", { params: { path: { id: "table_gate" } } });
    await new StatsigConsole(options()).raw.GET("/console/v1/gates", {});
    expect(tables.built).toBe(1);
    // Found there, a raw request gets its operation's guards too.
    await expect(sc.raw.GET("/console/v1/metrics/{id}", { params: { path: { id: "list" } } })).rejects.toThrow(/would reach metrics.list/);
  });
});
