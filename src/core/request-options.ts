// Per-call options accepted by every facade method (the last argument).

export interface RequestOptions<Query = never> {
  /** Query parameters, for operations that take a request body as their main argument. */
  query?: Query | undefined;
  /** Extra headers for this call; they override the client's. A value with a line break or other control character is refused (InvalidRequestError). */
  headers?: Record<string, string> | undefined;
  /** Cancels the call at any point: in flight, during a retry backoff or a rate-limit wait. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in milliseconds, 1 to 2^31−1 (client default: 60000). */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt, an integer from 0 to 10 (client default: 2). */
  maxRetries?: number | undefined;
  /** Send `x-respect-review-settings: true` so the project's review settings apply to this mutation. */
  respectReviewSettings?: boolean | undefined;
}

/** Options of list calls: the request options plus a guard on how many pages iteration may fetch. */
export interface ListRequestOptions<Query = never> extends RequestOptions<Query> {
  /** Iteration stops with a PaginationLimitError after this many pages (client default: 1000). */
  maxPages?: number | undefined;
}

/** Progress of a chunked call: chunks the API accepted so far, out of all of them. */
export interface ChunkProgress {
  done: number;
  total: number;
}

/** Options of `…InChunks` calls: the request options plus progress reports. */
export interface ChunkedRequestOptions<Query = never> extends RequestOptions<Query> {
  /** Called after each chunk the API accepted. An exception thrown here stops the call (no further chunk is sent) and is rethrown. */
  onProgress?: ((progress: ChunkProgress) => void) | undefined;
}
