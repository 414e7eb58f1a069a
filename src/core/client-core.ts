// The ResourceClient behind every generated facade method: builds the request from the
// operation descriptor, sends it through the transport and unwraps the response.
import { APIPromise, type WithResponse } from "./api-promise.js";
import { ChunkedRequestError, InvalidRequestError } from "./errors.js";
import type { OperationDescriptor } from "./operation.js";
import { Page, PagePromise, type PaginationInfo } from "./pagination.js";
import { buildPathAndQuery, redactPath } from "./request-builder.js";
import type { ListRequestOptions, RequestOptions } from "./request-options.js";
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
    const fetchPage = async (pageIndex: number, pageNumber: number | undefined): Promise<WithResponse<Page<T>>> => {
      const pageQuery = pageNumber === undefined ? query : { ...baseQuery, page: pageNumber };
      const { result, text, context } = await this.#send(operation, pathValues, pageQuery, options);
      const { data, pagination } = unwrapList(result.response, text, context);
      const page = new Page<T>({
        data: data as T[],
        pagination: pagination as unknown as PaginationInfo,
        requestedLimit: limit,
        pageIndex,
        maxPages,
        fetchPage: (next) => new APIPromise(fetchPage(pageIndex + 1, next)),
      });
      return { data: page, response: result.response };
    };
    return new PagePromise<T>(fetchPage(0, undefined));
  }

  async callInChunks<T>(
    operation: OperationDescriptor,
    pathValues: readonly unknown[],
    body: unknown,
    chunk: { field: string; maxItems: number },
    options: RequestOptions<unknown> | undefined,
  ): Promise<T[]> {
    const items = typeof body === "object" && body !== null ? (body as Record<string, unknown>)[chunk.field] : undefined;
    if (!Array.isArray(items)) throw new InvalidRequestError(`${operation.id}: body.${chunk.field} must be an array`);
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
    }
    return results;
  }
}
