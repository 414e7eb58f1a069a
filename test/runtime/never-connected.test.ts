// A create (not idempotent) may be sent again after a failure only when the connection was never
// established, so the server cannot have seen it. Which error codes say so, through the client.
import { describe, expect, it } from "vitest";
import { APIConnectionError, StatsigConsole, type FetchFunction } from "../../src/index.js";
import { json } from "../helpers/core.js";

/** A fetch that fails once with `failure`, then answers 201; it counts attempts. */
function failingOnce(failure: () => unknown) {
  let attempts = 0;
  const fetch: FetchFunction = async () => {
    attempts++;
    if (attempts === 1) throw failure();
    return json({ message: "Created", data: { id: "g1", name: "g1" } }, 201);
  };
  return { fetch, attempts: () => attempts };
}

/** What undici throws: a TypeError whose cause carries the system error code. */
function fetchFailed(code: string): TypeError {
  return Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error(`connect ${code}`), { code }) });
}

const client = (fetch: FetchFunction) =>
  new StatsigConsole({ apiKey: "console-never-connected", fetch, rateLimit: false, maxRetries: 2, retry: { initialDelayMs: 0, maxDelayMs: 0 } });

describe("a create that failed before any response", () => {
  it.each(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"])(
    "is sent again after %s: the connection was never made",
    async (code) => {
      const { fetch, attempts } = failingOnce(() => fetchFailed(code));
      expect(await client(fetch).gates.create({ name: "g1" })).toEqual({ id: "g1", name: "g1" });
      expect(attempts()).toBe(2);
    },
  );

  it.each(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "ETIMEDOUT"])("is not sent again after %s: the server may have applied it", async (code) => {
    const { fetch, attempts } = failingOnce(() => fetchFailed(code));
    await expect(client(fetch).gates.create({ name: "g1" })).rejects.toBeInstanceOf(APIConnectionError);
    expect(attempts()).toBe(1);
  });

  it("is not sent again after a failure that names no code, and fails with APIConnectionError", async () => {
    const { fetch, attempts } = failingOnce(() => new TypeError("fetch failed"));
    await expect(client(fetch).gates.create({ name: "g1" })).rejects.toBeInstanceOf(APIConnectionError);
    expect(attempts()).toBe(1);
  });

  it("reads a code several causes down, and stops on a cause chain that loops", async () => {
    const wrapped = () => Object.assign(new TypeError("fetch failed"), { cause: new Error("wrapper", { cause: fetchFailed("ECONNREFUSED") }) });
    const deep = failingOnce(wrapped);
    await client(deep.fetch).gates.create({ name: "g1" });
    expect(deep.attempts()).toBe(2);

    const looping = failingOnce(() => {
      const error = new Error("socket trouble") as Error & { cause?: unknown };
      error.cause = error;
      return error;
    });
    await expect(client(looping.fetch).gates.create({ name: "g1" })).rejects.toBeInstanceOf(APIConnectionError);
    expect(looping.attempts()).toBe(1);
  });
});
