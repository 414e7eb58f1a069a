// The runtime description of one API operation. generated/operations.ts holds one per
// operation, derived from the spec; the runtime reads nothing else about the API.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a successful call resolves to: the envelope's `data`, a Page, `{ message }`, the text, the whole body, nothing. */
export type ResponseKind = "data" | "list" | "message" | "text" | "body" | "none";

/** Which client-side rate-limit windows an operation counts against. */
export type RateLimitGroup = "mutations" | "segmentIdList" | "none";

export interface OperationDescriptor {
  readonly id: string;
  readonly method: HttpMethod;
  /** Path template, e.g. `/console/v1/gates/{id}`. */
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly hasBody: boolean;
  readonly response: ResponseKind;
  readonly paginated: boolean;
  readonly idempotent: boolean;
  readonly rateLimitGroup: RateLimitGroup;
}
