// spec:diff on small fixtures (one of each kind of change, 3.0 YAML against 3.1 JSON) and through its CLI.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/core/json.js";
import { diffDocuments, type SpecChange, type SpecDiff } from "../../scripts/lib/spec-diff/diff.js";
import { SpecError } from "../../scripts/lib/load-spec.js";
import { loadDocument, mergeFragments } from "../../scripts/lib/spec-diff/load-document.js";
import { operationsOf } from "../../scripts/lib/spec-diff/operations.js";
import { type FieldFacts, schemaFacts } from "../../scripts/lib/spec-diff/schema-facts.js";
import { renderDiffMarkdown } from "../../scripts/lib/spec-diff/render-markdown.js";
import { repoRoot } from "../helpers/spec.js";

const fixtures = join(repoRoot, "test", "fixtures", "spec-diff");
const oldFile = join(fixtures, "old.yaml");
const newFile = join(fixtures, "new.json");
let diff: SpecDiff;

function find(operation: string, kind: SpecChange["kind"], location: string): SpecChange {
  const change = diff.changes.find((c) => c.operation === operation && c.kind === kind && c.location === location);
  if (!change) throw new Error(`no ${kind} at ${operation} ${location}; got:\n${diff.changes.map((c) => `${c.operation} ${c.kind} ${c.location}`).join("\n")}`);
  return change;
}

describe("spec:diff on fixtures", () => {
  // Computed before each of these tests rather than once at import, so that a mutation run credits
  // each mutant to the tests that ran it (code run at import is "static": every test reruns for it).
  beforeEach(() => {
    diff = diffDocuments(loadDocument(oldFile), loadDocument(newFile));
  });

  it("matches operations by method and path, and by operationId when the path moved", () => {
    expect(diff.added.map((op) => `${op.method} ${op.path}`)).toEqual(["POST /fresh"]);
    expect(diff.removed.map((op) => `${op.method} ${op.path}`).sort()).toEqual(["DELETE /things/{id}", "GET /gone"]);
    expect(find("GET /new-place", "operation-moved", "")).toMatchObject({ breaking: true, detail: "was GET /old-place" });
    expect(find("GET /gone", "operation-removed", "").breaking).toBe(true);
    expect(find("POST /fresh", "operation-added", "").breaking).toBe(false);
  });

  it.each([
    ["GET /things", "required-changed", "query limit", true],
    ["GET /things", "enum-values-removed", "query status", true],
    ["GET /things", "enum-values-added", "query status", false],
    ["GET /things", "parameter-added", "query q", false],
    ["GET /things", "parameter-removed", "header x-trace", true],
    ["POST /things", "field-added", "request body region", true],
    ["POST /things", "enum-values-removed", "request body kind", true],
    ["POST /things", "nullable-changed", "request body note", false],
    ["GET /things/{id}", "field-removed", "response 200 legacy", true],
    ["GET /things/{id}", "required-changed", "response 200 name", true],
    ["GET /things/{id}", "enum-values-added", "response 200 state", true],
    ["GET /things/{id}", "type-changed", "response 200 size", true],
    ["GET /things/{id}", "field-added", "response 200 color", false],
    ["GET /things/{id}", "nullable-changed", "response 200 meta.b", true],
    ["GET /things/{id}", "field-added", "response 200 meta.c", false],
    ["GET /things", "enum-values-added", "response 200 data[].state", true],
    ["GET /things", "field-removed", "response 200 data[].legacy", true],
  ] as const)("%s: %s at %s (breaking: %s)", (operation, kind, location, breaking) => {
    expect(find(operation, kind, location).breaking).toBe(breaking);
  });

  it("names the enum values that changed", () => {
    expect(find("GET /things", "enum-values-removed", "query status").values).toEqual(['"archived"']);
    expect(find("GET /things/{id}", "enum-values-added", "response 200 state").values).toEqual(['"paused"']);
  });

  it("reads 3.0 `nullable` and a 3.1 null type as the same thing", () => {
    expect(diff.changes.filter((c) => c.field.endsWith("owner"))).toEqual([]);
  });

  it("stops at a recursive schema instead of looping, and still compares the first level of recursion", () => {
    expect(find("GET /things/{id}", "field-removed", "response 200 parent.legacy").breaking).toBe(true);
  });

  it("finds no change between a document and itself", () => {
    expect(diffDocuments(loadDocument(newFile), loadDocument(newFile)).changes).toEqual([]);
  });

  // Seconds per run (loading and flattening the whole spec): too slow to rerun for every mutant.
  it.skipIf(process.env.STATSIG_MUTATION_RUN === "1")("finds no change between our spec and itself", () => {
    const ours = loadDocument(join(repoRoot, "spec"));
    expect(diffDocuments(ours, ours).changes).toEqual([]);
  });

  it("renders Markdown with the counts and breaking changes first", () => {
    const markdown = renderDiffMarkdown(diff);
    expect(markdown).toContain("Operations added: 1; removed: 2");
    expect(markdown.indexOf("## Breaking changes")).toBeLessThan(markdown.indexOf("## Safe changes"));
    expect(markdown).toContain('| enum-values-added | response 200 state | adds "paused" |');
  });
});

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, ["--import", "tsx", join(repoRoot, "scripts", "spec-diff.ts"), ...args], { cwd: repoRoot });

// A child process never sees the mutant: vitest.mutation.generator.config.ts sets STATSIG_MUTATION_RUN.
describe.skipIf(process.env.STATSIG_MUTATION_RUN === "1")("spec:diff command", () => {
  it("prints JSON with --json, and exits 1 on breaking changes with --fail-on-breaking", async () => {
    const failure = await cli(oldFile, newFile, "--json", "--fail-on-breaking").catch((error: { code: number; stdout: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect(JSON.parse((failure as { stdout: string }).stdout)).toMatchObject({
      added: [{ method: "POST", path: "/fresh" }],
      summary: { breaking: diffDocuments(loadDocument(oldFile), loadDocument(newFile)).summary.breaking },
    });
  }, 30_000);

  it("exits 2 with a message on a missing file", async () => {
    await expect(cli(oldFile, join(fixtures, "nope.json"))).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("no such file") });
  }, 30_000);
});

/** The facts of `schema` as a plain object, in a document whose component schemas are `schemas`. */
function facts(schema: unknown, schemas: JsonObject = {}): Record<string, FieldFacts> {
  return Object.fromEntries(schemaFacts({ paths: {}, components: { schemas } }, schema));
}

const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });
const field = (types: string[], more: Partial<FieldFacts> = {}): FieldFacts => ({ types, nullable: false, enum: null, required: true, freeForm: false, ...more });

