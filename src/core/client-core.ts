// The ResourceClient behind every generated facade method: sends the call through the request
// pipeline (openapi-fetch, shared with `sc.raw`) and unwraps the response by the operation's kind.
import type { Client } from "openapi-fetch";
import { APIPromise, type WithResponse } from "./api-promise.js";
import { ChunkedRequestError, InvalidRequestError, PaginationError } from "./errors.js";
import { readNextPage, type NextPageLink } from "./next-page.js";
import type { OperationDescriptor } from "./operation.js";
import { checkPerCallOptions } from "./option-validation.js";
import type { PageRequest } from "./page-walker.js";
import { Page, PagePromise, type PaginationInfo } from "./pagination.js";
import { createRequestPipeline, type Exchange, type PipelineConfig, type RequestPipeline } from "./request-pipeline.js";
import type { ChunkedRequestOptions, ListRequestOptions, RequestOptions } from "./request-options.js";
import type { OperationRequest, ResourceClient } from "./resource.js";
import { throwIfError, unwrap, unwrapList, type ParsedResponseContext } from "./response-parser.js";

export interface CoreConfig extends PipelineConfig {
  maxPages: number;
}

interface Sent {
  exchange: Exchange;
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

export class ClientCore<Paths extends object = Record<string, never>> implements ResourceClient {
  readonly #pipeline: RequestPipeline<Paths>;
  readonly #maxPages: number;
  readonly #secrets: readonly string[];

  constructor(config: CoreConfig) {
    this.#pipeline = createRequestPipeline<Paths>(config);
    this.#maxPages = config.maxPages;
    this.#secrets = [config.apiKey];
  }

  /** The openapi-fetch client every call goes through: `sc.raw`. */
  get client(): Client<Paths> {
    return this.#pipeline.client;
  }

  async #send(operation: OperationDescriptor, request: OperationRequest, options: RequestOptions<unknown> | undefined): Promise<Sent> {
    // Before openapi-fetch builds its Headers, which would throw a TypeError quoting a bad value.
    if (options !== undefined) checkPerCallOptions(options);
    const exchange = await this.#pipeline.send(operation, request, options);
    const { pathSecrets } = exchange;
    const context: ParsedResponseContext = {
      method: operation.method,
      path: exchange.display,
      secrets: pathSecrets.length > 0 ? [...this.#secrets, ...pathSecrets] : this.#secrets,
      previewBodies: operation.carriesSecrets !== true,
    };
    throwIfError(exchange.response, exchange.body, context);
    return { exchange, context };
  }

  async #call<T>(operation: OperationDescriptor, request: OperationRequest, options: RequestOptions<unknown> | undefined): Promise<WithResponse<T>> {
    if (operation.response === "list") throw new InvalidRequestError(`${operation.id} is a list operation`);
    const { exchange, context } = await this.#send(operation, request, options);
    return { data: unwrap(operation.response, exchange.response, exchange.body, context, operation.bareData === true) as T, response: exchange.response };
  }

