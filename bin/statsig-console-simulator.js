#!/usr/bin/env node
// The simulator as a command (src/testing/command.ts), from the built package.
import { runSimulatorCommand } from "../dist/testing/index.js";

const { server, exitCode } = await runSimulatorCommand(process.argv.slice(2));
process.exitCode = exitCode;
if (server) for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => void server.close());
