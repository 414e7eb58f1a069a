// What every generated resource class builds on. Generated methods only forward their
// arguments to the ResourceClient, as `{ path, query, body }`, with the operation's descriptor
// from generated/operations.ts.
import type { APIPromise } from "./api-promise.js";
import type { OperationDescriptor } from "./operation.js";
import type { PagePromise } from "./pagination.js";
import type { ChunkedRequestOptions, ListRequestOptions, RequestOptions } from "./request-options.js";

/** The parameters and body of one operation call, as generated methods pass them. */
export interface OperationRequest {
  /** Path parameters by their name in the spec. */
  path?: Readonly<Record<string, unknown>> | undefined;
  query?: unknown;
  body?: unknown;
}

export interface ResourceClient {
  /** Calls an operation. Resolves to what the operation's response kind says (data, `{ message }`, text, …). */
  call<T>(operation: OperationDescriptor, request: OperationRequest, options: RequestOptions<unknown> | undefined): APIPromise<T>;
  /** Calls a paginated list operation; the result awaits to the first page and iterates every item. */
  list<T>(operation: OperationDescriptor, request: OperationRequest, options: ListRequestOptions<unknown> | undefined): PagePromise<T>;
  /** Sends `request.body[field]` in consecutive requests of at most `maxItems` entries each; resolves to every response's result, reporting progress after each. */
  callInChunks<T>(
    operation: OperationDescriptor,
    request: OperationRequest,
    chunk: { field: string; maxItems: number },
    options: ChunkedRequestOptions<unknown> | undefined,
  ): Promise<T[]>;
}

export abstract class APIResource {
  protected readonly _client: ResourceClient;

  constructor(client: ResourceClient) {
    this._client = client;
  }
}
