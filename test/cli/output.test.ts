// Output modes against a paged list on 127.0.0.1: JSON (compact when piped, pretty on a
// terminal), NDJSON streamed across pages, tables, --fields, dry runs; and golden help.
import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, runInProcess, startServer, type TestServer } from "./helpers.js";

const KEY = "console-output-test-key-4f1c9e";
const PAGES = 3;
const PER_PAGE = 2;
const gates = Array.from({ length: 5 }, (_, index) => ({
  id: `g${index + 1}`,
  name: `gate number ${index + 1}`,
  isEnabled: index % 2 === 0,
  owner: { ownerName: `Owner ${index + 1}`, ownerType: "USER" },
  rules: [{ name: "r", passPercentage: 10 * index }],
}));

let server: TestServer;
/** Holds back the last page until the test lets it go. */
let releaseLastPage: Promise<void> = Promise.resolve();

function servePage(url: URL, response: ServerResponse): void {
  const page = Number(url.searchParams.get("page") ?? "1");
  const data = gates.slice((page - 1) * PER_PAGE, page * PER_PAGE);
  json(response, 200, {
    data,
    pagination: {
      itemsPerPage: PER_PAGE,
      pageNumber: page,
      totalItems: gates.length,
      nextPage: page < PAGES ? `/console/v1/gates?page=${page + 1}&limit=${PER_PAGE}` : null,
      previousPage: null,
    },
  });
}

beforeAll(async () => {
  server = await startServer(async (request, response) => {
    const url = new URL(request.path, "http://x");
    if (url.pathname === "/console/v1/gates" && request.method === "GET") {
      if (url.searchParams.get("page") === String(PAGES)) await releaseLastPage;
      servePage(url, response);
      return;
    }
    if (request.method === "PATCH" && url.pathname === "/console/v1/segments/beta/id_list") {
      const { ids } = JSON.parse(request.body) as { ids: string[] };
      return json(response, 200, { message: `added ${ids.length}` });
    }
    if (url.pathname.startsWith("/console/v1/dynamic_configs/")) return json(response, 200, { message: "ok", data: { id: "cfg" } });
    json(response, 404, { status: 404, message: "not here" });
  });
});
afterAll(() => server.close());

const env = () => ({ STATSIG_CONSOLE_API_KEY: KEY, STATSIG_CONSOLE_BASE_URL: server.baseUrl });

describe("JSON", () => {
  it("is compact when piped and prints one page's items; nothing on stderr", async () => {
    const run = await runInProcess(["gates", "list", "--limit", "2"], { env: env() });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(`${JSON.stringify(gates.slice(0, 2))}\n`);
    expect(run.stderr).toBe("");
    expect(server.requests.at(-1)?.path).toBe("/console/v1/gates?limit=2");
  });

  it("is pretty on a terminal, and says where more items are", async () => {
    const run = await runInProcess(["gates", "list", "--limit", "2"], { env: env(), tty: true });
    expect(run.stdout).toBe(`${JSON.stringify(gates.slice(0, 2), null, 2)}\n`);
    expect(run.stderr).toContain("more items on page 2");
  });

  it("--all writes every page's items as one array, the same text JSON.stringify gives", async () => {
    const piped = await runInProcess(["gates", "list", "--limit", "2", "--all"], { env: env() });
    expect(piped.stdout).toBe(`${JSON.stringify(gates)}\n`);
    const pretty = await runInProcess(["gates", "list", "--limit", "2", "--all"], { env: env(), tty: true });
    expect(pretty.stdout).toBe(`${JSON.stringify(gates, null, 2)}\n`);
    expect(pretty.stderr).toContain(`page ${PAGES} fetched (${gates.length} items so far)`);
  });

  it("--fields keeps the named fields, nested as they were", async () => {
    const run = await runInProcess(["gates", "list", "--fields", "id,owner.ownerName,rules.0.passPercentage"], { env: env() });
    expect(JSON.parse(run.stdout)).toEqual(
      gates.slice(0, 2).map((g) => ({ id: g.id, owner: { ownerName: g.owner.ownerName }, rules: { 0: { passPercentage: g.rules[0]?.passPercentage } } })),
    );
  });

  it("--fields with an empty name is bad input", async () => {
    const run = await runInProcess(["gates", "list", "--fields", "id,,name"], { env: env() });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--fields");
  });
});

