// The runtime description of one API operation, and the vocabulary the generator and the runtime
// share: the response kinds, and what a method implies when the spec says nothing (idempotency,
// rate-limit group). scripts/ imports this module, so each of these is written once.
// generated/operations.ts holds one descriptor per operation (each its own const, so that a bundler
// keeps only those of the operations used), and the rate-limit groups with their windows
// (`x-rate-limit-groups` in the spec); the runtime reads nothing else about the API.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a successful call resolves to: the envelope's `data`, a Page, `{ message }`, the text, the whole body, nothing. */
export const RESPONSE_KINDS = ["data", "list", "message", "text", "body", "none"] as const;

export type ResponseKind = (typeof RESPONSE_KINDS)[number];

/** The rate-limit group of requests no client-side window applies to. */
export const UNLIMITED_GROUP = "none";

/** The group a mutation counts against when the spec names none (`x-rate-limit-group`); declared in `x-rate-limit-groups`. */
const DEFAULT_MUTATION_GROUP = "mutations";

/** Whether a method is safe to repeat when the spec does not say (`x-idempotent`): reads, PUT and DELETE. */
export function isIdempotentByDefault(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "PUT" || method === "DELETE";
}

/** The rate-limit group of a method when the spec does not say: reads are unlimited, everything else is a mutation. */
export function defaultRateLimitGroup(method: string): string {
  return method === "GET" || method === "HEAD" ? UNLIMITED_GROUP : DEFAULT_MUTATION_GROUP;
}

/** Another operation of the same method whose path a filled-in path of this one could reach first. */
export interface OperationOverlap {
  readonly id: string;
  readonly path: string;
}

export interface OperationDescriptor {
  readonly id: string;
  readonly method: HttpMethod;
  /** Path template, e.g. `/console/v1/gates/{id}`: the schema path openapi-fetch is called with. */
  readonly path: string;
  /** Names of the path parameters, in path order. */
  readonly pathParams: readonly string[];
  readonly response: ResponseKind;
  readonly idempotent: boolean;
  /** A group of the spec's `x-rate-limit-groups`, or `none`. */
  readonly rateLimitGroup: string;
  /** Some parameter or field is a secret (`x-secret`): errors carry no body preview. */
  readonly carriesSecrets?: boolean;
  /** The API may answer with the `data` value alone instead of the envelope (`x-bare-data`); both are accepted. */
  readonly bareData?: boolean;
  /** Path parameters whose values are secrets: shown as `[redacted]` in logs and errors. */
  readonly secretPathParams?: readonly string[];
  /**
   * Operations of this method that some values of the path parameters would reach instead (the
   * API's paths overlap: `GET /metrics/{id}` with id `list` is `GET /metrics/list`), worked out by
   * the generator, in the order a router tries them; a call that would reach one of them is refused.
   */
  readonly overlaps?: readonly OperationOverlap[];
}