describe("schemaFacts: what a client can observe of each field", () => {
  it("reads types, nullability, enums, constants, requirement, list items and map values", () => {
    const schema = {
      type: "object",
      required: ["a", "d"],
      properties: {
        a: { type: "string" },
        b: { type: "integer", nullable: true },
        c: { type: ["string", "null"] },
        d: { enum: ["x", 1, null] },
        e: { const: "k" },
        f: { const: null },
        g: { items: { type: "string" } },
        h: { additionalProperties: { type: "number" } },
        i: {},
        j: { properties: { k: { type: "boolean" } } },
      },
    };
    expect(facts(schema)).toEqual({
      "": field(["object"]),
      a: field(["string"]),
      b: field(["integer"], { nullable: true, required: false }),
      c: field(["string"], { nullable: true, required: false }),
      // Without a type, the enum's values tell it; null among them makes the field nullable.
      d: field(["number", "string"], { nullable: true, enum: ['"x"', "1"] }),
      e: field([], { enum: ['"k"'], required: false }),
      f: field([], { nullable: true, required: false, freeForm: true }),
      g: field(["array"], { required: false }),
      "g[]": field(["string"]),
      // Map values do not describe fields: the map itself stays free-form.
      h: field([], { required: false, freeForm: true }),
      "h{}": field(["number"]),
      i: field([], { required: false, freeForm: true }),
      j: field(["object"], { required: false }),
      "j.k": field(["boolean"], { required: false }),
    });
  });

  it("follows $ref through escaped names (~1 is /, ~0 is ~) and chains, and reads an outside or dangling $ref as any value", () => {
    const schemas = { "a/b~c": { $ref: "#/components/schemas/Name" }, Name: { type: "string" } };
    expect(facts({ $ref: "#/components/schemas/a~1b~0c" }, schemas)).toEqual({ "": field(["string"]) });
    expect(facts({ $ref: "other.yaml#/Name" }, schemas)).toEqual({ "": field([], { freeForm: true }) });
    expect(facts({ $ref: "#/components/schemas/Missing" }, schemas)).toEqual({ "": field([], { freeForm: true }) });
  });

  it("gives up on a $ref that only points at itself instead of looping", () => {
    const schemas = { A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" } };
    expect(facts({ $ref: "#/components/schemas/A" }, schemas)).toEqual({ "": field([], { freeForm: true }) });
  });

  it("describes a recursive component twice down, then leaves the third level undescribed", () => {
    const schemas = { Node: { type: "object", properties: { id: { type: "string" }, next: { $ref: "#/components/schemas/Node" } } } };
    expect(Object.keys(facts({ $ref: "#/components/schemas/Node" }, schemas))).toEqual(["", "id", "next", "next.id", "next.next"]);
    expect(facts({ $ref: "#/components/schemas/Node" }, schemas)["next.next"]).toEqual(field([], { required: false, freeForm: true }));
  });

  it("describes a component reused at two levels (not a cycle) at both", () => {
    const schemas = { Leaf: { type: "object", properties: { v: { type: "string" } } } };
    const schema = { type: "object", properties: { a: { $ref: "#/components/schemas/Leaf" }, b: { type: "object", properties: { c: { $ref: "#/components/schemas/Leaf" } } } } };
    expect(Object.keys(facts(schema, schemas))).toEqual(["", "a", "a.v", "b", "b.c", "b.c.v"]);
  });

  it("stops 12 levels down", () => {
    let schema: JsonObject = { type: "string" };
    for (let level = 0; level < 14; level++) schema = { type: "object", properties: { n: schema } };
    const paths = Object.keys(facts(schema));
    expect(paths.at(-1)).toBe(Array.from({ length: 12 }, () => "n").join("."));
    // Lists and maps count as levels too.
    let nested: JsonObject = { type: "string" };
    for (let level = 0; level < 14; level++) nested = level % 2 === 0 ? { type: "array", items: nested } : { type: "object", additionalProperties: nested };
    expect(Object.keys(facts(nested)).at(-1)).toBe("{}[]{}[]{}[]{}[]{}[]{}[]");
  });

  it("takes types from enum values, properties and items only when the schema states no type, and only string types", () => {
    expect(facts({ type: "integer", enum: [2, 1] })[""]).toEqual(field(["integer"], { enum: ["1", "2"] }));
    expect(facts({ type: "string", properties: { a: {} }, items: {} })[""]).toEqual(field(["string"]));
    expect(facts({ type: ["string", 5] })[""]).toEqual(field(["string"]));
    // An object that may also be a list: its items describe it, so it is not free-form.
    expect(facts({ type: ["array", "object"], items: { type: "string" } })[""]).toEqual(field(["array", "object"]));
  });

  it("follows a chain of at most 32 references, and reads a relative file reference as any value", () => {
    const schemas: JsonObject = {};
    for (const n of [32, 33]) {
      schemas[`C${n}-0`] = { type: "string" };
      for (let hop = 1; hop <= n; hop++) schemas[`C${n}-${hop}`] = { $ref: `#/components/schemas/C${n}-${hop - 1}` };
    }
    expect(facts({ $ref: "#/components/schemas/C32-31" }, schemas)[""]).toEqual(field(["string"]));
    expect(facts({ $ref: "#/components/schemas/C33-32" }, schemas)[""]).toEqual(field([], { freeForm: true }));
    expect(facts({ $ref: "./components/schemas/Name" }, { Name: { type: "string" } })[""]).toEqual(field([], { freeForm: true }));
  });

  it("describes three different components nested in one another (only a repeated one is a cycle)", () => {
    const schemas = { Outer: object({ m: ref("Middle") }), Middle: object({ l: ref("Leaf") }), Leaf: object({ v: { type: "string" } }) };
    expect(Object.keys(facts(ref("Outer"), schemas))).toEqual(["", "m", "m.l", "m.l.v"]);
  });

  it("stops at a component whose allOf includes itself", () => {
    const schemas = { Loop: { allOf: [ref("Loop"), object({ a: { type: "string" } })] } };
    expect(facts(ref("Loop"), schemas)).toEqual({ "": field(["object"]), a: field(["string"], { required: false }) });
  });

  it("reads allOf parts together: later properties win, requirements, types, nullability, enums and items add up", () => {
    const schema = {
      allOf: [
        { type: "object", required: ["a"], properties: { a: { type: "string" }, b: { type: "string" } } },
        { required: ["b"], properties: { b: { type: "integer" } } },
        { nullable: true },
        { properties: { list: { type: "array", items: { type: "string" } } } },
        { properties: { list: { allOf: [{ items: { type: "integer" } }] } } },
        { properties: { e: { allOf: [{ type: "string" }, { enum: ["p", "q"] }] } } },
        { properties: { m: { allOf: [{ additionalProperties: { type: "string" } }] } } },
      ],
    };
    expect(facts(schema)).toEqual({
      "": field(["object"], { nullable: true }),
      a: field(["string"]),
      b: field(["integer"]),
      list: field(["array"], { required: false }),
      "list[]": field(["integer"]),
      e: field(["string"], { required: false, enum: ['"p"', '"q"'] }),
      m: field([], { required: false, freeForm: true }),
      "m{}": field(["string"]),
    });
  });

  it("unites oneOf/anyOf alternatives: a field is required only when every object form requires it", () => {
    const schema = {
      oneOf: [
        { type: "object", required: ["a", "b"], properties: { a: { type: "string" }, b: { type: "string" } } },
        { type: "object", required: ["a"], properties: { a: { type: "integer" }, c: { type: "boolean" } } },
        { type: "null" },
      ],
    };
    expect(facts(schema)).toEqual({
      "": field(["object"], { nullable: true }),
      a: field(["integer", "string"]),
      b: field(["string"], { required: false }),
      c: field(["boolean"], { required: false }),
    });
  });

  it("keeps alternatives' enums closed together, and opens them when one alternative is any value of its type", () => {
    expect(facts({ anyOf: [{ enum: ["a"] }, { enum: ["b"] }] })[""]).toEqual(field(["string"], { enum: ['"a"', '"b"'] }));
    expect(facts({ anyOf: [{ enum: ["a"] }, { type: "string" }] })[""]).toEqual(field(["string"]));
    // An object or list alternative does not open the enum.
    expect(facts({ oneOf: [{ enum: ["a"] }, { type: "array", items: {} }] })[""]!.enum).toEqual(['"a"']);
    expect(facts({ oneOf: [{ enum: ["a"] }, { type: "object" }] })[""]!.enum).toEqual(['"a"']);
  });

  it("unites alternatives' list items and map values", () => {
    const schema = { oneOf: [{ type: "array", items: { type: "string" } }, { type: "array", items: { type: "integer" } }, { additionalProperties: { type: "boolean" } }] };
    expect(facts(schema)).toEqual({
      "": field(["array"]),
      "[]": field(["integer", "string"]),
      "{}": field(["boolean"]),
    });
  });

  it("unites the alternatives one property has across object forms", () => {
    const schemas = { Tag: { type: "object", required: ["id"], properties: { id: { type: "string" } } } };
    const schema = {
      oneOf: [
        { type: "object", properties: { p: { $ref: "#/components/schemas/Tag" } } },
        {
          type: "object",
          properties: {
            p: { type: "object", nullable: true, required: ["name"], properties: { name: { enum: ["x"] } }, items: { type: "string" }, additionalProperties: { type: "number" } },
          },
        },
      ],
    };
    expect(facts(schema, schemas)).toEqual({
      "": field(["object"]),
      p: field(["object"], { nullable: true, required: false }),
      "p.id": field(["string"]),
      "p.name": field(["string"], { enum: ['"x"'] }),
      "p[]": field(["string"]),
      "p{}": field(["number"]),
    });
  });

  it("keeps an allOf part's enum and items when a later part has none, and sorts enum values", () => {
    expect(facts({ allOf: [{ enum: ["b", "a"] }, { description: "x" }] })[""]).toEqual(field(["string"], { enum: ['"a"', '"b"'] }));
    expect(Object.keys(facts({ allOf: [{ items: { type: "string" } }, { description: "x" }] }))).toEqual(["", "[]"]);
  });

  it("does not open an enum for an alternative that states no type, and requires no property when no alternative is an object", () => {
    expect(facts({ oneOf: [{ enum: ["a"] }, { description: "x" }] })[""]!.enum).toEqual(['"a"']);
    const alternatives = { oneOf: [object({ p: { enum: ["a"] } }), object({ p: { description: "x" } })] };
    expect(facts(alternatives).p!.enum).toEqual(['"a"']);
    expect(facts({ properties: { a: {} }, oneOf: [{ type: "string" }, { type: "integer" }] }).a!.required).toBe(false);
  });

  it("opens a united enum when one alternative is any value, and keeps it closed when all are enums", () => {
    const schema = {
      oneOf: [
        { type: "object", properties: { open: { enum: ["a"] }, closed: { enum: ["a"] } } },
        { type: "object", properties: { open: { type: "string" }, closed: { enum: ["b"], nullable: true } } },
      ],
    };
    const result = facts(schema);
    expect(result.open).toEqual(field(["string"], { required: false }));
    expect(result.closed).toEqual(field(["string"], { required: false, nullable: true, enum: ['"a"', '"b"'] }));
  });
});

/** A document with one operation, `GET /x` unless `path`/`method` say otherwise. */
function oneOperation(operation: JsonObject, { path = "/x", method = "get", schemas = {} }: { path?: string; method?: string; schemas?: JsonObject } = {}): JsonObject {
  return {
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    paths: { [path]: { [method]: { operationId: "op", responses: { "200": { description: "ok" } }, ...operation } } },
    components: { schemas },
  };
}
const answering = (schema: unknown, status = "200"): JsonObject => ({ responses: { [status]: { description: "ok", content: { "application/json": { schema } } } } });
const accepting = (schema: unknown, required = true): JsonObject => ({ requestBody: { required, content: { "application/json": { schema } } } });
const object = (properties: JsonObject, required: string[] = []): JsonObject => ({ type: "object", required, properties });

/** The changes from `before` to `after` (operations of one document each), as `kind location breaking: detail`. */
function changesOf(before: JsonObject, after: JsonObject): string[] {
  return diffDocuments(oneOperation(before), oneOperation(after)).changes.map((c) => `${c.kind} ${c.location} ${c.breaking}: ${c.detail}`);
}

describe("diffDocuments: which changes break a client written against the old document", () => {
  it("a field added to a response is safe; to a request, breaking only when required in an object the old request had", () => {
    expect(changesOf(answering(object({})), answering(object({ a: { type: "string" } }, ["a"])))).toEqual(["field-added response 200 a false: required string"]);
    expect(changesOf(accepting(object({})), accepting(object({ a: { type: "string" } }, ["a"])))).toEqual([
      "field-added request body a true: required string: a new required request field",
    ]);
    expect(changesOf(accepting(object({})), accepting(object({ a: { type: "string", nullable: true, enum: ["p"] } })))).toEqual([
      'field-added request body a false: optional string | null ("p")',
    ]);
    // Under a new object, only the object is reported (and its required field does not break on its own).
    expect(changesOf(accepting(object({})), accepting(object({ o: object({ a: { type: "string" } }, ["a"]) })))).toEqual(["field-added request body o false: optional object"]);
    // New list items are a change of the list's shape, never a new required field.
    expect(changesOf(accepting(object({ l: {} }, ["l"])), accepting(object({ l: { type: "array", items: { type: "string" } } }, ["l"])))).toEqual([
      "field-added request body l[] false: string",
    ]);
  });

  it("marks a field added under an object the old document left free-form", () => {
    const diff = diffDocuments(oneOperation(answering(object({ m: { type: "object" } }))), oneOperation(answering(object({ m: object({ a: { type: "string" } }) }))));
    expect(diff.changes).toEqual([expect.objectContaining({ kind: "field-added", field: "m.a", underFreeForm: true })]);
    const described = diffDocuments(oneOperation(answering(object({ m: object({ b: {} }) }))), oneOperation(answering(object({ m: object({ a: {}, b: {} }) }))));
    expect(described.changes[0]).not.toHaveProperty("underFreeForm");
  });

  it("marks a field added under a free-form object by its nearest parent, at any depth and with long names", () => {
    // The parent of `info.meta.colorName` is `info.meta` (free-form in the old document), not `info` or the body.
    const old = answering(object({ info: object({ meta: { type: "object" }, label: { type: "string" } }) }));
    const now = answering(object({ info: object({ meta: object({ colorName: { type: "string" } }), label: { type: "string" } }) }));
    expect(diffDocuments(oneOperation(old), oneOperation(now)).changes).toEqual([
      expect.objectContaining({ kind: "field-added", field: "info.meta.colorName", underFreeForm: true }),
    ]);
    const described = answering(object({ info: object({ label: { type: "string" } }) }));
    const added = answering(object({ info: object({ label: { type: "string" }, shade: { type: "string" } }) }));
    expect(diffDocuments(oneOperation(described), oneOperation(added)).changes[0]).not.toHaveProperty("underFreeForm");
  });

  it("reports a new list of objects or map of objects once, not each of its items' fields", () => {
    const rows = { type: "array", items: object({ name: { type: "string" } }, ["name"]) };
    const byKey = { type: "object", additionalProperties: object({ name: { type: "string" } }, ["name"]) };
    expect(changesOf(answering(object({})), answering(object({ rows })))).toEqual(["field-added response 200 rows false: optional array"]);
    expect(changesOf(answering(object({})), answering(object({ byKey })))).toEqual(["field-added response 200 byKey false: optional object"]);
    expect(changesOf(answering(object({ rows })), answering(object({})))).toEqual(["field-removed response 200 rows true: may now be missing from the response"]);
    expect(changesOf(answering(object({ byKey })), answering(object({})))).toEqual(["field-removed response 200 byKey true: may now be missing from the response"]);
  });

  it("does not call a map's values or a list's items a property: gone, they break nothing on their own", () => {
    const map = object({ labels: { type: "object", additionalProperties: { type: "string" } } });
    const list = object({ tags: { type: "array", items: { type: "string" } } });
    expect(changesOf(answering(map), answering(object({ labels: { type: "object" } })))).toEqual([
      "field-removed response 200 labels{} false: may now be missing from the response",
    ]);
    expect(changesOf(accepting(map), accepting(object({ labels: { type: "object" } })))).toEqual(["field-removed request body labels{} false: no longer accepted (string)"]);
    expect(changesOf(accepting(list), accepting(object({ tags: { type: "array" } })))).toEqual(["field-removed request body tags[] false: no longer accepted (string)"]);
    expect(changesOf(accepting(object({ labels: { type: "object" } })), accepting(map))).toEqual(["field-added request body labels{} false: string"]);
  });

  it("a required field of a request body the old document could not describe is new, not a new required field of an object it had", () => {
    // A request body behind an outside $ref has no facts at all (not even the body's own).
    const undescribed: JsonObject = { requestBody: { $ref: "bodies.yaml#/Thing" } };
    expect(changesOf(undescribed, accepting(object({ name: { type: "string" } }, ["name"]), false))).toEqual([
      "field-added request body false: object",
      "field-added request body name false: required string",
    ]);
  });

  it("a type outside the old types is a change even when the old types include number", () => {
    const field = (type: unknown) => object({ a: { type } });
    expect(changesOf(answering(field("number")), answering(field(["number", "string"])))).toEqual(["type-changed response 200 a true: number → number | string"]);
    expect(changesOf(accepting(field(["number", "boolean"])), accepting(field("number")))).toEqual(["type-changed request body a true: boolean | number → number"]);
  });

  it("a field removed from a response breaks (it may be missing); from a request, it is no longer accepted", () => {
    expect(changesOf(answering(object({ a: { type: "string" }, o: object({ b: {} }) })), answering(object({})))).toEqual([
      "field-removed response 200 a true: may now be missing from the response",
      "field-removed response 200 o true: may now be missing from the response",
    ]);
    expect(changesOf(accepting(object({ a: { type: "integer" } })), accepting(object({})))).toEqual(["field-removed request body a true: no longer accepted (integer)"]);
    // List items vanishing is a change of the list's type, reported there, not a removed field.
    expect(changesOf(answering(object({ l: { type: "array", items: { type: "string" } } })), answering(object({ l: { type: "array" } })))).toEqual([
      "field-removed response 200 l[] false: may now be missing from the response",
    ]);
  });

  it("a response field becoming optional breaks, a request field becoming required breaks, and not the other way round", () => {
    const optional = object({ a: { type: "string" } });
    const required = object({ a: { type: "string" } }, ["a"]);
    expect(changesOf(answering(required), answering(optional))).toEqual(["required-changed response 200 a true: now optional"]);
    expect(changesOf(answering(optional), answering(required))).toEqual(["required-changed response 200 a false: now required"]);
    expect(changesOf(accepting(optional), accepting(required))).toEqual(["required-changed request body a true: now required"]);
    expect(changesOf(accepting(required), accepting(optional))).toEqual(["required-changed request body a false: now optional"]);
  });

  it("a response type gained breaks, a request type lost breaks; an integer is a number, and an unstated type is not compared", () => {
    const field = (type: unknown) => object({ a: type === undefined ? {} : { type } });
    expect(changesOf(answering(field("string")), answering(field(["string", "integer"])))).toEqual(["type-changed response 200 a true: string → integer | string"]);
    expect(changesOf(answering(field(["string", "integer"])), answering(field("string")))).toEqual(["type-changed response 200 a false: integer | string → string"]);
    expect(changesOf(accepting(field(["string", "integer"])), accepting(field("string")))).toEqual(["type-changed request body a true: integer | string → string"]);
    expect(changesOf(accepting(field("string")), accepting(field(["string", "integer"])))).toEqual(["type-changed request body a false: string → integer | string"]);
    expect(changesOf(answering(field("number")), answering(field("integer")))).toEqual(["type-changed response 200 a false: number → integer"]);
    expect(changesOf(answering(field("integer")), answering(field("number")))).toEqual(["type-changed response 200 a true: integer → number"]);
    expect(changesOf(answering(field(undefined)), answering(field("string")))).toEqual([]);
    expect(changesOf(answering(field("string")), answering(field(undefined)))).toEqual([]);
  });

  it("null in a response breaks; a request no longer taking null breaks", () => {
    const plain = object({ a: { type: "string" } });
    const nullable = object({ a: { type: ["string", "null"] } });
    expect(changesOf(answering(plain), answering(nullable))).toEqual(["nullable-changed response 200 a true: now nullable"]);
    expect(changesOf(answering(nullable), answering(plain))).toEqual(["nullable-changed response 200 a false: no longer nullable"]);
    expect(changesOf(accepting(nullable), accepting(plain))).toEqual(["nullable-changed request body a true: no longer nullable"]);
    expect(changesOf(accepting(plain), accepting(nullable))).toEqual(["nullable-changed request body a false: now nullable"]);
  });

  it("enum values: new ones break a response, lost ones a request; an enum opened breaks a response, closed a request", () => {
    const values = (...list: string[]) => object({ a: { type: "string", enum: list } });
    const open = object({ a: { type: "string" } });
    expect(changesOf(answering(values("p")), answering(values("q")))).toEqual([
      'enum-values-added response 200 a true: adds "q"',
      'enum-values-removed response 200 a false: removes "p"',
    ]);
    expect(changesOf(accepting(values("p")), accepting(values("p", "q", "r")))).toEqual(['enum-values-added request body a false: adds "q", "r"']);
    expect(changesOf(accepting(values("p", "q", "r")), accepting(values("p")))).toEqual(['enum-values-removed request body a true: removes "q", "r"']);
    expect(changesOf(answering(values("p")), answering(open))).toEqual(["enum-opened response 200 a true: no longer a closed set of values"]);
    expect(changesOf(accepting(values("p")), accepting(open))).toEqual(["enum-opened request body a false: no longer a closed set of values"]);
    expect(changesOf(accepting(open), accepting(values("p", "q")))).toEqual(['enum-closed request body a true: now one of "p", "q"']);
    expect(changesOf(answering(open), answering(values("p")))).toEqual(['enum-closed response 200 a false: now one of "p"']);
  });

  it("locates a change on the body itself, a list's items and a map's values without a space", () => {
    expect(changesOf(answering({ type: "string" }), answering({ type: "integer" }))).toEqual(["type-changed response 200 true: string → integer"]);
    expect(changesOf(answering({ type: "array", items: { type: "string" } }), answering({ type: "array", items: { type: "integer" } }))).toEqual([
      "type-changed response 200[] true: string → integer",
    ]);
    expect(changesOf(answering({ additionalProperties: { type: "string" } }), answering({ additionalProperties: { type: "integer" } }))).toEqual([
      "type-changed response 200{} true: string → integer",
    ]);
  });

  it("parameters: a required one added breaks, an optional one does not; one removed or made required breaks; its schema is compared", () => {
    const params = (...list: JsonObject[]): JsonObject => ({ parameters: list });
    expect(changesOf(params(), params({ name: "a", in: "query", required: true, schema: { type: "integer" } }, { name: "b", in: "query" }))).toEqual([
      "parameter-added query a true: required integer",
      "parameter-added query b false: optional any",
    ]);
    expect(changesOf(params({ name: "a", in: "query" }), params())).toEqual(["parameter-removed query a true: no longer read"]);
    expect(changesOf(params({ name: "a", in: "query" }), params({ name: "a", in: "query", required: true }))).toEqual(["required-changed query a true: now required"]);
    expect(changesOf(params({ name: "a", in: "query", required: true }), params({ name: "a", in: "query" }))).toEqual(["required-changed query a false: now optional"]);
    expect(
      changesOf(params({ name: "a", in: "query", schema: { type: "string", enum: ["p"] } }), params({ name: "a", in: "query", schema: { type: "string", enum: ["q"] } })),
    ).toEqual(['enum-values-added query a false: adds "q"', 'enum-values-removed query a true: removes "p"']);
    // Header names are case-insensitive: X-Trace and x-trace are one parameter.
    expect(changesOf(params({ name: "X-Trace", in: "header" }), params({ name: "x-trace", in: "header" }))).toEqual([]);
  });

  it("the request body: added, removed, made required or optional", () => {
    const schema = object({});
    expect(changesOf({}, accepting(schema, true))).toEqual(["request-body-added request body true: required"]);
    expect(changesOf({}, accepting(schema, false))).toEqual(["request-body-added request body false: optional"]);
    expect(changesOf(accepting(schema), {})).toEqual(["request-body-removed request body true: no longer accepted"]);
    expect(changesOf(accepting(schema, false), accepting(schema, true))).toEqual(["required-changed request body true: now required"]);
    expect(changesOf(accepting(schema, true), accepting(schema, false))).toEqual(["required-changed request body false: now optional"]);
  });

  it("a new success status is reported, and the old first success body compared with the new first", () => {
    expect(changesOf(answering(object({ a: {} }), "200"), answering(object({ b: {} }), "201"))).toEqual([
      "success-status-changed responses false: 200 → 201",
      "field-added response 201 b false: optional any",
      "field-removed response 201 a true: may now be missing from the response",
    ]);
    // A status added beside the old one: the old one's body is compared with itself only.
    const both: JsonObject = { responses: { "200": { description: "ok" }, "202": { description: "accepted" } } };
    expect(changesOf(answering(object({ a: {} }), "200"), both)).toEqual([
      "field-removed response 200 false: may now be missing from the response",
      "field-removed response 200 a true: may now be missing from the response",
      "success-status-changed responses false: 200 → 200, 202",
    ]);
    expect(changesOf({ responses: { default: { description: "error" } } }, answering({}, "204"))).toEqual(["success-status-changed responses false: none → 204"]);
    expect(changesOf(answering({}, "2XX"), { responses: {} })).toEqual(["success-status-changed responses false: 2XX → none"]);
  });
});

describe("diffDocuments: each change's side, place and field", () => {
  const detailed = (before: JsonObject, after: JsonObject) =>
    diffDocuments(oneOperation(before), oneOperation(after)).changes.map((c) => `${c.side}|${c.kind}|${c.location}|${c.field}|${c.detail}`);

  it("for parameters, request bodies and success statuses", () => {
    expect(
      detailed(
        {
          parameters: [
            { name: "b", in: "query" },
            { name: "c", in: "query" },
          ],
        },
        {
          parameters: [
            { name: "a", in: "query", schema: { type: ["integer", "string"], enum: [1, "x"] } },
            { name: "c", in: "query", required: true },
          ],
        },
      ),
    ).toEqual([
      'parameter|parameter-added|query a|a|optional integer | string ("x", 1)',
      "parameter|required-changed|query c|c|now required",
      "parameter|parameter-removed|query b|b|no longer read",
    ]);
    // A change inside a parameter's schema or the body's is on the parameter's or the request's side.
    expect(
      detailed(
        { parameters: [{ name: "s", in: "query", schema: { type: "string", enum: ["a", "b"] } }] },
        { parameters: [{ name: "s", in: "query", schema: { type: "string", enum: ["a"] } }] },
      ),
    ).toEqual(['parameter|enum-values-removed|query s||removes "b"']);
    expect(detailed(accepting(object({ n: { type: "string" } })), accepting(object({ n: { type: "integer" } })))).toEqual([
      "request|type-changed|request body n|n|string → integer",
    ]);
    expect(detailed(accepting({}, false), accepting({}, true))).toEqual(["request|required-changed|request body||now required"]);
    expect(detailed({}, accepting({}, false))).toEqual(["request|request-body-added|request body||optional"]);
    expect(detailed(accepting({}), {})).toEqual(["request|request-body-removed|request body||no longer accepted"]);
    const statuses = (...list: string[]): JsonObject => ({ responses: Object.fromEntries(list.map((status) => [status, { description: "ok" }])) });
    expect(detailed(statuses("202", "200"), statuses("200"))).toEqual(["response|success-status-changed|responses||200, 202 → 200"]);
  });

  it("for whole operations, and an operation counts as changed only for its own changes", () => {
    const ok = { responses: { "200": { description: "ok" } } };
    const doc = (paths: JsonObject): JsonObject => ({ paths });
    const diff = diffDocuments(
      doc({ "/a": { get: { operationId: "m", ...ok } }, "/gone": { get: ok }, "/same": { get: ok }, "/same2": { get: ok } }),
      doc({ "/b": { get: { operationId: "m", ...ok } }, "/new": { get: ok }, "/same": { get: ok }, "/same2": { get: ok } }),
    );
    expect(diff.changes.map((c) => `${c.side}|${c.kind}|${c.operation}|${c.location}|${c.field}|${c.detail}`)).toEqual([
      "operation|operation-moved|GET /b|||was GET /a",
      "operation|operation-added|GET /new|||new operation",
      "operation|operation-removed|GET /gone|||no longer offered",
    ]);
    expect(diff.changedOperations).toBe(1);
  });
});

describe("diffDocuments: operations", () => {
  const doc = (paths: JsonObject, info: JsonObject = { title: "T", version: "1" }): JsonObject => ({ openapi: "3.1.0", info, paths });
  const ok = { responses: { "200": { description: "ok" } } };

  it("reports an operationId change on the same method and path as safe", () => {
    const diff = diffDocuments(doc({ "/x": { get: { operationId: "a", ...ok } } }), doc({ "/x": { get: { operationId: "b", ...ok } } }));
    expect(diff.changes).toEqual([
      { operation: "GET /x", operationId: "b", side: "operation", kind: "operation-id-changed", location: "", field: "", breaking: false, detail: "a → b" },
    ]);
    expect(diff.changedOperations).toBe(1);
    expect(diff.summary).toEqual({ breaking: 0, safe: 1 });
  });

  it("does not call an operationId appearing or vanishing a change, and names the change by whichever id is known", () => {
    const before = doc({ "/x": { get: { operationId: "a", parameters: [{ name: "q", in: "query" }], ...ok } } });
    const after = doc({ "/x": { get: { parameters: [{ name: "q", in: "query", required: true }], ...ok } } });
    expect(diffDocuments(before, after).changes.map((c) => `${c.kind} ${c.operationId}`)).toEqual(["required-changed a"]);
    expect(diffDocuments(after, before).changes.map((c) => `${c.kind} ${c.operationId}`)).toEqual(["required-changed a"]);
  });

  it("does not pair operations without an operationId by it, nor operations whose ids differ", () => {
    const diff = diffDocuments(doc({ "/a": { get: ok }, "/b": { get: { operationId: "one", ...ok } } }), doc({ "/c": { get: ok }, "/d": { get: { operationId: "two", ...ok } } }));
    expect(diff.changes.map((c) => `${c.kind} ${c.operation}`)).toEqual([
      "operation-added GET /c",
      "operation-added GET /d",
      "operation-removed GET /a",
      "operation-removed GET /b",
    ]);
    expect(diff.changedOperations).toBe(0);
  });

  it("counts an operation as changed when it moved, even with no other change, and counts unchanged ones out", () => {
    const diff = diffDocuments(
      doc({ "/a": { get: { operationId: "m", ...ok } }, "/same": { get: ok } }),
      doc({ "/b": { get: { operationId: "m", ...ok } }, "/same": { get: ok } }),
    );
    expect(diff.changedOperations).toBe(1);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.summary).toEqual({ breaking: 1, safe: 0 });
  });

  it("counts each of several moved operations as changed, whatever else changed before it", () => {
    const diff = diffDocuments(
      doc({ "/a": { get: { operationId: "m", ...ok } }, "/c": { get: { operationId: "n", ...ok } }, "/same": { get: ok } }),
      doc({ "/b": { get: { operationId: "m", ...ok } }, "/d": { get: { operationId: "n", ...ok } }, "/same": { get: ok } }),
    );
    expect(diff.changes.map((c) => `${c.kind} ${c.operation}`)).toEqual(["operation-moved GET /b", "operation-moved GET /d"]);
    expect(diff.changedOperations).toBe(2);
  });

  it("describes each document by title, version and operation count, empty when info is missing", () => {
    const diff = diffDocuments(doc({ "/a": { get: ok, post: ok } }, { title: "Old", version: "1.0" }), { paths: {} });
    expect(diff.old).toEqual({ title: "Old", version: "1.0", operations: 2 });
    expect(diff.new).toEqual({ title: "", version: "", operations: 0 });
  });
});

