// The simulator as a real HTTP server on 127.0.0.1 (node:http): the same ConsoleSimulator that
// serves the in-process `fetch` and the msw handlers answers every request, so tools in any language
// (and the CLI) can use it. Optional seeded faults make it misbehave like a real network.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { APPLIED_BEFORE_FAULT, faultPlanner, type FaultPlan, type SimulatorFaultKind, type SimulatorFaults } from "./faults.js";
import { ConsoleSimulator, type SimulatorOptions } from "./simulator.js";

export interface StartSimulatorOptions extends SimulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number | undefined;
  /** Interface to listen on. Default `127.0.0.1`: nothing outside this machine can reach it. */
  host?: string | undefined;
  /** Latency and failures to inject; none by default. */
  faults?: SimulatorFaults | false | undefined;
}

export interface InjectedFault {
  kind: SimulatorFaultKind;
  method: string;
  path: string;
}

export interface SimulatorServer {
  /** `http://127.0.0.1:<port>`: the client's `baseUrl`. */
  baseUrl: string;
  /** The simulator behind the server: seed it, read its requests and snapshot. */
  simulator: ConsoleSimulator;
  /** Every fault injected, in order. */
  faults: InjectedFault[];
  /** Stops listening and ends every open connection (stalled answers included). */
  close(): Promise<void>;
}

const JSON_TYPE = { "content-type": "application/json" };

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function toRequest(request: IncomingMessage, body: Buffer, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  const method = request.method ?? "GET";
  return new Request(new URL(request.url ?? "/", origin), { method, headers, ...(body.length > 0 && method !== "GET" && method !== "HEAD" ? { body: new Uint8Array(body) } : {}) });
}

/** The faults that refuse a request before the simulator sees it. */
function refuse(kind: SimulatorFaultKind, response: ServerResponse, socket: Socket): void {
  if (kind === "reset-before-headers") socket.destroy();
  else if (kind === "html-502") response.writeHead(502, { "content-type": "text/html" }).end("<html><body><h1>502 Bad Gateway</h1></body></html>");
  else if (kind === "429") response.writeHead(429, { ...JSON_TYPE, "retry-after": "1" }).end(JSON.stringify({ status: 429, message: "Too many requests" }));
  else response.writeHead(503, JSON_TYPE).end(JSON.stringify({ status: 503, message: "Service unavailable" }));
}

/** The faults that strike after the simulator handled the request: its answer is lost or damaged. */
function damage(kind: SimulatorFaultKind, answer: Buffer, response: ServerResponse, socket: Socket): void {
  const half = answer.subarray(0, Math.floor(answer.length / 2));
  if (kind === "reset-mid-body") {
    response.writeHead(200, { ...JSON_TYPE, "content-length": String(answer.length) });
    response.write(half, () => socket.destroy());
  } else if (kind === "endless-body") {
    response.writeHead(200, JSON_TYPE);
    response.write(half);
  } else if (kind === "truncated-json") response.writeHead(200, JSON_TYPE).end(half);
  else if (kind === "empty-200") response.writeHead(200, JSON_TYPE).end();
  else if (kind === "500") response.writeHead(500, JSON_TYPE).end(JSON.stringify({ status: 500, message: "Internal server error" }));
  // no-answer: nothing is written; the connection stays open until the client gives up or close().
}

/** Starts the simulator on `http://127.0.0.1:<port>`. */
export async function startSimulator(options: StartSimulatorOptions = {}): Promise<SimulatorServer> {
  const { port = 0, host = "127.0.0.1", faults: faultOptions, ...simulatorOptions } = options;
  const simulator = new ConsoleSimulator(simulatorOptions);
  const plan: () => FaultPlan = faultOptions ? faultPlanner(faultOptions) : () => ({ latencyMs: 0, kind: undefined });
  const faults: InjectedFault[] = [];
  let origin = "";

  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const { latencyMs, kind } = plan();
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      if (kind) faults.push({ kind, method: request.method ?? "GET", path: request.url ?? "/" });
      if (kind && !APPLIED_BEFORE_FAULT[kind]) return refuse(kind, response, request.socket);
      const answer = await simulator.fetch(toRequest(request, body, origin));
      const bytes = Buffer.from(await answer.arrayBuffer());
      if (kind) return damage(kind, bytes, response, request.socket);
      const headers: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        headers[name] = value;
      });
      response.writeHead(answer.status, headers).end(bytes);
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, JSON_TYPE).end(JSON.stringify({ status: 500, message: `simulator error: ${String(error)}` }));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  return {
    baseUrl: origin,
    simulator,
    faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
