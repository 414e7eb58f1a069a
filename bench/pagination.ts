// Time to list 10,000 items at 100 a page from a node:http server on 127.0.0.1 that answers every
// page after 100 ms: page by page (getNextPage in a loop, nothing fetched ahead), one page ahead
// (`pages()`), and in parallel (`toArray({ concurrency: 4 | 8 })`). Each is run with the caller
// doing nothing with a page, and spending WORK_MS on each page (where fetching ahead pays off).
// Every run checks that all items came back once and in order.
// Usage: npm run bench:pagination   (ITEMS, PAGE_SIZE, LATENCY_MS, WORK_MS override the defaults)
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { StatsigConsole, type Page } from "../src/index.js";

const ITEMS = Number(process.env.ITEMS ?? 10_000);
const PAGE_SIZE = Number(process.env.PAGE_SIZE ?? 100);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 100);
const WORK_MS = Number(process.env.WORK_MS ?? 50);
const PAGES = Math.ceil(ITEMS / PAGE_SIZE);

let requests = 0;
let inFlight = 0;
let maxInFlight = 0;
const server = createServer((request, response) => {
  requests++;
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  request.resume();
  const url = new URL(request.url!, "http://127.0.0.1");
  const page = Number(url.searchParams.get("page") ?? 1);
  const start = (page - 1) * PAGE_SIZE;
  const data = Array.from({ length: Math.max(0, Math.min(PAGE_SIZE, ITEMS - start)) }, (_, i) => ({
    id: `gate_${start + i}`,
    name: `gate_${start + i}`,
    description: "Controls the rollout of a feature to part of the user base.",
    isEnabled: true,
    tags: ["checkout", "growth"],
  }));
  const body = JSON.stringify({
    message: "Gates listed successfully.",
    data,
    pagination: {
      itemsPerPage: PAGE_SIZE,
      pageNumber: page,
      totalItems: ITEMS,
      nextPage: page < PAGES ? `/console/v1/gates?page=${page + 1}&limit=${PAGE_SIZE}` : null,
      previousPage: page > 1 ? `/console/v1/gates?page=${page - 1}&limit=${PAGE_SIZE}` : null,
    },
  });
  setTimeout(() => {
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    response.end(body);
    inFlight--;
  }, LATENCY_MS);
});
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const sc = new StatsigConsole({ apiKey: "console-bench-pagination", baseUrl });

type Gate = { name: string };
const pause = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

const strategies: Record<string, (workMs: number) => Promise<string[]>> = {
  "page by page (getNextPage loop)": async (workMs) => {
    const names: string[] = [];
    let page: Page<Gate> = await sc.gates.list({ limit: PAGE_SIZE });
    for (;;) {
      names.push(...page.data.map((g) => g.name));
      await pause(workMs);
      if (!page.hasNextPage()) return names;
      page = await page.getNextPage();
    }
  },
  "one page ahead (pages())": async (workMs) => {
    const names: string[] = [];
    for await (const page of sc.gates.list({ limit: PAGE_SIZE }).pages()) {
      names.push(...page.data.map((g) => g.name));
      await pause(workMs);
    }
    return names;
  },
  ...Object.fromEntries(
    [4, 8].map((concurrency) => [
      `concurrency ${concurrency} (pages({ concurrency: ${concurrency} }))`,
      async (workMs: number) => {
        const names: string[] = [];
        for await (const page of sc.gates.list({ limit: PAGE_SIZE }).pages({ concurrency })) {
          names.push(...page.data.map((g) => g.name));
          await pause(workMs);
        }
        return names;
      },
    ]),
  ),
};

const expected = Array.from({ length: ITEMS }, (_, i) => `gate_${i}`);
const rows: { strategy: string; workMsPerPage: number; seconds: number; requests: number; maxInFlight: number }[] = [];
await strategies["one page ahead (pages())"]!(0); // warm-up: JIT, sockets
for (const workMs of [0, WORK_MS]) {
  for (const [strategy, run] of Object.entries(strategies)) {
    requests = 0;
    maxInFlight = 0;
    const started = performance.now();
    const names = await run(workMs);
    const seconds = (performance.now() - started) / 1000;
    if (names.length !== expected.length || names.some((name, i) => name !== expected[i])) throw new Error(`${strategy}: items lost, repeated or out of order`);
    rows.push({ strategy, workMsPerPage: workMs, seconds: Math.round(seconds * 100) / 100, requests, maxInFlight });
  }
}
server.closeAllConnections();
server.close();

console.log(`${ITEMS} items, ${PAGE_SIZE} a page (${PAGES} pages), ${LATENCY_MS} ms per response, node ${process.version}\n`);
console.log("| strategy | caller's work per page | time | requests | max in flight |");
console.log("|---|---:|---:|---:|---:|");
for (const row of rows) console.log(`| ${row.strategy} | ${row.workMsPerPage} ms | ${row.seconds.toFixed(2)} s | ${row.requests} | ${row.maxInFlight} |`);
console.log(`\n${JSON.stringify({ items: ITEMS, pageSize: PAGE_SIZE, latencyMs: LATENCY_MS, rows })}`);