describe("operationsOf: what the diff reads of each operation", () => {
  it("reads shared and own parameters (own win), through $ref, skipping ones without a name or place", () => {
    const doc: JsonObject = {
      paths: {
        "/x/{id}": {
          parameters: [{ name: "id", in: "path", required: true }, { name: "q", in: "query" }, { $ref: "#/components/parameters/Limit" }, { in: "query" }, { name: "n" }],
          get: { operationId: 7, parameters: [{ name: "q", in: "query", required: true }] },
        },
      },
      components: { parameters: { Limit: { name: "limit", in: "query", schema: { type: "integer" } } } },
    };
    const op = operationsOf(doc).get("GET /x/{id}")!;
    expect(op).toMatchObject({ key: "GET /x/{id}", method: "GET", path: "/x/{id}", operationId: null, requestBody: null });
    expect([...op.parameters].map(([key, p]) => `${key} ${p.in} ${p.name} ${p.required}`)).toEqual([
      "path:id path id true",
      "query:q query q true",
      "query:limit query limit false",
    ]);
    expect(op.parameters.get("query:limit")!.facts.get("")!.types).toEqual(["integer"]);
  });

  it("follows $ref to path items, request bodies and responses, and reads only success responses", () => {
    const doc: JsonObject = {
      paths: { "/x": { $ref: "#/components/pathItems/X" } },
      components: {
        pathItems: {
          X: {
            post: {
              requestBody: { $ref: "#/components/requestBodies/B" },
              responses: { "201": { $ref: "#/components/responses/R" }, "2XX": {}, "400": { $ref: "#/components/responses/R" }, default: {} },
            },
          },
        },
        requestBodies: { B: { content: { "application/json": { schema: { type: "string" } } } } },
        responses: { R: { content: { "application/json": { schema: { type: "integer" } } } } },
      },
    };
    const op = operationsOf(doc).get("POST /x")!;
    expect(op.requestBody!.required).toBe(false);
    expect(op.requestBody!.facts.get("")!.types).toEqual(["string"]);
    expect([...op.responses.keys()]).toEqual(["201", "2XX"]);
    expect(op.responses.get("201")!.get("")!.types).toEqual(["integer"]);
    // A response without content has no body to describe.
    expect(op.responses.get("2XX")!.size).toBe(0);
  });

  it("prefers a JSON media type, else the first, and ignores an outside $ref", () => {
    const schemaIn = (content: JsonObject) => ({ paths: { "/x": { get: { responses: { "200": { content } } } } } });
    const typeOf = (doc: JsonObject) => operationsOf(doc).get("GET /x")!.responses.get("200")!.get("")?.types;
    expect(typeOf(schemaIn({ "text/plain": { schema: { type: "string" } }, "application/problem+json": { schema: { type: "object" } } }))).toEqual(["object"]);
    expect(typeOf(schemaIn({ "text/plain": { schema: { type: "string" } }, "text/csv": { schema: { type: "integer" } } }))).toEqual(["string"]);
    expect(typeOf(schemaIn({ "text/plain": "not a media object" }))).toBeUndefined();
    expect(typeOf(schemaIn({}))).toBeUndefined();
    expect(operationsOf({ paths: { "/x": { $ref: "other.yaml#/X" } } }).size).toBe(0);
  });

  it("keeps a request body it cannot resolve (an outside $ref) as a body it cannot describe", () => {
    const op = operationsOf({ paths: { "/x": { post: { requestBody: { $ref: "bodies.yaml#/B" } } } } }).get("POST /x")!;
    expect(op.requestBody).toEqual({ required: false, facts: new Map() });
  });

  it("follows escaped $ref names, gives up on a $ref cycle, and follows a chain of at most 32", () => {
    const parameters: JsonObject = {
      "a/b~c": { name: "escaped", in: "query" },
      Loop1: { $ref: "#/components/parameters/Loop2" },
      Loop2: { $ref: "#/components/parameters/Loop1" },
    };
    // Chain<n> is n references away from a parameter named chain<n>.
    for (const n of [32, 33]) {
      parameters[`Chain${n}-0`] = { name: `chain${n}`, in: "query" };
      for (let hop = 1; hop <= n; hop++) parameters[`Chain${n}-${hop}`] = { $ref: `#/components/parameters/Chain${n}-${hop - 1}` };
    }
    const refs = ["a~1b~0c", "Loop1", "Chain32-31", "Chain33-32"].map((name) => ({ $ref: `#/components/parameters/${name}` }));
    const op = operationsOf({ paths: { "/x": { get: { parameters: refs } } }, components: { parameters } }).get("GET /x")!;
    expect([...op.parameters.keys()]).toEqual(["query:escaped", "query:chain32"]);
  });

  it("keeps query parameter names as written (only header names are case-insensitive), and skips an empty path item", () => {
    const op = operationsOf({
      paths: {
        "/x": {
          get: {
            parameters: [
              { name: "Limit", in: "query" },
              { name: "X-Trace", in: "header" },
            ],
          },
        },
        "/empty": null,
      },
    });
    expect([...op.keys()]).toEqual(["GET /x"]);
    expect([...op.get("GET /x")!.parameters.keys()]).toEqual(["query:Limit", "header:x-trace"]);
  });

  it("reads 2xx statuses and 2XX as success, and no other key", () => {
    const responses = Object.fromEntries(["200", "299", "2XX", "2000", "1200", "20", "300", "default"].map((status) => [status, {}]));
    expect([
      ...operationsOf({ paths: { "/x": { get: { responses } } } })
        .get("GET /x")!
        .responses.keys(),
    ]).toEqual(["200", "299", "2XX"]);
  });

  it("reads every HTTP method of a path item and nothing else in it", () => {
    const ok = { responses: {} };
    const doc: JsonObject = { paths: { "/x": { summary: "s", get: ok, put: ok, post: ok, delete: ok, options: ok, head: ok, patch: ok, trace: ok, servers: [] } } };
    expect([...operationsOf(doc).keys()]).toEqual(["GET /x", "PUT /x", "POST /x", "DELETE /x", "OPTIONS /x", "HEAD /x", "PATCH /x", "TRACE /x"]);
    expect(operationsOf({ paths: [] }).size).toBe(0);
  });
});

