// `--data`: inline JSON, `@file.json`, or `-` for standard input. Any JSON syntax error is the
// user's, reported with where it came from (exit 2), never a raw SyntaxError.
import { CliUsageError } from "./exit-codes.js";
import type { CliIo } from "./io.js";

export interface BodySource {
  text: string;
  /** For messages: `--data`, `ids.json`, `standard input`. */
  origin: string;
  fromStdin: boolean;
}

export async function readBodySource(data: string, io: CliIo): Promise<BodySource> {
  if (data === "-") return { text: await io.readStdin(), origin: "standard input", fromStdin: true };
  if (data.startsWith("@")) {
    const path = data.slice(1);
    if (path === "") throw new CliUsageError("--data @<file>: the file name is missing");
    try {
      return { text: await io.readFile(path), origin: path, fromStdin: false };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CliUsageError(`--data @${path}: cannot read the file${code ? ` (${code})` : ""}`);
    }
  }
  return { text: data, origin: "--data", fromStdin: false };
}

export function parseBody(source: BodySource): unknown {
  try {
    return JSON.parse(source.text);
  } catch (error) {
    throw new CliUsageError(`${source.origin} is not valid JSON: ${(error as Error).message}`);
  }
}
