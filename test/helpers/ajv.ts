// Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) over the bundled spec: compiles any
// schema in it by JSON pointer, with `#/components/...` references resolving inside the spec.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { bundledSpec, type JsonObject } from "./spec.js";

const SPEC_ID = "https://statsig-console.invalid/openapi.json";

function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  for (const format of ["int32", "int64", "float", "double", "byte", "binary", "password"]) ajv.addFormat(format, true);
  ajv.addSchema({ ...bundledSpec, $id: SPEC_ID } as JsonObject, SPEC_ID);
  return ajv;
}

const ajv = createAjv();
const cache = new Map<string, ValidateFunction>();

function pointer(segments: readonly string[]): string {
  return segments.map((s) => s.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}

/** A validator for the schema at `segments` (a path into the bundled spec, e.g. ["components","schemas","Gate"]). */
export function validatorAt(segments: readonly string[]): ValidateFunction {
  const ref = `${SPEC_ID}#/${pointer(segments)}`;
  let validate = cache.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    cache.set(ref, validate);
  }
  return validate;
}

export function errorsText(validate: ValidateFunction): string {
  return ajv.errorsText(validate.errors, { separator: "\n" });
}

/** True when `value` validates against the named component schema of the bundled spec. */
export function matchesComponent(name: string, value: unknown): boolean {
  return validatorAt(["components", "schemas", name])(value) as boolean;
}
