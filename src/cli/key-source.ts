// Where the CLI's API key comes from: STATSIG_CONSOLE_API_KEY or the file named by
// --api-key-file, never a flag (it would land in shell history) and never printed.
import { CliUsageError } from "./exit-codes.js";
import type { CliIo } from "./io.js";

export const API_KEY_VARIABLE = "STATSIG_CONSOLE_API_KEY";
export const SIMULATOR_VARIABLE = "STATSIG_CONSOLE_SIMULATOR";

export type KeySource = { kind: "file" | "environment"; apiKey: string } | { kind: "none" };

export async function readApiKey(apiKeyFile: string | undefined, io: CliIo): Promise<KeySource> {
  if (apiKeyFile !== undefined) {
    let text: string;
    try {
      text = await io.readFile(apiKeyFile);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CliUsageError(`--api-key-file ${apiKeyFile}: cannot read the file${code ? ` (${code})` : ""}`);
    }
    const apiKey = text.trim();
    if (apiKey === "") throw new CliUsageError(`--api-key-file ${apiKeyFile}: the file is empty`);
    io.hideSecret?.(apiKey);
    return { kind: "file", apiKey };
  }
  const fromEnvironment = io.env[API_KEY_VARIABLE]?.trim();
  if (fromEnvironment) io.hideSecret?.(fromEnvironment);
  return fromEnvironment ? { kind: "environment", apiKey: fromEnvironment } : { kind: "none" };
}

/** The message for `--api-key`, which is refused without echoing its value. */
export const API_KEY_FLAG_REFUSED = `--api-key is not accepted: a key on the command line lands in shell history and process lists. Set ${API_KEY_VARIABLE} or pass --api-key-file <path>.`;

export const NO_KEY_MESSAGE = `No Console API key: set ${API_KEY_VARIABLE} or pass --api-key-file <path> (or --simulator, or ${SIMULATOR_VARIABLE}=1, to use the embedded simulator).`;
