// msw server for tests: records every request that reaches it and answers with queued handlers.
import { http, HttpResponse, type JsonBodyType } from "msw";
import { setupServer } from "msw/node";
import { StatsigConsole, type ClientOptions } from "../../src/index.js";

export const BASE_URL = "https://statsigapi.net";
export const TEST_KEY = "console-test-key-0123456789";

interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  bodyText: string;
}

export type Responder = (request: RecordedRequest) => Response | Promise<Response>;

/** One msw server for a test file; `respond` queues answers, `requests` records what arrived. */
export function createMockApi() {
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
  return {
    server,
    requests,
    /** Answer every request with this function (replaces the previous one). */
    respond(next: Responder) {
      responder = next;
    },
    /** Answer every request with this JSON and status. */
    respondJson(body: JsonBodyType, status = 200) {
      responder = () => HttpResponse.json(body, { status });
    },
    reset() {
      requests.length = 0;
    },
  };
}

/** A client for msw-backed tests: the test key, no retries, no client-side rate limiting. */
export function testClient(options: ClientOptions = {}): StatsigConsole {
  return new StatsigConsole({ apiKey: TEST_KEY, baseUrl: BASE_URL, maxRetries: 0, rateLimit: false, ...options });
}

/** A one-page list envelope. */
export function listEnvelope<T>(data: T[], pageNumber: number, nextPage: string | null) {
  return {
    message: "ok",
    data,
    pagination: { itemsPerPage: data.length, pageNumber, totalItems: data.length, nextPage, previousPage: null },
  };
}
