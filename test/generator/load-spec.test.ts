// loadSpec merges spec/openapi.yaml with every partial under components/ and paths/ into one
// document, deterministically (sorted), and refuses anything declared twice or out of place,
// naming the file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpec, SpecError } from "../../scripts/lib/load-spec.js";

const scratch = mkdtempSync(join(tmpdir(), "load-spec-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let specs = 0;

/** A spec directory holding `files` (relative path → YAML text). */
function specDir(files: Record<string, string>): string {
  const dir = join(scratch, `spec-${specs++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const root = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";

describe("loadSpec", () => {
  it("merges the partials into the root, sorting paths, component kinds, components and tags", () => {
    const dir = specDir({
      "openapi.yaml": `x-extra: kept\nsecurity: [{key: []}]\n${root}servers: [{url: 'https://api'}]\ntags: [{name: zeta}]\npaths:\n  /root: {get: {}}\ncomponents:\n  schemas: {Root: {}}\n`,
      "components/b.yaml": "components:\n  schemas: {Zed: {}, Alpha: {}}\n  parameters: {P: {}}\ntags: [{name: alpha}]\n",
      "components/a.yaml": "components:\n  responses: {R: {}}\n",
      "components/notes.md": "not: yaml to read\n",
      "paths/things.yaml": "paths:\n  /things: {post: {}}\n  /a: {get: {}}\ntags: [{name: beta}]\n",
    });
    const merged = loadSpec(dir);
    expect(merged).toStrictEqual({
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      servers: [{ url: "https://api" }],
      security: [{ key: [] }],
      "x-extra": "kept",
      tags: [{ name: "alpha" }, { name: "beta" }, { name: "zeta" }],
      paths: { "/a": { get: {} }, "/root": { get: {} }, "/things": { post: {} } },
      components: { parameters: { P: {} }, responses: { R: {} }, schemas: { Alpha: {}, Root: {}, Zed: {} } },
    });
    // The order is part of the output: the generated files are written from it.
    expect(Object.keys(merged)).toEqual(["openapi", "info", "servers", "security", "x-extra", "tags", "paths", "components"]);
    expect(Object.keys(merged.paths as object)).toEqual(["/a", "/root", "/things"]);
    expect(Object.keys(merged.components as object)).toEqual(["parameters", "responses", "schemas"]);
    expect(Object.keys((merged.components as { schemas: object }).schemas)).toEqual(["Alpha", "Root", "Zed"]);
  });

  it("reads a root alone, without partial directories", () => {
    expect(loadSpec(specDir({ "openapi.yaml": root }))).toStrictEqual({
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      servers: undefined,
      security: undefined,
      tags: [],
      paths: {},
      components: {},
    });
  });

  it.each([
    ["unparsable YAML", { "paths/p.yaml": "paths: [\n" }, /^paths\/p\.yaml: /],
    ["a key given twice", { "paths/p.yaml": "paths: {}\npaths: {}\n" }, /^paths\/p\.yaml: .*[Uu]nique/],
    ["a file that is no mapping", { "paths/p.yaml": "- a\n" }, "paths/p.yaml: not a YAML mapping"],
    ["another top-level key", { "paths/p.yaml": "info: {}\n" }, 'paths/p.yaml: unexpected top-level key "info" (allowed: paths, components, tags)'],
    ["paths that are no mapping", { "paths/p.yaml": "paths: [a]\n" }, "paths/p.yaml: paths must be a mapping"],
    ["components that are no mapping", { "components/c.yaml": "components: [a]\n" }, "components/c.yaml: components must be a mapping"],
    ["an unknown components section", { "components/c.yaml": "components: {links: {}}\n" }, 'components/c.yaml: unsupported components section "links"'],
    ["a components section that is no mapping", { "components/c.yaml": "components: {schemas: [a]}\n" }, 'components/c.yaml: unsupported components section "schemas"'],
    ["tags that are no list", { "components/c.yaml": "tags: {a: b}\n" }, "components/c.yaml: tags must be a list"],
    ["a path declared twice", { "paths/a.yaml": "paths: {/x: {}}\n", "paths/b.yaml": "paths: {/x: {}}\n" }, "paths/b.yaml: path /x is already declared in paths/a.yaml"],
    [
      "a component declared twice",
      { "components/a.yaml": "components: {schemas: {X: {}}}\n", "paths/b.yaml": "components: {schemas: {X: {}}}\n" },
      "paths/b.yaml: component schemas/X is already declared in components/a.yaml",
    ],
    [
      "a component of the root declared again",
      { "components/a.yaml": "components: {schemas: {Root: {}}}\n" },
      "components/a.yaml: component schemas/Root is already declared in openapi.yaml",
    ],
    ["a path of the root declared again", { "paths/a.yaml": "paths: {/root: {get: {}}}\n" }, "paths/a.yaml: path /root is already declared in openapi.yaml"],
    ["a tag of the root declared again", { "components/a.yaml": "tags: [{name: rooted}]\n" }, "components/a.yaml: tag rooted is already declared in openapi.yaml"],
    ["a tag declared twice", { "components/a.yaml": "tags: [{name: t}]\n", "paths/b.yaml": "tags: [{name: t}]\n" }, "paths/b.yaml: tag t is already declared in components/a.yaml"],
  ] as const)("refuses %s, naming the file", (_label, files, message) => {
    const dir = specDir({ "openapi.yaml": `${root}tags: [{name: rooted}]\npaths: {/root: {}}\ncomponents: {schemas: {Root: {}}}\n`, ...files });
    let error: unknown;
    try {
      loadSpec(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).name).toBe("SpecError");
    if (typeof message === "string") expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
  });

  it("refuses a root that is missing or no mapping", () => {
    expect(() => loadSpec(specDir({ "openapi.yaml": "- a\n" }))).toThrow(new SpecError("openapi.yaml: not a YAML mapping"));
    expect(() => loadSpec(join(scratch, "nowhere"))).toThrow(/^openapi\.yaml: /);
  });

  it("keeps the root's components of every kind it merges, and reads only .yaml partials", () => {
    const kinds = ["schemas", "parameters", "responses", "requestBodies", "headers", "examples", "securitySchemes"];
    const rootComponents = kinds.map((kind) => `  ${kind}: {Root: {}}`).join("\n");
    for (const kind of kinds) {
      const dir = specDir({ "openapi.yaml": `${root}components:\n${rootComponents}\n`, "components/c.yaml": `components: {${kind}: {Root: {}}}\n` });
      expect(() => loadSpec(dir), kind).toThrow(`components/c.yaml: component ${kind}/Root is already declared in openapi.yaml`);
    }
    expect(loadSpec(specDir({ "openapi.yaml": root, "paths/p.yml": "not: read\n", "paths/p.yaml.bak": "- broken\n" })).paths).toEqual({});
  });
});
