// The CLI as a function: arguments and an io in, an exit status out. Every line written goes
// through a scrubber holding the API key once it is read, as a last line of defence.
import { CommanderError } from "commander";
import { createScrubber } from "../core/secrets.js";
import { buildProgram, type CommandAction, type ExtraCommand } from "./build-program.js";
import { COMPLETE_COMMAND, completionCandidates } from "./completion.js";
import { EXIT } from "./exit-codes.js";
import type { CliIo, OutputStream } from "./io.js";
import { reportError } from "./report-error.js";

/** Commander's codes for output the user asked for (help, version): exit 0. */
const REQUESTED_OUTPUT = new Set(["commander.helpDisplayed", "commander.version"]);

function scrubbingIo(io: CliIo): CliIo {
  const secrets: string[] = [];
  let scrub = (text: string) => text;
  const wrap = (stream: OutputStream): OutputStream => {
    const wrapped: OutputStream & { once?: unknown } = { write: (text: string) => stream.write(scrub(text)) };
    const once = (stream as { once?: unknown }).once;
    if (typeof once === "function") wrapped.once = once.bind(stream);
    return wrapped;
  };
  return {
    ...io,
    stdout: wrap(io.stdout),
    stderr: wrap(io.stderr),
    hideSecret: (secret) => {
      if (secret === "" || secrets.includes(secret)) return;
      secrets.push(secret);
      scrub = createScrubber(secrets);
      io.hideSecret?.(secret);
    },
  };
}

export async function runCli(argv: readonly string[], rawIo: CliIo, extras: readonly ExtraCommand[] = []): Promise<number> {
  const io = scrubbingIo(rawIo);
  let action: CommandAction | undefined;
  const program = buildProgram(
    io,
    extras,
    (chosen) => {
      action = chosen;
    },
    argv,
  );
  // Asked by the completion scripts on every Tab: answered from the tree, before any parsing.
  if (argv[0] === COMPLETE_COMMAND) {
    const candidates = completionCandidates(program, argv.slice(1));
    io.stdout.write(candidates.map((candidate) => `${candidate}\n`).join(""));
    return EXIT.ok;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return REQUESTED_OUTPUT.has(error.code) ? EXIT.ok : EXIT.usage;
    throw error;
  }
  if (!action) return EXIT.ok;
  try {
    return await action(program, io);
  } catch (error) {
    const { message, exitCode } = reportError(error);
    io.stderr.write(`${message}\n`);
    return exitCode;
  }
}
