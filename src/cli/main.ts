#!/usr/bin/env node
// The statsig-console bin.
import { completionCommand } from "./completion-command.js";
import { processIo } from "./io.js";
import { runCli } from "./run.js";
import { simulateCommand } from "./simulate.js";
import { verifyCommand } from "./verify-command.js";

// A reader that goes away (`| head`) ends the output, not the process with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const untilStopped = () =>
  new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });

process.exitCode = await runCli(process.argv.slice(2), processIo(), [completionCommand, simulateCommand(untilStopped), verifyCommand]);