  call<T>(operation: OperationDescriptor, request: OperationRequest, options: RequestOptions<unknown> | undefined): APIPromise<T> {
    return new APIPromise<T>(this.#call<T>(operation, request, options));
  }

  list<T>(operation: OperationDescriptor, request: OperationRequest, options: ListRequestOptions<unknown> | undefined): PagePromise<T> {
    const maxPages = options?.maxPages ?? this.#maxPages;
    if (!(maxPages >= 1)) throw new InvalidRequestError(`maxPages must be at least 1, got ${maxPages}`);
    const { query } = request;
    const baseQuery = (query ?? {}) as Record<string, unknown>;
    const limit = typeof baseQuery.limit === "number" ? baseQuery.limit : undefined;
    const firstPageNumber = positiveInteger(baseQuery.page); // a caller may start anywhere
    const fetchPage = async (next: PageRequest | undefined): Promise<WithResponse<Page<T>>> => {
      const pageNumber = next?.pageNumber;
      const pageRequest = pageNumber === undefined ? request : { ...request, query: { ...baseQuery, page: pageNumber } };
      const pageOptions = next?.signal ? { ...options, signal: eitherSignal(options?.signal, next.signal) } : options;
      const { exchange, context } = await this.#send(operation, pageRequest, pageOptions);
      const { response } = exchange;
      const { data, pagination, hasPaginationData } = unwrapList(response, exchange.body, context);
      const where = { status: response.status, method: context.method, path: context.path };
      const asked = pageNumber ?? firstPageNumber;
      const served = pagination.pageNumber;
      if (hasPaginationData && asked !== undefined && typeof served === "number" && served !== asked) {
        // Its items could be any page's, some already yielded: none of them is used.
        throw new PaginationError(`asked for page ${asked}, the server answered with page ${served}`, where);
      }
      // Without pagination data, a server that ignores `page` answers every page with the first
      // one's items; that repeat is the end of the list, not more items.
      const repeat = !hasPaginationData && next?.previousItems !== undefined && sameItems(next.previousItems, data);
      const page = new Page<T>({
        data: repeat ? [] : (data as T[]),
        pagination: pagination as unknown as PaginationInfo,
        hasPaginationData,
        requestedLimit: limit,
        pageNumber: asked ?? positiveInteger(served) ?? 1,
        pageIndex: next?.pageIndex ?? 0,
        maxPages,
        nextLink: hasPaginationData ? nextLinkOf(pagination.nextPage, exchange) : { kind: "end" },
        where,
        fetchPage: (following) => new APIPromise(fetchPage(following)),
      });
      return { data: page, response };
    };
    return new PagePromise<T>(fetchPage(undefined), { maxPages, fetchPage: (next) => new APIPromise(fetchPage(next)) });
  }

  async callInChunks<T>(
    operation: OperationDescriptor,
    request: OperationRequest,
    chunk: { field: string; maxItems: number },
    options: ChunkedRequestOptions<unknown> | undefined,
  ): Promise<T[]> {
    const { body } = request;
    const items = typeof body === "object" && body !== null ? (body as Record<string, unknown>)[chunk.field] : undefined;
    if (!Array.isArray(items)) throw new InvalidRequestError(`${operation.id}: body.${chunk.field} must be an array`);
    const onProgress = options?.onProgress;
    if (onProgress !== undefined && typeof onProgress !== "function") throw new InvalidRequestError(`${operation.id}: onProgress must be a function`);
    const chunks: unknown[][] = [];
    for (let start = 0; start < items.length; start += chunk.maxItems) chunks.push(items.slice(start, start + chunk.maxItems));
    const results: T[] = [];
    for (const part of chunks) {
      try {
        const { data } = await this.#call<T>(operation, { ...request, body: { ...(body as object), [chunk.field]: part } }, options);
        results.push(data);
      } catch (cause) {
        throw new ChunkedRequestError({ completedChunks: results.length, totalChunks: chunks.length, results, cause });
      }
      onProgress?.({ done: results.length, total: chunks.length });
    }
    return results;
  }
}

/**
 * A list response's `nextPage`, read against the request that got it: a link may only name this
 * list, by the URL's path or by the operation's path below the base URL (a server behind a
 * path-prefixed proxy does not know the prefix).
 */
function nextLinkOf(nextPage: unknown, exchange: Exchange): NextPageLink {
  const requestUrl = (): URL => {
    const url = new URL(exchange.url);
    url.search = "";
    return url;
  };
  const listPaths = (url: URL): string[] => {
    const queryStart = exchange.pathAndQuery.indexOf("?");
    return [url.pathname, queryStart === -1 ? exchange.pathAndQuery : exchange.pathAndQuery.slice(0, queryStart)];
  };
  return readNextPage(nextPage, requestUrl, listPaths);
}
