// Where the examples send their requests: the in-memory Console API simulator, so they run with
// no key and no network. This file is the only place that knows: against the real API, a client
// is `new StatsigConsole()` with STATSIG_CONSOLE_API_KEY set.
import { StatsigConsole, type ClientOptions } from "statsig-console-api";
import { ConsoleSimulator } from "statsig-console-api/testing";

export const simulator = new ConsoleSimulator();

/** A client with your options, as for the real API, but answered by the simulator. */
export function exampleClient(options: ClientOptions = {}): StatsigConsole {
  return new StatsigConsole({ apiKey: "console-example-key", ...options, fetch: simulator.fetch });
}
