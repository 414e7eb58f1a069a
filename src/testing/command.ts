// `statsig-console-simulator [--port 8787] [--host 127.0.0.1] [--no-rate-limit] [--api-key K]…`:
// serves the simulator over HTTP for tools in any language. The CLI can call this with its own argv.
import { startSimulator, type SimulatorServer, type StartSimulatorOptions } from "./server.js";

const USAGE = `Usage: statsig-console-simulator [--port 8787] [--host 127.0.0.1] [--no-rate-limit] [--api-key KEY]...
Serves an in-memory Statsig Console API at http://<host>:<port>/console/v1/ until stopped.
  --port N         port to listen on (0 picks a free one; default 8787)
  --host H         interface to listen on (default 127.0.0.1)
  --no-rate-limit  accept every request (default: the API's published limits per key)
  --api-key KEY    accept only this key (repeat for more; default: any key starting with "console-")`;

export interface CommandOutput {
  log(line: string): void;
  error(line: string): void;
}

/** Parses the arguments and starts the server. On `--help` (exit code 0) or a bad argument (2) it prints the usage and starts nothing. */
export async function runSimulatorCommand(argv: readonly string[], output: CommandOutput = console): Promise<{ server?: SimulatorServer; exitCode: number }> {
  const options: StartSimulatorOptions = { port: 8787 };
  const apiKeys: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = argv[i + 1];
    if (arg === "--help" || arg === "-h") {
      output.log(USAGE);
      return { exitCode: 0 };
    }
    if (arg === "--no-rate-limit") options.rateLimit = false;
    else if (arg === "--port" && value !== undefined && /^\d+$/.test(value) && Number(value) <= 65535) {
      options.port = Number(value);
      i++;
    } else if (arg === "--host" && value !== undefined && value !== "") {
      options.host = value;
      i++;
    } else if (arg === "--api-key" && value !== undefined && value !== "") {
      apiKeys.push(value);
      i++;
    } else {
      output.error(`statsig-console-simulator: unexpected argument ${JSON.stringify(arg)}${arg.startsWith("--") && value === undefined ? " (missing its value?)" : ""}\n${USAGE}`);
      return { exitCode: 2 };
    }
  }
  if (apiKeys.length > 0) options.apiKeys = apiKeys;
  const server = await startSimulator(options);
  output.log(`Statsig Console API simulator listening on ${server.baseUrl} (use it as the client's baseUrl; stop with Ctrl-C)`);
  return { server, exitCode: 0 };
}
