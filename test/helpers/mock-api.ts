// The one mock Console API for msw-backed tests: `useMockApi()` starts an msw server for the test
// file, records every request that reaches it, answers with what the test queues, and builds
// clients pointed at it. Every resource test uses it; nothing else in test/ sets msw up by hand.
import { http, HttpResponse, type JsonBodyType } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { StatsigConsole, type ClientOptions } from "../../src/index.js";

export const BASE_URL = "https://statsigapi.net";
export const TEST_KEY = "console-test-key-0123456789";

interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  bodyText: string;
}

type Responder = (request: RecordedRequest) => Response | Promise<Response>;

/**
 * A client for msw-backed tests: the test key, no client-side rate limiting, no retries unless asked
 * (`maxRetries`), and retry delays of 1 ms so that a retry costs no time. The base URL is the
 * client's default, so every msw-backed test also checks that the default is BASE_URL (msw answers
 * nothing else).
 */
function testClient(options: ClientOptions = {}): StatsigConsole {
  return new StatsigConsole({ apiKey: TEST_KEY, maxRetries: 0, rateLimit: false, retry: { initialDelayMs: 1, maxDelayMs: 1 }, ...options });
}

/**
 * The mock API for one test file: listens before its first test (a request nobody answers fails
 * the test), forgets the recorded requests after each test, closes after the last. `respond…`
 * queue answers, `requests` holds what arrived, `client()` builds a client of it.
 */
export function useMockApi() {
  const requests: RecordedRequest[] = [];
  let responder: Responder = () => HttpResponse.json({ status: 500, message: "no responder set" }, { status: 500 });
  const server = setupServer(
    http.all(`${BASE_URL}/*`, async ({ request }) => {
      const recorded: RecordedRequest = {
        method: request.method,
        url: new URL(request.url),
        headers: request.headers,
        bodyText: await request.text(),
      };
      requests.push(recorded);
      return responder(recorded);
    }),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  const reset = () => {
    requests.length = 0;
  };
  afterEach(reset);
  afterAll(() => server.close());
  return {
    requests,
    /** The query of the `index`-th request as `name=value` texts, in the order sent. */
    query(index = 0): string[] {
      return [...requests[index]!.url.searchParams].map(([name, value]) => `${name}=${value}`);
    },
    /** Forget the requests recorded so far (done after every test anyway). */
    reset,
    /** Answer every request with this function (replaces the previous one). */
    respond(next: Responder) {
      responder = next;
    },
    /** Answer every request with this JSON and status. */
    respondJson(body: JsonBodyType, status = 200) {
      responder = () => HttpResponse.json(body, { status });
    },
    /** Answer the first request with a 503, every later one with this JSON and status. */
    failOnceThen(body: JsonBodyType, status = 200) {
      let calls = 0;
      responder = () => {
        calls += 1;
        return calls === 1 ? HttpResponse.json({ status: 503, message: "Service unavailable" }, { status: 503 }) : HttpResponse.json(body, { status });
      };
    },
    client: testClient,
  };
}

/** A one-page list envelope. */
export function listEnvelope<T>(data: T[], pageNumber: number, nextPage: string | null) {
  return {
    message: "ok",
    data,
    pagination: { itemsPerPage: data.length, pageNumber, totalItems: data.length, nextPage, previousPage: null },
  };
}
