// The ResourceClient behind every generated facade method: builds the request from the
// operation descriptor, sends it through the transport and unwraps the response.
import { APIPromise, type WithResponse } from "./api-promise.js";
import { ChunkedRequestError, InvalidRequestError, PaginationError } from "./errors.js";
import { readNextPage } from "./next-page.js";
import type { OperationDescriptor } from "./operation.js";
import type { PageRequest } from "./page-walker.js";
import { Page, PagePromise, type PaginationInfo } from "./pagination.js";
import { buildPathAndQuery, redactPath } from "./request-builder.js";
import type { ChunkedRequestOptions, ListRequestOptions, RequestOptions } from "./request-options.js";
import type { ResourceClient } from "./resource.js";
import { throwIfError, unwrap, unwrapList, type ParsedResponseContext } from "./response-parser.js";
import { send, type TransportConfig, type TransportResult } from "./transport/send.js";

export interface CoreConfig {
  baseUrl: string;
  apiKey: string;
  apiVersion: string;
  headers: Record<string, string>;
  respectReviewSettings: boolean;
  maxPages: number;
  transport: TransportConfig;
  /** Finds the operation a built path would really reach, when the API's paths overlap (see operation-matcher). */
  routeGuard?: (operation: OperationDescriptor, path: string) => OperationDescriptor | undefined;
}

interface Sent {
  result: TransportResult;
  text: string;
  context: ParsedResponseContext;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

/** Whether two pages hold the same items (both parsed from JSON, so JSON text compares them). */
function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

/** A signal that fires when either does (the call's own, and the one that cancels a page fetched ahead). */
function eitherSignal(a: AbortSignal | undefined, b: AbortSignal): AbortSignal {
  if (!a) return b;
  // AbortSignal.any (Node 20.3+) holds its sources weakly: no listener piles up on the caller's signal.
  return typeof AbortSignal.any === "function" ? AbortSignal.any([a, b]) : a;
}

export class ClientCore implements ResourceClient {
  readonly #config: CoreConfig;
  readonly #baseUrl: string;
  readonly #secrets: readonly string[];

  constructor(config: CoreConfig) {
    this.#config = config;
    this.#baseUrl = config.baseUrl.replace(/\/+$/, "");
    this.#secrets = [config.apiKey];
  }

  /**
   * Headers of one call: auth and version, the client's, the call's, and the review flag on
   * mutations. Names are lower-cased so a caller's `Accept` replaces ours instead of being joined to it.
   */
  headersFor(method: string, hasBody: boolean, options: RequestOptions<unknown> | undefined, accept: string): Record<string, string> {
    const headers: Record<string, string> = { accept, "statsig-api-version": this.#config.apiVersion };
    for (const extra of [this.#config.headers, options?.headers]) {
      if (extra) for (const [name, value] of Object.entries(extra)) headers[name.toLowerCase()] = value;
    }
    headers["statsig-api-key"] = this.#config.apiKey;
    if (hasBody) headers["content-type"] = "application/json";
    const review = options?.respectReviewSettings ?? this.#config.respectReviewSettings;
    if (review && method !== "GET") headers["x-respect-review-settings"] = "true";
    return headers;
  }

  async #send(operation: OperationDescriptor, pathValues: readonly unknown[], input: unknown, options: RequestOptions<unknown> | undefined): Promise<Sent> {
    const body = operation.hasBody ? input : undefined;
    const query = operation.hasBody ? options?.query : input;
    const pathAndQuery = buildPathAndQuery(operation, pathValues, query);
    const other = this.#config.routeGuard?.(operation, pathAndQuery.split("?")[0]!);
    if (other) {
      throw new InvalidRequestError(`${operation.id}: these path parameters would reach ${other.id} (${other.method} ${other.path}) instead; the API cannot tell the two apart`);
    }
    let serialized: string | undefined;
    if (body !== undefined) {
      try {
        serialized = JSON.stringify(body);
      } catch (cause) {
        throw new InvalidRequestError(`${operation.id}: the request body cannot be serialised to JSON`, { cause });
      }
    }
    const accept = operation.response === "text" ? "text/csv, text/plain, */*" : "application/json";
    const { display, secrets } = redactPath(operation, pathAndQuery);
    const result = await send(this.#config.transport, {
      method: operation.method,
      url: this.#baseUrl + pathAndQuery,
      path: display,
      headers: this.headersFor(operation.method, serialized !== undefined, options, accept),
      body: serialized,
      idempotent: operation.idempotent,
      rateLimitGroup: operation.rateLimitGroup,
      signal: options?.signal,
      timeoutMs: options?.timeoutMs,
      maxRetries: options?.maxRetries,
    });
    const context: ParsedResponseContext = {
      method: operation.method,
      path: display,
      secrets: secrets.length > 0 ? [...this.#secrets, ...secrets] : this.#secrets,
      previewBodies: operation.carriesSecrets !== true,
    };
    const text = result.body;
    throwIfError(result.response, text, context);
    return { result, text, context };
  }

  async #call<T>(operation: OperationDescriptor, pathValues: readonly unknown[], input: unknown, options: RequestOptions<unknown> | undefined): Promise<WithResponse<T>> {
    if (operation.response === "list") throw new InvalidRequestError(`${operation.id} is a list operation`);
    const { result, text, context } = await this.#send(operation, pathValues, input, options);
    return { data: unwrap(operation.response, result.response, text, context) as T, response: result.response };
  }

