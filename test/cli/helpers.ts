// Runs the CLI in-process with captured streams, a chosen environment and simulated terminal
// flags; and a recording server on 127.0.0.1 for the CLI to talk to.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { CliIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/run.js";
import { completionCommand } from "../../src/cli/completion-command.js";
import { simulateCommand } from "../../src/cli/simulate.js";
import { verifyCommand } from "../../src/cli/verify-command.js";

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** Answers to confirmation questions, in order. */
  answers?: string[];
  /** Simulates a terminal on stdin, stdout and stderr. */
  tty?: boolean;
  files?: Record<string, string>;
  columns?: number;
  /** Sees each write to stdout as it happens. */
  onStdout?: (text: string) => void;
}

export async function runInProcess(argv: readonly string[], options: RunOptions = {}): Promise<CliRun & { io: CliIo }> {
  let stdout = "";
  let stderr = "";
  const answers = [...(options.answers ?? [])];
  const io: CliIo = {
    stdout: {
      write: (text: string) => {
        stdout += text;
        options.onStdout?.(text);
        return true;
      },
    },
    stderr: {
      write: (text: string) => {
        stderr += text;
        return true;
      },
    },
    readStdin: async () => options.stdin ?? "",
    readLine: async () => answers.shift(),
    readFile: async (path: string) => {
      const text = options.files?.[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
      return text;
    },
    env: options.env ?? {},
    stdinIsTTY: options.tty === true,
    stdoutIsTTY: options.tty === true,
    stderrIsTTY: options.tty === true,
    columns: options.columns ?? 100,
  };
  // In process, `simulate` stops as soon as it has started (the bin waits for a signal).
  const exitCode = await runCli(argv, io, [completionCommand, simulateCommand(async () => {}), verifyCommand]);
  return { exitCode, stdout, stderr, io };
}

interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface TestServer {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

/** A node:http server on 127.0.0.1 that records every request and answers with `handler`. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const recorded: RecordedRequest = { method: request.method ?? "", path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") };
    requests.push(recorded);
    await handler(recorded, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}
