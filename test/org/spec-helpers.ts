// Helpers for the org-area tests: the bundled spec, a validator against its components, and a client
// wired to the msw mock API.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import formatsModule, { type FormatsPlugin } from "ajv-formats";
import { StatsigConsole, type ClientOptions } from "../../src/index.js";
import { BASE_URL, TEST_KEY } from "../helpers/mock-api.js";

type Json = Record<string, unknown>;

export const bundledSpec = JSON.parse(
  readFileSync(fileURLToPath(new URL("../../generated/openapi.json", import.meta.url)), "utf8"),
) as { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };


const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = (formatsModule as unknown as { default: FormatsPlugin }).default;
addFormats(ajv);
ajv.addSchema(bundledSpec, "spec");

/** True when `value` validates against the named component schema of the bundled spec. */
export function matchesComponent(name: string, value: unknown): boolean {
  const validate = ajv.getSchema(`spec#/components/schemas/${name}`);
  if (!validate) throw new Error(`no component schema ${name}`);
  return validate(value) as boolean;
}

/** The operation object of the bundled spec with this operationId. */
export function operationById(operationId: string): Json & { path: string; method: string } {
  for (const [path, item] of Object.entries(bundledSpec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation.operationId === operationId) return { ...operation, path, method };
    }
  }
  throw new Error(`no operation ${operationId}`);
}

export function testClient(options: ClientOptions = {}): StatsigConsole {
  return new StatsigConsole({ apiKey: TEST_KEY, baseUrl: BASE_URL, maxRetries: 0, rateLimit: false, ...options });
}

export function listEnvelope<T>(data: T[], pageNumber: number, nextPage: string | null) {
  return {
    message: "ok",
    data,
    pagination: { itemsPerPage: data.length, pageNumber, totalItems: data.length, nextPage, previousPage: null },
  };
}