  call<T>(operation: OperationDescriptor, pathValues: readonly unknown[], input: unknown, options: RequestOptions<unknown> | undefined): APIPromise<T> {
    return new APIPromise<T>(this.#call<T>(operation, pathValues, input, options));
  }

  list<T>(operation: OperationDescriptor, pathValues: readonly unknown[], query: unknown, options: ListRequestOptions<unknown> | undefined): PagePromise<T> {
    const maxPages = options?.maxPages ?? this.#config.maxPages;
    if (!(maxPages >= 1)) throw new InvalidRequestError(`maxPages must be at least 1, got ${maxPages}`);
    const baseQuery = (query ?? {}) as Record<string, unknown>;
    const limit = typeof baseQuery.limit === "number" ? baseQuery.limit : undefined;
    const firstPageNumber = positiveInteger(baseQuery.page); // a caller may start anywhere
    const fetchPage = async (request: PageRequest | undefined): Promise<WithResponse<Page<T>>> => {
      const pageNumber = request?.pageNumber;
      const pageQuery = pageNumber === undefined ? query : { ...baseQuery, page: pageNumber };
      const pageOptions = request?.signal ? { ...options, signal: eitherSignal(options?.signal, request.signal) } : options;
      const { result, text, context } = await this.#send(operation, pathValues, pageQuery, pageOptions);
      const { data, pagination, hasPaginationData } = unwrapList(result.response, text, context);
      const where = { status: result.response.status, method: context.method, path: context.path };
      const asked = pageNumber ?? firstPageNumber;
      const served = pagination.pageNumber;
      if (hasPaginationData && asked !== undefined && typeof served === "number" && served !== asked) {
        // Its items could be any page's, some already yielded: none of them is used.
        throw new PaginationError(`asked for page ${asked}, the server answered with page ${served}`, where);
      }
      // Without pagination data, a server that ignores `page` answers every page with the first
      // one's items; that repeat is the end of the list, not more items.
      const repeat = !hasPaginationData && request?.previousItems !== undefined && sameItems(request.previousItems, data);
      const listPath = buildPathAndQuery(operation, pathValues, undefined);
      const requestUrl = new URL(this.#baseUrl + listPath);
      const page = new Page<T>({
        data: repeat ? [] : (data as T[]),
        pagination: pagination as unknown as PaginationInfo,
        hasPaginationData,
        requestedLimit: limit,
        pageNumber: asked ?? positiveInteger(served) ?? 1,
        pageIndex: request?.pageIndex ?? 0,
        maxPages,
        nextLink: hasPaginationData ? readNextPage(pagination.nextPage, requestUrl, [requestUrl.pathname, listPath]) : { kind: "end" },
        where,
        fetchPage: (next) => new APIPromise(fetchPage(next)),
      });
      return { data: page, response: result.response };
    };
    return new PagePromise<T>(fetchPage(undefined), { maxPages, fetchPage: (next) => new APIPromise(fetchPage(next)) });
  }

  async callInChunks<T>(
    operation: OperationDescriptor,
    pathValues: readonly unknown[],
    body: unknown,
    chunk: { field: string; maxItems: number },
    options: ChunkedRequestOptions<unknown> | undefined,
  ): Promise<T[]> {
    const items = typeof body === "object" && body !== null ? (body as Record<string, unknown>)[chunk.field] : undefined;
    if (!Array.isArray(items)) throw new InvalidRequestError(`${operation.id}: body.${chunk.field} must be an array`);
    const onProgress = options?.onProgress;
    if (onProgress !== undefined && typeof onProgress !== "function") throw new InvalidRequestError(`${operation.id}: onProgress must be a function`);
    const chunks: unknown[][] = [];
    for (let start = 0; start < items.length; start += chunk.maxItems) chunks.push(items.slice(start, start + chunk.maxItems));
    const results: T[] = [];
    for (const part of chunks) {
      try {
        const { data } = await this.#call<T>(operation, pathValues, { ...(body as object), [chunk.field]: part }, options);
        results.push(data);
      } catch (cause) {
        throw new ChunkedRequestError({ completedChunks: results.length, totalChunks: chunks.length, results, cause });
      }
      onProgress?.({ done: results.length, total: chunks.length });
    }
    return results;
  }
}
