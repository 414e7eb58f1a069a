// A consumer of the built package, run by other runtimes (Node 24, Bun, Deno) in the package
// test. argv: <dist dir> <base URL of a loopback server>. Prints what it saw as JSON.
const [distDir, baseUrl] = globalThis.Deno ? Deno.args : process.argv.slice(2);
const { StatsigConsole, NotFoundError, APITimeoutError } = await import(`${distDir}/index.js`);
const { ConsoleSimulator } = await import(`${distDir}/testing/index.js`);

const result = {};

// Through the runtime's own fetch, over loopback: a 503 retried, pages, a 404, a timeout.
const sc = new StatsigConsole({ apiKey: "console-runtime", baseUrl, retry: { initialDelayMs: 10 } });
result.retried = (await sc.gates.get("flaky")).name;
result.listed = (await sc.gates.list({ limit: 2 }).toArray()).map((g) => g.name);
try {
  await sc.gates.get("missing");
} catch (error) {
  result.notFound = error instanceof NotFoundError;
}
try {
  await sc.gates.get("slow", { timeoutMs: 100, maxRetries: 0 });
} catch (error) {
  result.timedOut = error instanceof APITimeoutError;
}

// Against the in-memory simulator.
const simulator = new ConsoleSimulator();
const local = new StatsigConsole({ apiKey: "console-runtime", fetch: simulator.fetch });
await local.gates.create({ name: "made_here" });
result.simulated = (await local.gates.get("made_here")).name;

console.log(JSON.stringify(result));
