// Checks a request body against the spec's request schema before anything is sent. Ajv (JSON
// Schema 2020-12, the dialect of OpenAPI 3.1) is loaded only when a command has a body, so
// neither the library entry nor a read-only command pays for it.
import type { ErrorObject, ValidateFunction } from "ajv";
import type { CliOperation } from "./catalog.js";
import { CliUsageError } from "./exit-codes.js";
import { bundledSpec } from "./spec-json.js";

const SPEC_ID = "https://statsig-console.invalid/openapi.json";
/** Formats OpenAPI names that JSON Schema does not define: any value of the right type passes. */
const OPENAPI_FORMATS = ["int32", "int64", "float", "double", "byte", "binary", "password"];
/** At most this many schema errors are listed. */
const MAX_LISTED_ERRORS = 10;

let compile: ((pointer: string) => ValidateFunction) | undefined;

async function compiler(): Promise<(pointer: string) => ValidateFunction> {
  if (compile) return compile;
  const [{ Ajv2020 }, formats] = await Promise.all([import("ajv/dist/2020.js"), import("ajv-formats")]);
  // A command validates once: compiling fast (no inlined refs, no code optimisation) matters more than validating fast.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, inlineRefs: false, code: { optimize: false } });
  (formats.default as unknown as (instance: typeof ajv) => void)(ajv);
  for (const format of OPENAPI_FORMATS) ajv.addFormat(format, true);
  ajv.addSchema({ ...bundledSpec(), $id: SPEC_ID }, SPEC_ID);
  const cache = new Map<string, ValidateFunction>();
  compile = (pointer) => {
    let validate = cache.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${SPEC_ID}#${pointer}` });
      cache.set(pointer, validate);
    }
    return validate;
  };
  return compile;
}

function jsonPointer(segments: readonly string[]): string {
  return segments.map((segment) => `/${segment.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

function describe(error: ErrorObject): string {
  const where = `body${error.instancePath.replace(/\//g, ".")}`;
  const allowed = error.keyword === "enum" ? `: ${(error.params as { allowedValues?: unknown[] }).allowedValues?.map((v) => JSON.stringify(v)).join(", ")}` : "";
  const extra = error.keyword === "additionalProperties" ? ` (${(error.params as { additionalProperty?: string }).additionalProperty})` : "";
  return `${where} ${error.message ?? "is invalid"}${allowed}${extra}`;
}

/** The parts of a body that are sent as requests: the body itself, or each chunk of a chunked command's field. */
function requestBodies(operation: CliOperation, body: unknown): unknown[] {
  const { chunk } = operation;
  if (!chunk || typeof body !== "object" || body === null || Array.isArray(body)) return [body];
  const items = (body as Record<string, unknown>)[chunk.field];
  if (!Array.isArray(items)) return [body];
  const parts: unknown[] = [];
  for (let start = 0; start < items.length; start += chunk.maxItems) parts.push({ ...body, [chunk.field]: items.slice(start, start + chunk.maxItems) });
  return parts.length > 0 ? parts : [body];
}

/** Throws a CliUsageError listing what the spec's request schema rejects. */
export async function validateBody(operation: CliOperation, body: unknown): Promise<void> {
  if (!operation.body) return;
  const validate = (await compiler())(jsonPointer(operation.body.schemaPointer));
  for (const part of requestBodies(operation, body)) {
    if (validate(part)) continue;
    const errors = validate.errors ?? [];
    const listed = [...new Set(errors.map(describe))].slice(0, MAX_LISTED_ERRORS);
    const name = operation.body.schemaName ? ` (${operation.body.schemaName})` : "";
    throw new CliUsageError(`the request body does not match the spec${name}:\n${listed.map((line) => `  - ${line}`).join("\n")}`);
  }
}
