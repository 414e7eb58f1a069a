// Per-call options accepted by every facade method (the last argument).

export interface RequestOptions<Query = never> {
  /** Query parameters, for operations that take a request body as their main argument. */
  query?: Query | undefined;
  /** Extra headers for this call; they override the client's. */
  headers?: Record<string, string> | undefined;
  /** Cancels the call at any point: in flight, during a retry backoff or a rate-limit wait. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in milliseconds (client default: 60000). */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt (client default: 2). */
  maxRetries?: number | undefined;
  /** Send `x-respect-review-settings: true` so the project's review settings apply to this mutation. */
  respectReviewSettings?: boolean | undefined;
}

/** Options of list calls: the request options plus a guard on how many pages iteration may fetch. */
export interface ListRequestOptions<Query = never> extends RequestOptions<Query> {
  /** Iteration stops with a PaginationLimitError after this many pages (client default: 1000). */
  maxPages?: number | undefined;
}
