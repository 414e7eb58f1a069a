// generated/version.ts names the package version it was generated with, marked as generated.
import { describe, expect, it } from "vitest";
import { emitVersion } from "../../scripts/lib/emit-version.js";
import { GENERATED_HEADER } from "../../scripts/lib/naming.js";

describe("emitVersion", () => {
  it("writes the version as a string constant under the generated-file header", () => {
    expect(emitVersion('1.2.3-beta."x"')).toBe(
      [GENERATED_HEADER, "", "/** This package's version (package.json when generated/ was last generated). */", 'export const PACKAGE_VERSION = "1.2.3-beta.\\"x\\"";', ""].join(
        "\n",
      ),
    );
  });
});
