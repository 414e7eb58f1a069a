// The one request path under the facade and `sc.raw`: an openapi-fetch client whose serializers
// write (and guard) path parameters, queries and bodies, whose one middleware takes the operation
// from a facade call (or, for a `sc.raw` request, finds it by method and schema path) and adds the
// auth, version and review headers, and whose
// fetch is the transport (transport/send.ts: rate limits, timeouts, retries, size cap, logging).
//
//   facade method ─┐
//                  ├─ openapi-fetch request(method, schemaPath, { params, body })
//   sc.raw.GET ────┘     serializers → request object → middleware → transportFetch → send()
//
// A facade call rides along in `params` (under a symbol, which no serializer reads), so the
// middleware and the transport see its per-call options, and the transport hands the exchange
// (response and body text, read once) straight back to it: openapi-fetch never parses a facade
// response. Raw calls get a fresh Response that openapi-fetch parses as usual. A facade call's
// request object is a FacadeRequest (facade-request.ts), a raw call's a standard Request, whose
// body the transport reads once, as bytes: every attempt sends a fresh request built from them.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { InvalidRequestError, StatsigConsoleError } from "./errors.js";
import { FacadeRequest } from "./facade-request.js";
import { defaultRateLimitGroup, isIdempotentByDefault, type OperationDescriptor } from "./operation.js";
import { overlapReached, type OperationRoutes } from "./operation-routes.js";
import { createPathSerializer, redactPath, serializeBody, serializeQuery } from "./request-encoding.js";
import type { RequestOptions } from "./request-options.js";
import type { OperationRequest } from "./resource.js";
import { send, type TransportConfig } from "./transport/send.js";
import { pathAndQueryBelow } from "./url-path.js";

export interface PipelineConfig {
  /** Normalised by checkBaseUrl: origin and path, no trailing slash. */
  baseUrl: string;
  apiKey: string;
  apiVersion: string;
  /** Sent as `User-Agent` unless the caller's headers name one. */
  userAgent: string;
  /** Headers on every request (the client's `headers` option); a call's own headers replace them. */
  headers: Record<string, string>;
  /** Send `x-respect-review-settings: true` on mutations unless a call says otherwise. */
  respectReviewSettings: boolean;
  /**
   * The operation table (generated/operations.ts) by method and schema path, which `sc.raw`
   * requests are matched to; facade calls carry their descriptor. Without it (a client that only
   * makes facade calls, and so does not carry the table), a raw request gets its method's defaults.
   */
  routes?: Pick<OperationRoutes, "find"> | undefined;
  transport: TransportConfig;
}

/** What one request sent and got back. */
export interface Exchange {
  /** The final response; its body has been read into `body`. */
  response: Response;
  /** The whole body as text (the Console API only sends JSON and CSV), read under the size cap. */
  body: string;
  /** The URL sent. */
  url: string;
  /** Path and query below the base URL, as sent (encoded). */
  pathAndQuery: string;
  /** `pathAndQuery` with secret path parameters redacted: what logs and errors show. */
  display: string;
  /** Values of secret path parameters, to scrub from what an error keeps. */
  pathSecrets: readonly string[];
}

/** A facade call on its way through openapi-fetch; the transport leaves the exchange on it. */
interface FacadeCall {
  readonly operation: OperationDescriptor;
  readonly options: RequestOptions<unknown> | undefined;
  exchange?: Exchange;
}

const FACADE_CALL = Symbol("statsig-console facade call");

/** openapi-fetch `params` of a facade call. */
interface FacadeParams {
  path?: Readonly<Record<string, unknown>> | undefined;
  query?: unknown;
  [FACADE_CALL]?: FacadeCall;
}

/** What the middleware found out about a request, for the transport. */
interface RequestContext {
  operation: OperationDescriptor | undefined;
  call: FacadeCall | undefined;
  pathAndQuery: string;
}

/** `request(method, schemaPath, init)` without the path typing, for operations read from the table. */
interface UntypedRequest {
  request(
    method: string,
    schemaPath: string,
    init: { params: FacadeParams; body?: unknown; headers?: Record<string, string>; parseAs: "stream"; Request: typeof FacadeRequest },
  ): Promise<{ response: Response }>;
}

export interface RequestPipeline<Paths extends object> {
  /** The openapi-fetch client: `sc.raw`, and what every facade call goes through. */
  readonly client: Client<Paths>;
  /** Sends one facade call; resolves to its exchange whatever the status (the facade turns an error status into an APIError). */
  send(operation: OperationDescriptor, request: OperationRequest, options: RequestOptions<unknown> | undefined): Promise<Exchange>;
}

