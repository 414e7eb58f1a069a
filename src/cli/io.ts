// The process the CLI talks to, as one object: tests pass their own streams, environment and
// terminal flags (a simulated TTY) and run the whole CLI in-process.
import { readFile } from "node:fs/promises";

export interface OutputStream {
  write(text: string): unknown;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** The whole of standard input (for `--data -`). */
  readStdin(): Promise<string>;
  /** One line typed at the terminal (for a confirmation), or undefined at end of input. */
  readLine(): Promise<string | undefined>;
  readFile(path: string): Promise<string>;
  env: Readonly<Record<string, string | undefined>>;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Terminal width for tables and help. */
  columns: number;
  /** Registers a secret (the API key once read) to be masked in everything written. */
  hideSecret?: ((secret: string) => void) | undefined;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

async function readLineFrom(stream: NodeJS.ReadStream): Promise<string | undefined> {
  const { createInterface } = await import("node:readline");
  const lines = createInterface({ input: stream, terminal: false });
  try {
    for await (const line of lines) return line;
    return undefined;
  } finally {
    lines.close();
  }
}

/** The real process. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: () => readAll(process.stdin),
    readLine: () => readLineFrom(process.stdin),
    readFile: (path) => readFile(path, "utf8"),
    env: process.env,
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.columns ?? 100,
  };
}
