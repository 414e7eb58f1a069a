// The bundled OpenAPI document the tools are built from (read on first use, see ../bundled-spec.ts),
// typed as far as the tools read it.
import { readBundledSpec } from "../bundled-spec.js";

export interface BundledSpec {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown>; parameters: Record<string, unknown> };
}

export function bundledSpec(): BundledSpec {
  return readBundledSpec() as unknown as BundledSpec;
}
