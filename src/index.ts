// Public entry point.
export { StatsigConsole, createConsoleClient, DEFAULTS, type ClientOptions, type RateLimitConfig } from "./client.js";
export type { ResourceClient, OperationRequest } from "./core/resource.js";
export { APIPromise, type WithResponse } from "./core/api-promise.js";
export { Page, PagePromise, type PaginationInfo, type ToArrayOptions, type PagesOptions, type ListProgress } from "./core/pagination.js";
export type { RequestOptions, ListRequestOptions, ChunkedRequestOptions, ChunkProgress } from "./core/request-options.js";
export type { OperationDescriptor, OperationOverlap, HttpMethod, ResponseKind } from "./core/operation.js";
export {
  StatsigConsoleError,
  InvalidRequestError,
  APIError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  RateLimitStoreError,
  APIResponseError,
  APIRedirectError,
  APIResponseTooLargeError,
  PaginationError,
  PaginationLimitError,
  ChunkedRequestError,
  type APIFieldError,
} from "./core/errors.js";
export type { Logger, LogLevel } from "./core/transport/logger.js";
export type { Window } from "./core/transport/rate-limiter.js";
export { memoryWindowStore, type WindowStore, type WindowScope, type Reservation } from "./core/transport/window-store.js";
export type { RetryOptions } from "./core/transport/retry-policy.js";
export { DEFAULT_RETRY_OPTIONS } from "./core/transport/retry-policy.js";
export type { FetchFunction } from "./core/transport/send.js";
export { operations, DEFAULT_RATE_LIMITS, type OperationId, type RateLimitGroup, type RateLimitOptions } from "../generated/operations.js";
export * from "../generated/resources/index.js";
export type * from "../generated/types.js";
export type { OperationsManifest, ManifestOperation, ManifestParameter, ManifestRateLimitGroup, ManifestValueType, SpecSchemaRef } from "./manifest.js";