describe("NDJSON", () => {
  it("--all streams one item per line, writing each page before the next one has arrived", async () => {
    let release = () => {};
    releaseLastPage = new Promise<void>((resolve) => {
      release = resolve;
    });
    let lines = 0;
    let linesBeforeLastPage = -1;
    const safety = setTimeout(release, 3_000);
    const run = await runInProcess(["gates", "list", "--limit", "2", "--all", "--output", "ndjson"], {
      env: env(),
      onStdout: (text) => {
        lines += text.split("\n").length - 1;
        if (lines === (PAGES - 1) * PER_PAGE && linesBeforeLastPage === -1) {
          linesBeforeLastPage = lines;
          release();
        }
      },
    });
    clearTimeout(safety);
    releaseLastPage = Promise.resolve();
    expect(run.exitCode).toBe(0);
    // The first two pages were on stdout while the third was still held back by the server.
    expect(linesBeforeLastPage).toBe((PAGES - 1) * PER_PAGE);
    expect(
      run.stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual(gates);
  });
});

describe("table", () => {
  it("aligns the chosen fields in columns (golden)", async () => {
    const run = await runInProcess(["gates", "list", "--all", "--output", "table", "--fields", "id,name,isEnabled,owner.ownerName"], { env: env(), columns: 80 });
    expect(run.exitCode).toBe(0);
    await expect(run.stdout).toMatchFileSnapshot("./golden/table.txt");
  });

  it("picks scalar columns by itself and fits a narrow terminal", async () => {
    const run = await runInProcess(["gates", "list", "--output", "table"], { env: env(), columns: 30 });
    const [header, rule, ...rows] = run.stdout.trimEnd().split("\n");
    expect(header?.split(/\s+/)).toEqual(["id", "name", "isEnabled"]);
    expect(rule).toMatch(/^[- ]+$/);
    expect(rows).toHaveLength(2);
    for (const line of [header, rule, ...rows]) expect(line?.length).toBeLessThanOrEqual(30);
  });
});

describe("--dry-run", () => {
  it("prints method, URL, headers with the key masked and the body, and sends nothing (golden)", async () => {
    const before = server.requests.length;
    const run = await runInProcess(["gates", "rules", "patch", "checkout_v2", "r1", "--data", '{"passPercentage":50}', "--dry-run", "--respect-review-settings"], {
      env: env(),
      tty: true,
    });
    expect(run.exitCode).toBe(0);
    expect(server.requests.length).toBe(before);
    const printed = JSON.parse(run.stdout);
    expect(printed).toMatchObject({ dryRun: true, method: "PATCH", url: `${server.baseUrl}/console/v1/gates/checkout_v2/rules/r1`, body: { passPercentage: 50 } });
    expect(printed.headers).toMatchObject({ "statsig-api-key": "[hidden]", "x-respect-review-settings": "true", "statsig-api-version": "20240601" });
    expect(run.stdout + run.stderr).not.toContain(KEY);
    expect(run.stdout + run.stderr).not.toContain("4f1c9e");
    await expect(run.stdout.replace(server.baseUrl, "http://127.0.0.1:PORT")).toMatchFileSnapshot("./golden/dry-run.json");
  });

  it("needs no key, and asks no confirmation on a terminal", async () => {
    const run = await runInProcess(["gates", "delete", "old", "--dry-run"], { tty: true });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ method: "DELETE", url: "https://statsigapi.net/console/v1/gates/old", headers: { "statsig-api-key": "[hidden]" } });
    expect(run.stderr).not.toContain("[y/N]");
  });
});

describe("help", () => {
  it("lists the groups at the root (golden)", async () => {
    const run = await runInProcess(["--help"], { columns: 100 });
    expect(run.exitCode).toBe(0);
    await expect(run.stdout).toMatchFileSnapshot("./golden/help-root.txt");
  });

  it("documents an operation from the spec: summary, description, parameters, body fields, an example (golden)", async () => {
    const run = await runInProcess(["gates", "list", "--help"], { columns: 100 });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("--type <value>"); // a query parameter, with its enum
    expect(run.stdout).toMatch(/one of TEMPORARY, PERMANENT/);
    await expect(run.stdout).toMatchFileSnapshot("./golden/help-gates-list.txt");
    const patch = await runInProcess(["gates", "rules", "patch", "--help"], { columns: 100 });
    await expect(patch.stdout).toMatchFileSnapshot("./golden/help-gates-rules-patch.txt");
  });
});

describe("requests", () => {
  it("a chunked command sends the IDs in requests of at most 1,000, in order, with progress", async () => {
    const ids = Array.from({ length: 2_500 }, (_, index) => `user_${index}`);
    const before = server.requests.length;
    const run = await runInProcess(["segments", "id-list", "add-in-chunks", "beta", "--data", "@ids.json", "--yes", "--progress"], {
      env: env(),
      files: { "ids.json": JSON.stringify({ ids }) },
    });
    expect(run.exitCode).toBe(0);
    const sent = server.requests.slice(before).map((request) => (JSON.parse(request.body) as { ids: string[] }).ids);
    expect(sent.map((chunk) => chunk.length)).toEqual([1_000, 1_000, 500]);
    expect(sent.flat()).toEqual(ids);
    expect(JSON.parse(run.stdout)).toEqual([{ message: "added 1000" }, { message: "added 1000" }, { message: "added 500" }]);
    expect(run.stderr).toContain("chunk 3/3 sent");
  });

  it("query flags are typed and repeatable, and ride along with a body", async () => {
    await runInProcess(["gates", "list", "--tags", "a b", "--tags", "c", "--limit", "5", "--query", "includeArchived=true"], { env: env() });
    expect(server.requests.at(-1)?.path).toBe("/console/v1/gates?tags=a%20b&tags=c&includeArchived=true&limit=5");
    const run = await runInProcess(["dynamic-configs", "patch", "cfg", "--data", '{"description":"d"}', "--dryRun"], { env: env() });
    expect(run.exitCode).toBe(0);
    expect(server.requests.at(-1)).toMatchObject({ method: "PATCH", path: "/console/v1/dynamic_configs/cfg?dryRun=true", body: '{"description":"d"}' });
  });
});
