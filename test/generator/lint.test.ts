// The Redocly lint of the bundled document (scripts/lib/lint.ts), run for real on tiny documents with
// a tiny rule set: warnings come back as lines, errors (and a document Redocly cannot read) throw, and
// the scratch folder goes away. The generator's mutation setup caches this function; these tests
// take the real one.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
// Imported statically too, so that Stryker's `related` test search finds this file (the tests call the real function).
import * as module from "../../scripts/lib/lint.js";
import { SpecError } from "../../scripts/lib/load-spec.js";

type Lint = typeof module;

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** The real lintBundledSpec, a rule file, and the folder its scratch folders go to (TMPDIR, for this test). */
async function setUp(): Promise<{ lint: Lint["lintBundledSpec"]; config: string; scratch: string }> {
  const root = mkdtempSync(join(tmpdir(), "lint-test-"));
  roots.push(root);
  const config = join(root, "redocly.yaml");
  writeFileSync(config, "rules:\n  operation-summary: error\n  info-contact: warn\n");
  const scratch = join(root, "tmp");
  mkdirSync(scratch);
  vi.stubEnv("TMPDIR", scratch);
  const { lintBundledSpec } = await vi.importActual<Lint>("../../scripts/lib/lint.js");
  return { lint: lintBundledSpec, config, scratch };
}

const leftovers = (scratch: string) => readdirSync(scratch).filter((name) => name.startsWith("statsig-console-lint-"));

/** A document whose operations have these summaries (undefined: none). */
function documentWith(operations: Record<string, string | undefined>): string {
  const paths: Record<string, unknown> = {};
  for (const [path, summary] of Object.entries(operations)) {
    paths[path] = { get: { operationId: `things.get${Object.keys(paths).length}`, ...(summary === undefined ? {} : { summary }), responses: { "200": { description: "ok" } } } };
  }
  return `${JSON.stringify({ openapi: "3.1.0", info: { title: "Things", version: "1" }, paths }, null, 2)}\n`;
}

describe("lintBundledSpec", () => {
  it("is the module's one export", () => {
    expect(Object.keys(module).sort()).toEqual(["formatProblem", "lintBundledSpec", "parseProblems"]);
  });

  it("returns the warnings, one line each, with the pointer as a path", async () => {
    const { lint, config, scratch } = await setUp();
    expect(lint(documentWith({ "/things": "List things" }), config)).toEqual(["  warn info-contact at /info/contact: Info object should contain `contact` field."]);
    expect(leftovers(scratch)).toEqual([]);
  });

  it("throws the errors alone, one line each, with ~1 and ~0 unescaped", async () => {
    const { lint, config, scratch } = await setUp();
    const bundled = documentWith({ "/~a/~b/things": undefined, "/widgets/~c~d": undefined, "/fine": "Fine" });
    const error = (() => {
      try {
        lint(bundled, config);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(SpecError);
    expect((error as Error).message).toBe(
      [
        "Redocly lint found 2 error(s):",
        "  error operation-summary at /paths//~a/~b/things/get/summary: Operation object should contain `summary` field.",
        "  error operation-summary at /paths//widgets/~c~d/get/summary: Operation object should contain `summary` field.",
      ].join("\n"),
    );
    expect(leftovers(scratch)).toEqual([]);
  });

  it("throws what Redocly printed when it fails without reporting problems", async () => {
    const { lint, config, scratch } = await setUp();
    let message = "";
    expect(() => {
      try {
        lint('{ "openapi": ', config);
      } catch (caught) {
        message = (caught as Error).message;
        throw caught;
      }
    }).toThrow(SpecError);
    expect(message).toMatch(/^Redocly lint found 0 error\(s\):\n\S/);
    expect(message).toContain("Failed to parse API description");
    expect(message).toBe(message.trimEnd());
    expect(leftovers(scratch)).toEqual([]);
  });
});

describe("reading Redocly's report", () => {
  it("takes the problems from the JSON report, after anything printed before it", () => {
    const problem = { ruleId: "info-contact", severity: "warn", message: "No contact." };
    expect(module.parseProblems(JSON.stringify({ totals: {}, problems: [problem] }))).toEqual([problem]);
    expect(module.parseProblems(`x${JSON.stringify({ problems: [problem] })}`)).toEqual([problem]);
    expect(module.parseProblems(`validating...\n${JSON.stringify({ problems: [problem] })}`)).toEqual([problem]);
  });

  it("finds none in output without a report, with a broken one, or with one that lists none", () => {
    expect(module.parseProblems("")).toEqual([]);
    expect(module.parseProblems("Please provide a valid path to the configuration file.")).toEqual([]);
    expect(module.parseProblems('{ "problems": [')).toEqual([]);
    expect(module.parseProblems('{ "totals": { "errors": 0 } }')).toEqual([]);
  });

  it("writes a problem as one indented line, its pointer as a path", () => {
    expect(
      module.formatProblem({ ruleId: "operation-summary", severity: "error", message: "No summary.", location: [{ pointer: "#/paths/~1a~1~0b~0c/get" }, { pointer: "#/other" }] }),
    ).toBe("  error operation-summary at /paths//a/~b~c/get: No summary.");
    expect(module.formatProblem({ ruleId: "r", severity: "warn", message: "m", location: [{ pointer: "/x#y" }] })).toBe("  warn r at /x#y: m");
    expect(module.formatProblem({ ruleId: "r", severity: "warn", message: "m", location: [{}] })).toBe("  warn r at : m");
    expect(module.formatProblem({ ruleId: "r", severity: "warn", message: "m", location: [] })).toBe("  warn r at : m");
    expect(module.formatProblem({ ruleId: "r", severity: "warn", message: "m" })).toBe("  warn r at : m");
  });
});
