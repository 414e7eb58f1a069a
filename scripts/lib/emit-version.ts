// generated/version.ts: the package's version, taken from package.json when the generator runs,
// so the client can name itself (User-Agent) without reading package.json at run time, which a
// bundle would not carry. `npm run generate -- --check` fails when the two disagree.
import { GENERATED_HEADER } from "./naming.js";

export function emitVersion(version: string): string {
  return [
    GENERATED_HEADER,
    "",
    "/** This package's version (package.json when generated/ was last generated). */",
    `export const PACKAGE_VERSION = ${JSON.stringify(version)};`,
    "",
  ].join("\n");
}