const JSON_ACCEPT = "application/json";
const TEXT_ACCEPT = "text/csv, text/plain, */*";
/** Statuses whose Response cannot have a body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export function createRequestPipeline<Paths extends object>(config: PipelineConfig): RequestPipeline<Paths> {
  const { baseUrl, apiKey, apiVersion, userAgent, transport } = config;
  const { routes } = config;
  const clientHeaders = Object.keys(config.headers).length > 0;
  const contexts = new WeakMap<Request | FacadeRequest, RequestContext>();

  const middleware: Middleware = {
    onRequest({ request, schemaPath, params }) {
      const { method } = request;
      const call = (params as FacadeParams)[FACADE_CALL];
      const operation = call ? call.operation : routes?.find(method, schemaPath);
      const pathAndQuery = pathAndQueryBelow(request.url, baseUrl);
      if (operation) {
        // Without `params.path`, openapi-fetch leaves `{id}` in the URL: refused, like an empty id.
        if (operation.pathParams.length > 0 && !params.path) {
          throw new InvalidRequestError(`${operation.id}: path parameter "${operation.pathParams[0]}" must be a non-empty string`);
        }
        const other = overlapReached(operation, pathAndQuery);
        if (other) {
          throw new InvalidRequestError(
            `${operation.id}: these path parameters would reach ${other.id} (${operation.method} ${other.path}) instead; the API cannot tell the two apart`,
          );
        }
      }
      // A caller's (or the client's) `Accept`, `STATSIG-API-VERSION` or `User-Agent` replaces ours; a facade call
      // without headers of its own, on a client without any, has none to keep.
      const { headers } = request;
      const mayHaveCallerHeaders = clientHeaders || !call || call.options?.headers !== undefined;
      if (!mayHaveCallerHeaders || !headers.has("accept")) headers.set("accept", operation?.response === "text" ? TEXT_ACCEPT : JSON_ACCEPT);
      if (!mayHaveCallerHeaders || !headers.has("statsig-api-version")) headers.set("statsig-api-version", apiVersion);
      if (!mayHaveCallerHeaders || !headers.has("user-agent")) headers.set("user-agent", userAgent);
      headers.set("statsig-api-key", apiKey);
      if (method !== "GET" && method !== "HEAD" && (call?.options?.respectReviewSettings ?? config.respectReviewSettings)) {
        headers.set("x-respect-review-settings", "true");
      }
      contexts.set(request, { operation, call, pathAndQuery });
      return undefined;
    },
  };

  /** openapi-fetch's fetch: the transport. Reads the body once, so that every attempt can send it again. */
  const transportFetch = async (request: Request | FacadeRequest): Promise<Response> => {
    const context = contexts.get(request);
    contexts.delete(request);
    const { method, url } = request;
    const operation = context?.operation;
    const call = context?.call;
    const pathAndQuery = context?.pathAndQuery ?? pathAndQueryBelow(url, baseUrl);
    const { display, secrets } = redactPath(operation, pathAndQuery);
    const headers: Record<string, string> = {};
    for (const [name, value] of request.headers) headers[name] = value;
    const body = request instanceof FacadeRequest ? (request.bodyText ?? undefined) : request.body === null ? undefined : await request.arrayBuffer();
    const options = call?.options;
    const result = await send(transport, {
      method,
      url,
      path: display,
      headers,
      body,
      idempotent: operation ? operation.idempotent : isIdempotentByDefault(method),
      rateLimitGroup: operation ? operation.rateLimitGroup : defaultRateLimitGroup(method),
      // A facade call's signal is never given to openapi-fetch (a Request would follow it with a listener of its own).
      signal: call ? options?.signal : request instanceof FacadeRequest ? undefined : request.signal,
      timeoutMs: options?.timeoutMs,
      maxRetries: options?.maxRetries,
      // A facade call's URL and headers were all checked where they entered (client options, per-call options, serializers).
      checked: call !== undefined,
    });
    const { response } = result;
    if (call) {
      call.exchange = { response, body: result.body, url, pathAndQuery, display, pathSecrets: secrets };
      // openapi-fetch is told not to read a facade response (parseAs "stream"), except an error's:
      // it gets an empty one, the facade answers from the exchange.
      return response.ok ? response : new Response(null, { status: response.status });
    }
    return new Response(NULL_BODY_STATUSES.has(response.status) ? null : result.body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  const client = createClient<Paths>({
    baseUrl,
    headers: config.headers,
    fetch: transportFetch,
    pathSerializer: createPathSerializer(baseUrl),
    querySerializer: serializeQuery,
    bodySerializer: serializeBody,
  });
  client.use(middleware);
  const untyped = client as unknown as UntypedRequest;

  return {
    client,
    async send(operation, request, options) {
      const call: FacadeCall = { operation, options };
      const params: FacadeParams = { path: request.path, query: request.query, [FACADE_CALL]: call };
      // Keys only when they hold something: openapi-fetch copies its options object more than once.
      const init: Parameters<UntypedRequest["request"]>[2] = { params, parseAs: "stream", Request: FacadeRequest };
      if (request.body !== undefined) init.body = request.body;
      if (options?.headers !== undefined) init.headers = options.headers;
      await untyped.request(operation.method, operation.path, init);
      // Only a middleware added with `sc.raw.use()` that answers in place of the API, or replaces the request, gets here without one.
      if (!call.exchange)
        throw new StatsigConsoleError(`${operation.id}: a middleware added with sc.raw.use() answered or replaced the request; facade calls need it sent as built`);
      return call.exchange;
    },
  };
}
