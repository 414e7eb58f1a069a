// manifestSchema() is generated/operations.schema.json: the committed file, which test/manifest/
// validates the manifest against (and proves strict enough), is exactly what the generator writes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { manifestSchema } from "../../scripts/lib/manifest-schema.js";
import { GENERATED_JSON_NOTE } from "../../scripts/lib/naming.js";
import { repoRoot } from "../helpers/spec.js";

describe("manifestSchema", () => {
  it("is the committed operations.schema.json, field for field", () => {
    const committed: unknown = JSON.parse(readFileSync(join(repoRoot, "generated", "operations.schema.json"), "utf8"));
    // Strict: a field present but undefined would be written out differently (or not at all).
    expect(manifestSchema(GENERATED_JSON_NOTE)).toStrictEqual(committed);
  });

  it("carries the note it is given", () => {
    expect(manifestSchema("a note")).toMatchObject({ $comment: "a note" });
  });
});
