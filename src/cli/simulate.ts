// `statsig-console simulate`: the simulator (statsig-console-api/testing's startSimulator, the same
// one the in-process fetch and the msw handlers use) served over HTTP on this machine, for other
// tools and languages.
import { InvalidArgumentError, Option, type Command } from "commander";
import { startSimulator, type SimulatorServer } from "../testing/server.js";
import type { CommandAction, ExtraCommand } from "./build-program.js";
import { CliUsageError, EXIT } from "./exit-codes.js";

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
        .addOption(new Option("--no-rate-limit", "accept every request (default: the API's published limits, per key)"))
        .action((options: { port: number; host: string; rateLimit: boolean }) => {
          run(async (_program, io) => {
            let served: SimulatorServer;
            try {
              served = await startSimulator({ port: options.port, host: options.host, rateLimit: options.rateLimit ? undefined : false });
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
