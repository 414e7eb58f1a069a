// Keys, confirmation and exit codes: where the key comes from and that it never appears; a
// terminal asks before a mutation; bad input exits 2 before anything is sent; API errors exit 1
// with status, message and field errors; a 429 wait shows; no server at all exits 3.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, runInProcess, startServer, type CliRun, type TestServer } from "./helpers.js";

const KEY = "console-safety-key-8d2b71";
let server: TestServer;
let rateLimitedOnce = false;

beforeAll(async () => {
  server = await startServer((request, response) => {
    const { pathname } = new URL(request.path, "http://x");
    if (pathname === "/console/v1/gates/missing") return json(response, 404, { status: 404, message: "Gate missing not found" });
    if (pathname === "/console/v1/gates" && request.method === "POST") {
      return json(response, 400, { status: 400, message: "Invalid request", errors: [{ property: "name", errorMessage: "already taken" }] });
    }
    if (pathname === "/console/v1/gates/busy/enable") {
      if (!rateLimitedOnce) {
        rateLimitedOnce = true;
        return json(response, 429, { status: 429, message: "Too many requests" }, { "retry-after-ms": "20" });
      }
      return json(response, 200, { message: "enabled", data: { id: "busy" } });
    }
    if (request.method === "DELETE") return json(response, 200, { message: "deleted" });
    return json(response, 200, { message: "ok", data: { id: "g", echoedKey: request.headers["statsig-api-key"] } });
  });
});
afterAll(() => server.close());

const env = (extra: Record<string, string> = {}) => ({ STATSIG_CONSOLE_API_KEY: KEY, STATSIG_CONSOLE_BASE_URL: server.baseUrl, ...extra });

function expectNoKey(run: CliRun, key = KEY): void {
  expect(run.stdout).not.toContain(key);
  expect(run.stderr).not.toContain(key);
}

describe("the API key", () => {
  it("comes from STATSIG_CONSOLE_API_KEY, and is masked even in a response that echoes it", async () => {
    const run = await runInProcess(["gates", "get", "g"], { env: env() });
    expect(run.exitCode).toBe(0);
    expect(server.requests.at(-1)?.headers["statsig-api-key"]).toBe(KEY);
    expect(JSON.parse(run.stdout)).toEqual({ id: "g", echoedKey: "[redacted]" });
    expectNoKey(run);
  });

  it("comes from --api-key-file (trimmed), which wins over the environment", async () => {
    const fileKey = "console-from-file-5e0a";
    const run = await runInProcess(["gates", "get", "g", "--api-key-file", "/keys/statsig"], { env: env(), files: { "/keys/statsig": `${fileKey}\n` } });
    expect(run.exitCode).toBe(0);
    expect(server.requests.at(-1)?.headers["statsig-api-key"]).toBe(fileKey);
    expectNoKey(run, fileKey);
  });

  it("is refused as a flag (exit 2) without echoing it, and nothing is sent", async () => {
    const before = server.requests.length;
    const run = await runInProcess(["gates", "get", "g", "--api-key", "console-typed-on-the-line-77"], { env: { STATSIG_CONSOLE_BASE_URL: server.baseUrl } });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--api-key is not accepted");
    expectNoKey(run, "console-typed-on-the-line-77");
    expect(server.requests.length).toBe(before);
  });

  it("missing: exit 2 naming every way to give one", async () => {
    const run = await runInProcess(["gates", "get", "g"], { env: { STATSIG_CONSOLE_BASE_URL: server.baseUrl } });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("STATSIG_CONSOLE_API_KEY");
    expect(run.stderr).toContain("--api-key-file");
  });

  it("an unreadable or empty key file: exit 2", async () => {
    expect((await runInProcess(["gates", "get", "g", "--api-key-file", "/nope"], { env: env() })).exitCode).toBe(2);
    expect((await runInProcess(["gates", "get", "g", "--api-key-file", "/empty"], { env: env(), files: { "/empty": " \n" } })).exitCode).toBe(2);
  });

  it("a key that is not a Console key: exit 2, the key not quoted", async () => {
    const run = await runInProcess(["gates", "get", "g"], { env: env({ STATSIG_CONSOLE_API_KEY: "secret-server-key-123" }) });
    expect(run.exitCode).toBe(2);
    expectNoKey(run, "secret-server-key-123");
  });

  it("STATSIG_CONSOLE_SIMULATOR=1 without a key runs against the embedded simulator; --simulator too", async () => {
    const before = server.requests.length;
    const created = await runInProcess(["gates", "create", "--data", '{"name":"sim_gate"}'], { env: { STATSIG_CONSOLE_SIMULATOR: "1" } });
    expect(created.exitCode).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ id: "sim_gate", name: "sim_gate" });
    const flagged = await runInProcess(["--simulator", "gates", "list"], { env: {} });
    expect(flagged.exitCode).toBe(0);
    expect(JSON.parse(flagged.stdout)).toEqual([]);
    expect(server.requests.length).toBe(before);
  });
});

