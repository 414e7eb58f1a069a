// A generator OperationModel for unit tests of the functions that read one: plain defaults (a GET
// answering data, no parameters), with the fields a test is about given.
import type { OperationModel } from "../../scripts/lib/operation-model.js";

type ParameterModel = OperationModel["pathParams"][number];

/** A required path parameter `name` (a string). */
export function pathParam(name: string): ParameterModel {
  return { name, in: "path", required: true, array: false, tsType: "string", secret: false, schema: { type: "string" }, pointer: "" };
}

export function operationModel(operationId: string, method: string, path: string, more: Partial<OperationModel> = {}): OperationModel {
  return {
    operationId,
    segments: operationId.split("."),
    method,
    path,
    deprecated: false,
    tags: [],
    pathParams: [],
    queryParams: [],
    headerParams: [],
    body: null,
    success: { status: "200", contentType: "application/json", kind: "data" },
    errorStatuses: [],
    pagination: null,
    idempotent: true,
    rateLimitGroup: "none",
    chunk: null,
    carriesSecrets: false,
    bareData: false,
    ...more,
  };
}