describe("loadDocument and mergeFragments", () => {
  const scratch = mkdtempSync(join(tmpdir(), "spec-diff-load-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const file = join(scratch, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };

  it("refuses a missing file, a directory that is no multi-file spec, unparsable text and a document without paths", () => {
    expect(() => loadDocument(join(scratch, "nope.json"))).toThrow(new SpecError(`${join(scratch, "nope.json")}: no such file or directory`));
    mkdirSync(join(scratch, "empty"), { recursive: true });
    expect(() => loadDocument(join(scratch, "empty"))).toThrow(new SpecError(`${join(scratch, "empty")}: a directory must hold openapi.yaml with paths/ or components/`));
    write("only-root/openapi.yaml", "openapi: 3.1.0\npaths: {}\n");
    expect(() => loadDocument(join(scratch, "only-root"))).toThrow(SpecError);
    expect(() => loadDocument(write("broken.json", "{"))).toThrow(/^.*broken\.json: .*JSON/);
    expect(() => loadDocument(write("broken.yaml", "a: [\n"))).toThrow(/broken\.yaml: /);
    expect(() => loadDocument(write("no-paths.yaml", "openapi: 3.1.0\n"))).toThrow(new SpecError(`${join(scratch, "no-paths.yaml")}: not an OpenAPI document (no paths)`));
    expect(() => loadDocument(write("list.json", "[1]"))).toThrow(/not an OpenAPI document/);
  });

  it("takes a directory as a multi-file spec with openapi.yaml and paths/ or components/, and reads the other files beside it as files", () => {
    write("paths-only/openapi.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n");
    write("paths-only/paths/x.yaml", "paths:\n  /x: {get: {}}\n");
    expect(loadDocument(join(scratch, "paths-only")).paths).toEqual({ "/x": { get: {} } });
    // A document saved beside the spec is itself, not the spec.
    expect(loadDocument(write("paths-only/other.json", '{"paths": {"/other": {}}}'))).toEqual({ paths: { "/other": {} } });
    write("no-root/paths/x.yaml", "paths: {}\n");
    expect(() => loadDocument(join(scratch, "no-root"))).toThrow(new SpecError(`${join(scratch, "no-root")}: a directory must hold openapi.yaml with paths/ or components/`));
  });

  it("reads a lone openapi.yaml as one file, and a .json file as JSON (where a repeated key is no error)", () => {
    expect(loadDocument(join(scratch, "only-root", "openapi.yaml"))).toEqual({ openapi: "3.1.0", paths: {} });
    expect(loadDocument(write("twice.json", '{"paths": {}, "paths": {"/x": {}}}'))).toEqual({ paths: { "/x": {} } });
  });

  it("merges a multi-file spec given as its directory or its openapi.yaml", () => {
    const mini = join(repoRoot, "test", "fixtures", "mini-spec");
    const merged = loadDocument(mini);
    expect(Object.keys(merged.paths as JsonObject).length).toBeGreaterThan(0);
    expect(loadDocument(join(mini, "openapi.yaml"))).toEqual(merged);
  });

  it("lays fragments over a document: new operations and replaced components; an operation declared twice is refused", () => {
    const base: JsonObject = {
      info: { title: "base" },
      paths: { "/a": { get: { operationId: "a" } }, "/odd": "not a path item" },
      components: { schemas: { A: { type: "string" }, B: { type: "string" } }, parameters: { P: {} } },
    };
    const fragment: JsonObject = {
      paths: { "/a": { post: { operationId: "postA" } }, "/b": { get: { operationId: "b" } }, "/skip": "not a path item" },
      components: { schemas: { B: { type: "integer" }, C: {} }, responses: { R: {} }, odd: "not a map" },
    };
    expect(mergeFragments(base, [fragment])).toEqual({
      info: { title: "base" },
      paths: { "/a": { get: { operationId: "a" }, post: { operationId: "postA" } }, "/odd": "not a path item", "/b": { get: { operationId: "b" } } },
      components: { schemas: { A: { type: "string" }, B: { type: "integer" }, C: {} }, parameters: { P: {} }, responses: { R: {} } },
    });
    expect(base.paths).toEqual({ "/a": { get: { operationId: "a" } }, "/odd": "not a path item" });
    expect(() => mergeFragments(base, [{ paths: { "/a": { get: {} } } }])).toThrow(new SpecError("fragment redeclares GET /a"));
    expect(mergeFragments({ paths: {} }, [{ paths: {} }])).toEqual({ paths: {}, components: {} });
  });
});

describe("renderDiffMarkdown", () => {
  const change = (operation: string, operationId: string | null, kind: SpecChange["kind"], location: string, breaking: boolean, detail: string): SpecChange => ({
    operation,
    operationId,
    side: "response",
    kind,
    location,
    field: "",
    breaking,
    detail,
  });

  it("renders the summary, then breaking and safe changes by operation in order, escaping table cells", () => {
    const markdown = renderDiffMarkdown({
      old: { title: "", version: "", operations: 2 },
      new: { title: "New | API", version: "2", operations: 3 },
      added: [{ method: "POST", path: "/b", operationId: null }],
      removed: [],
      changedOperations: 1,
      changes: [
        change("GET /a", "getA", "type-changed", "response 200 x", true, "integer | string → string"),
        change("DELETE /c", null, "operation-removed", "", true, "no longer offered"),
        change("GET /a", "getA", "field-removed", "response 200 y", true, "line one\nline two"),
        change("POST /b", null, "operation-added", "", false, "new operation"),
      ],
      summary: { breaking: 3, safe: 1 },
    });
    expect(markdown).toBe(
      [
        "# OpenAPI diff",
        "",
        "| | old | new |",
        "| --- | --- | --- |",
        "| document | untitled | New \\| API 2 |",
        "| operations | 2 | 3 |",
        "",
        "Operations added: 1; removed: 0; changed: 1. Changes: 3 breaking, 1 safe for a client written against the old document.",
        "",
        "## Breaking changes (3)",
        "",
        "### `DELETE /c`",
        "",
        "| change | where | detail |",
        "| --- | --- | --- |",
        "| operation-removed | operation | no longer offered |",
        "",
        "### `GET /a` (getA)",
        "",
        "| change | where | detail |",
        "| --- | --- | --- |",
        "| type-changed | response 200 x | integer \\| string → string |",
        "| field-removed | response 200 y | line one line two |",
        "",
        "## Safe changes (1)",
        "",
        "### `POST /b`",
        "",
        "| change | where | detail |",
        "| --- | --- | --- |",
        "| operation-added | operation | new operation |",
        "",
      ].join("\n"),
    );
  });

  it("leaves out an empty section", () => {
    const markdown = renderDiffMarkdown({
      old: { title: "T", version: "1", operations: 0 },
      new: { title: "T", version: "", operations: 0 },
      added: [],
      removed: [],
      changedOperations: 0,
      changes: [],
      summary: { breaking: 0, safe: 0 },
    });
    expect(markdown).toBe(
      [
        "# OpenAPI diff",
        "",
        "| | old | new |",
        "| --- | --- | --- |",
        "| document | T 1 | T |",
        "| operations | 0 | 0 |",
        "",
        "Operations added: 0; removed: 0; changed: 0. Changes: 0 breaking, 0 safe for a client written against the old document.",
        "",
      ].join("\n"),
    );
  });
});