describe("confirmation of mutations", () => {
  it("a terminal is asked; anything but yes sends nothing and exits 1", async () => {
    const before = server.requests.length;
    const run = await runInProcess(["gates", "delete", "old_gate"], { env: env(), tty: true, answers: ["n"] });
    expect(run.stderr).toContain("DELETE /console/v1/gates/old_gate");
    expect(run.stderr).toContain("[y/N]");
    expect(run.stderr).toContain("Not sent.");
    expect(run.exitCode).toBe(1);
    expect(server.requests.length).toBe(before);
    const empty = await runInProcess(["gates", "delete", "old_gate"], { env: env(), tty: true, answers: [] });
    expect(empty.exitCode).toBe(1);
    expect(server.requests.length).toBe(before);
  });

  it("y sends it; the question shows the body", async () => {
    const run = await runInProcess(["gates", "rules", "patch", "g", "r1", "--data", '{"passPercentage":50}'], { env: env(), tty: true, answers: ["y"] });
    expect(run.stderr).toContain('body: {"passPercentage":50}');
    expect(run.exitCode).toBe(0);
    expect(server.requests.at(-1)).toMatchObject({ method: "PATCH", path: "/console/v1/gates/g/rules/r1", body: '{"passPercentage":50}' });
  });

  it("--yes skips the question; a pipe is never asked; reads are never asked", async () => {
    for (const [argv, tty] of [
      [["gates", "delete", "a", "--yes"], true],
      [["gates", "delete", "b"], false],
      [["gates", "get", "c"], true],
    ] as const) {
      const run = await runInProcess(argv, { env: env(), tty, answers: ["n"] });
      expect(run.stderr).not.toContain("[y/N]");
      expect(run.exitCode).toBe(0);
    }
  });

  it("--respect-review-settings sends the review header", async () => {
    await runInProcess(["gates", "delete", "d", "--respect-review-settings"], { env: env() });
    expect(server.requests.at(-1)?.headers["x-respect-review-settings"]).toBe("true");
  });
});

describe("exit codes", () => {
  it.each([
    [["gates", "frobnicate"], "unknown command"],
    [["gates", "get"], "missing required argument 'id'"],
    [["gates", "get", "g", "--nope"], "unknown option '--nope'"],
    [["gates", "create", "--data", "{nope"], "--data is not valid JSON"],
    [["gates", "create"], "needs a request body"],
    [["gates", "create", "--data", '{"name":"ab"}'], "body.name must NOT have fewer than 3 characters"],
    [["gates", "create", "--data", '{"name":"abc","type":"FOREVER"}'], "body.type must be equal to one of the allowed values"],
    [["gates", "create", "--data", "@missing.json"], "cannot read the file"],
    [["gates", "list", "--limit", "ten"], "expected an integer"],
    [["gates", "list", "--query", "colour=red"], "--query colour"],
    [["gates", "list", "--type", "FOREVER"], '"FOREVER" is not one of'],
    [["gates", "get", ".."], "id"],
    [["gates"], "Usage: statsig-console gates"],
    [["gates", "list", "--output", "xml"], "Allowed choices are json, ndjson, table"],
  ])("%j is bad input: exit 2, a message, nothing sent", async (argv, message) => {
    const before = server.requests.length;
    const run = await runInProcess(argv, { env: env() });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(message);
    expect(server.requests.length).toBe(before);
    expectNoKey(run);
  });

  it("a body from a file or standard input is checked the same way", async () => {
    const fromFile = await runInProcess(["gates", "create", "--data", "@gate.json", "--yes"], { env: env(), files: { "gate.json": '{"name":"from_file"}' } });
    expect(server.requests.at(-1)).toMatchObject({ method: "POST", body: '{"name":"from_file"}' });
    expect(fromFile.exitCode).toBe(1); // the server refuses every create (below)
    const fromStdin = await runInProcess(["gates", "create", "--data", "-"], { env: env(), stdin: '{"name":1}' });
    expect(fromStdin.exitCode).toBe(2);
    expect(fromStdin.stderr).toContain("body.name must be string");
  });

  it("an API error: exit 1 with the status, the API's message and its field errors", async () => {
    const run = await runInProcess(["gates", "create", "--data", '{"name":"taken_name"}'], { env: env() });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("400 BadRequestError from POST /console/v1/gates: Invalid request");
    expect(run.stderr).toContain("  - name: already taken");
    const missing = await runInProcess(["gates", "get", "missing"], { env: env() });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain("404 NotFoundError from GET /console/v1/gates/missing: Gate missing not found");
    expectNoKey(missing);
  });

  it("a 429 wait shows on stderr, and the retry succeeds", async () => {
    const run = await runInProcess(["gates", "enable", "busy", "--progress"], { env: env() });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/PUT \/console\/v1\/gates\/busy\/enable: 429, retrying in 20 ms/);
    expect(JSON.parse(run.stdout)).toEqual({ id: "busy" });
  });

  it("no server: exit 3", async () => {
    const closed = await startServer(() => {});
    await closed.close();
    const run = await runInProcess(["gates", "get", "g"], { env: env({ STATSIG_CONSOLE_BASE_URL: closed.baseUrl }) });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain("APIConnectionError");
  }, 20_000);
});
