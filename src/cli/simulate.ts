// `statsig-console simulate`: the embedded simulator served over HTTP on this machine, for other
// tools and languages. serveSimulator is the seam: once src/testing exports startSimulator, it
// can take this function's place (same options, same { baseUrl, close }).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { InvalidArgumentError, Option, type Command } from "commander";
import type { CommandAction, ExtraCommand } from "./build-program.js";
import { CliUsageError, EXIT } from "./exit-codes.js";

interface ServeOptions {
  port: number;
  host: string;
}

interface ServedSimulator {
  baseUrl: string;
  close(): Promise<void>;
}

/** Largest request body the served simulator reads (an ID list of 1,000 long IDs is far below). */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

async function readRequestBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of request) {
    bytes += (chunk as Buffer).length;
    if (bytes > MAX_REQUEST_BYTES) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  return bytes === 0 ? undefined : Buffer.concat(chunks);
}

function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/** Serves a fresh ConsoleSimulator over node:http until close(). */
async function serveSimulator({ port, host }: ServeOptions): Promise<ServedSimulator> {
  const { ConsoleSimulator } = await import("../testing/simulator.js");
  const simulator = new ConsoleSimulator();
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readRequestBody(request);
    const url = new URL(request.url ?? "/", `http://${request.headers.host ?? `${host}:${port}`}`);
    const answer = await simulator.fetch(new Request(url, { method: request.method ?? "GET", headers: headersOf(request), ...(body ? { body: new Uint8Array(body) } : {}) }));
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      headers[name] = value;
    });
    response.writeHead(answer.status, headers);
    response.end(Buffer.from(await answer.arrayBuffer()));
  };
  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(400, { "content-type": "application/json" });
      response.end(JSON.stringify({ status: 400, message: "The simulator could not read the request" }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    baseUrl: `http://${shownHost}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function portNumber(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidArgumentError(`expected 0 to 65535, got "${value}"`);
  return port;
}

/** The `simulate` command; `untilStopped` resolves when the server should stop (SIGINT or SIGTERM for the bin). */
export function simulateCommand(untilStopped: () => Promise<void>): ExtraCommand {
  return {
    add(program: Command, run: (action: CommandAction) => void) {
      program
        .command("simulate")
        .summary("serve the embedded simulator over HTTP")
        .description(
          "Serves the embedded simulator over HTTP until interrupted. Prints its base URL on stdout; point STATSIG_CONSOLE_BASE_URL (or any client) at it with any console-… key.",
        )
        .addOption(new Option("--port <port>", "port to listen on (0: any free port)").default(8787).argParser(portNumber))
        .addOption(new Option("--host <host>", "interface to listen on").default("127.0.0.1"))
        .action((options: { port: number; host: string }) => {
          run(async (_program, io) => {
            let served: ServedSimulator;
            try {
              served = await serveSimulator(options);
            } catch (error) {
              throw new CliUsageError(`simulate: cannot listen on ${options.host}:${options.port} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
            }
            io.stdout.write(`${served.baseUrl}\n`);
            io.stderr.write(
              `Simulator listening on ${served.baseUrl}; try: STATSIG_CONSOLE_BASE_URL=${served.baseUrl} STATSIG_CONSOLE_API_KEY=console-local statsig-console gates list\n`,
            );
            await untilStopped();
            await served.close();
            return EXIT.ok;
          });
        });
    },
  };
}
