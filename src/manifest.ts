// The shape of `statsig-console-api/operations.json`, the manifest for tool authors (its JSON
// Schema is `statsig-console-api/operations.schema.json`). The generator builds the manifest as a
// value of this type, and a test validates the emitted file against the schema, so the two agree.
import type { HttpMethod, ResponseKind } from "./core/operation.js";

/**
 * A JSON Reference into the bundled spec, relative to the manifest (the two files sit side by side):
 * `openapi.json#/components/schemas/Gate`, or a pointer into an operation for inline schemas.
 */
export type SpecSchemaRef = `openapi.json#/${string}`;

/** The JSON type of a parameter's value, or of an array parameter's items. */
export type ManifestValueType = "string" | "integer" | "number" | "boolean" | "array" | "object";

/** A path or query parameter: the same fields for both. */
export interface ManifestParameter {
  name: string;
  in: "path" | "query";
  /** Path parameters are always required. */
  required: boolean;
  type: ManifestValueType;
  /** For `type: "array"`: the items' type and allowed values; otherwise null. Arrays are sent as a repeated parameter (`tags=a&tags=b`). */
  items: { type: ManifestValueType; enum: (string | number | boolean)[] | null } | null;
  /** The only values the API accepts, or null when any value of the type is accepted. */
  enum: (string | number | boolean)[] | null;
  description: string | null;
  /** `x-secret`: the value is a secret (the client redacts it from logs and errors). */
  secret: boolean;
  schema: SpecSchemaRef;
}

export interface ManifestOperation {
  /** A dotted path that is also the client method: `gates.rules.create` → `sc.gates.rules.create`. */
  operationId: string;
  method: HttpMethod;
  /** Path template below the base URL, e.g. `/console/v1/gates/{id}`. */
  path: string;
  summary: string | null;
  tags: string[];
  deprecated: boolean;
  /** In path order. */
  pathParams: ManifestParameter[];
  queryParams: ManifestParameter[];
  body: { required: boolean; contentType: string; schema: SpecSchemaRef } | null;
  /** The success response. `kind` is what the client resolves to: the envelope's `data`, a page of a list, `{ message }`, text, the whole body, or nothing. */
  response: { status: number; contentType: string | null; kind: ResponseKind; schema: SpecSchemaRef | null };
  /** Documented error statuses (`"404"`, `"5XX"`). */
  errorStatuses: string[];
  /** `page`: a page-number list (`page` and `limit` query parameters; the response's `pagination.nextPage` names the next page or is null). */
  pagination: "page" | null;
  /** Whether sending the request twice has the effect of sending it once: the client retries only these after a response. */
  idempotent: boolean;
  /** A key of `rateLimitGroups`, or `none`. */
  rateLimitGroup: string;
  /** The body array `field` takes at most `maxItems` entries per request (the client's `…InChunks` methods split larger ones). */
  chunk: { field: string; maxItems: number } | null;
  /** Some parameter or field of the request or response is a secret. */
  carriesSecrets: boolean;
}

export interface ManifestRateLimitGroup {
  description: string;
  /** Sliding windows: at most `limit` requests start in any span of `intervalMs`. */
  windows: { limit: number; intervalMs: number }[];
}

/** `statsig-console-api/operations.json`. */
export interface OperationsManifest {
  $schema: "./operations.schema.json";
  $comment: string;
  /** Changes when the manifest's shape changes incompatibly. */
  manifestVersion: 2;
  /** The Console API version the spec describes (sent as `STATSIG-API-VERSION`). */
  apiVersion: string;
  rateLimitGroups: Record<string, ManifestRateLimitGroup>;
  /** Sorted by operationId. */
  operations: ManifestOperation[];
}
