// spec:audit on a fixture: each kind of gap is found, decisions explain exactly what they name,
// and a decision that explains nothing is reported as stale.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/core/json.js";
import { type AuditResult, auditSpec } from "../../scripts/lib/spec-audit/audit.js";
import { operationDecisions, rootDecisions } from "../../scripts/lib/spec-audit/decisions.js";
import { renderAuditMarkdown } from "../../scripts/lib/spec-audit/render-markdown.js";
import { loadDocument } from "../../scripts/lib/spec-diff/load-document.js";
import { repoRoot } from "../helpers/spec.js";

const fixtures = join(repoRoot, "test", "fixtures", "spec-diff");
let result: AuditResult;
const summary = (explained: boolean) =>
  result.gaps
    .filter((gap) => (gap.explainedBy !== undefined) === explained)
    .map((gap) => `${gap.operation} ${gap.kind} ${gap.location}${gap.values ? ` ${gap.values.join(",")}` : ""}`)
    .sort();

describe("spec:audit on a fixture", () => {
  // Computed before each of these tests rather than once at import, so that a mutation run credits
  // each mutant to the tests that ran it (code run at import is "static": every test reruns for it).
  beforeEach(() => {
    result = auditSpec(loadDocument(join(fixtures, "ours-audited.yaml")), loadDocument(join(fixtures, "upstream.json")));
  });

  it("reports the operation, parameter, field and enum value we lack and no decision explains", () => {
    expect(summary(false)).toEqual([
      'GET /things enum-values response 200 data[].kind "b"',
      "GET /things field response 200 data[].label",
      "GET /things parameter query search",
      "POST /import operation operation",
    ]);
    expect(result.unexplained).toHaveLength(4);
  });

  it("explains gaps by the decisions that name them, at the root or on the operation", () => {
    expect(summary(true)).toEqual([
      "GET /export operation operation",
      'GET /things enum-values response 200 data[].state "beta"',
      "GET /things field response 200 data[].internal",
      "GET /things parameter header x-trace",
    ]);
    expect(result.gaps.find((gap) => gap.location === "header x-trace")?.explainedBy).toBe("no tracing header (root)");
  });

  it("does not count fields under an object we keep free-form", () => {
    expect(result.gaps.filter((gap) => gap.location.includes("extra"))).toEqual([]);
  });

  it("reports a recorded decision that no gap needs", () => {
    expect(result.staleDecisions).toEqual(["root: a decision nothing needs: operation GET /never"]);
  });

  it("renders the unexplained gaps first", () => {
    const markdown = renderAuditMarkdown(result);
    expect(markdown).toContain("unexplained: 4; stale decisions: 1");
    expect(markdown.indexOf("## Unexplained")).toBeLessThan(markdown.indexOf("## Explained"));
  });

  // A child process never sees the mutant: vitest.mutation.generator.config.ts sets STATSIG_MUTATION_RUN.
  it.skipIf(process.env.STATSIG_MUTATION_RUN === "1")(
    "exits 1 from the command when something is unexplained",
    async () => {
      const run = promisify(execFile);
      const args = ["--import", "tsx", join(repoRoot, "scripts", "spec-audit.ts"), join(fixtures, "upstream.json"), "--spec", join(fixtures, "ours-audited.yaml"), "--json"];
      const failure = await run(process.execPath, args, { cwd: repoRoot }).catch((error: { code: number; stdout: string }) => error);
      expect(failure).toMatchObject({ code: 1 });
      expect(JSON.parse((failure as { stdout: string }).stdout).unexplained).toHaveLength(4);
    },
    30_000,
  );
});

/** A document with `GET /x` answering `{ data: <data> }`, plus `extra` paths and root fields. */
function documentWith(
  data: JsonObject,
  { parameters = [], operation = {}, root = {}, extra = {} }: { parameters?: JsonObject[]; operation?: JsonObject; root?: JsonObject; extra?: JsonObject } = {},
): JsonObject {
  const responses = { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties: { data } } } } } };
  return { info: { title: "Doc", version: "1" }, ...root, paths: { "/x": { get: { operationId: "getX", parameters, responses, ...operation } }, ...extra } };
}
const withFields = (properties: JsonObject): JsonObject => ({ type: "object", properties });
const gapsOf = (audit: AuditResult) => audit.gaps.map((gap) => `${gap.kind} ${gap.location}${gap.values ? ` ${gap.values.join(",")}` : ""} ${gap.explainedBy ?? "-"}`);

describe("auditSpec on small documents", () => {
  it("names a field by the last segment of its path, through lists and maps", () => {
    const decision = { about: "names", omitsReferenceFields: ["label", "tag", "deep"] };
    // Each object describes a field already: fields added under a free-form object are no gaps.
    const ours = documentWith(
      withFields({ list: { type: "array", items: withFields({ id: {} }) }, map: { additionalProperties: withFields({ id: {} }) }, o: withFields({ id: {} }) }),
      {
        root: { "x-reference-decisions": [decision] },
      },
    );
    const upstream = documentWith(
      withFields({
        list: { type: "array", items: withFields({ id: {}, label: {} }) },
        map: { additionalProperties: withFields({ id: {}, tag: {} }) },
        o: withFields({ id: {}, deep: { type: "array", items: { type: "array", items: {} } }, other: {} }),
      }),
    );
    expect(gapsOf(auditSpec(ours, upstream))).toEqual([
      "field response 200 data.list[].label names (root)",
      "field response 200 data.map{}.tag names (root)",
      "field response 200 data.o.deep names (root)",
      "field response 200 data.o.other -",
    ]);
  });

  it("counts only properties as fields: new list items or map values are a change of shape, not a lacking field", () => {
    // Described (not free-form) on our side, so that only the property test keeps them out.
    const ours = documentWith(withFields({ l: { type: "array" }, m: withFields({ id: {} }) }));
    const upstream = documentWith(withFields({ l: { type: "array", items: { type: "string" } }, m: { ...withFields({ id: {} }), additionalProperties: { type: "string" } } }));
    expect(auditSpec(ours, upstream).gaps).toEqual([]);
  });

  it("sees no gap in what we have and upstream lacks or describes otherwise, nor in the body itself", () => {
    const ours = documentWith(withFields({ id: { type: "string" }, gone: { type: "string" } }), { parameters: [{ name: "q", in: "query" }] });
    const upstream = documentWith(withFields({ id: { type: ["integer", "null"] } }), { operation: { operationId: "renamed" } });
    expect(auditSpec(ours, upstream).gaps).toEqual([]);
    const bodiless: JsonObject = { paths: { "/x": { get: { responses: { "200": { description: "ok" } } } } } };
    // A body we do not describe at all is no lacking field itself (its top-level fields are).
    expect(gapsOf(auditSpec(bodiless, documentWith(withFields({ a: {} }))))).toEqual(["field response 200 data -"]);
  });

  it("explains a query parameter by a field name, but no other parameter; and a parameter by in:name", () => {
    const root = {
      "x-reference-decisions": [
        { about: "fields", omitsReferenceFields: ["q", "h"] },
        { about: "params", omitsReferenceParameters: ["path:p"] },
      ],
    };
    const ours = documentWith(withFields({}), { root });
    const upstream = documentWith(withFields({}), {
      parameters: [
        { name: "q", in: "query" },
        { name: "h", in: "header" },
        { name: "p", in: "path", required: true },
        { name: "query", in: "cookie" },
      ],
    });
    expect(gapsOf(auditSpec(ours, upstream))).toEqual(["parameter query q fields (root)", "parameter header h -", "parameter path p params (root)", "parameter cookie query -"]);
  });

  it("explains new enum values by the field's path, its name or `*`, written as JSON or plain, only when every value is named", () => {
    const enumOf = (...values: string[]) => ({ type: "string", enum: values });
    const decision = { about: "enums", omitsReferenceEnumValues: { "data.a": ['"new"'], b: ["new"], "*": ["star"], c: ["one"], t: ["new"] } };
    const list = (...values: string[]) => ({ type: "array", items: enumOf(...values) });
    const ours = documentWith(withFields({ a: enumOf("old"), b: enumOf("old"), c: enumOf("old"), d: enumOf("old"), t: list("old") }), {
      root: { "x-reference-decisions": [decision] },
    });
    const upstream = documentWith(
      withFields({ a: enumOf("old", "new"), b: enumOf("old", "new"), c: enumOf("old", "one", "two"), d: enumOf("old", "star"), t: list("old", "new") }),
    );
    const audit = auditSpec(ours, upstream);
    expect(gapsOf(audit)).toEqual([
      'enum-values response 200 data.a "new" enums (root)',
      'enum-values response 200 data.b "new" enums (root)',
      'enum-values response 200 data.c "one","two" -',
      'enum-values response 200 data.d "star" enums (root)',
      // The values of a list's items are named by the list.
      'enum-values response 200 data.t[] "new" enums (root)',
    ]);
    expect(audit.staleDecisions).toEqual(["root: enums: enum c one"]);
  });

  it("lists as stale each path, parameter, operation and enum entry no gap used, on the root and on operations", () => {
    const decision = {
      about: "all kinds",
      omitsReferencePaths: ["data.p"],
      omitsReferenceParameters: ["query:q"],
      omitsReferenceOperations: ["GET /o"],
      omitsReferenceEnumValues: { e: ["v", "w"] },
      omitsReferenceFields: ["never-stale"],
    };
    const ours = documentWith(withFields({}), {
      root: { "x-reference-decisions": [decision] },
      operation: { "x-reference-decisions": [{ ...decision, about: "on the operation" }] },
    });
    expect(auditSpec(ours, ours).staleDecisions).toEqual([
      "root: all kinds: path data.p",
      "root: all kinds: parameter query:q",
      "root: all kinds: operation GET /o",
      "root: all kinds: enum e v",
      "root: all kinds: enum e w",
      "GET /x: on the operation: path data.p",
      "GET /x: on the operation: parameter query:q",
      "GET /x: on the operation: operation GET /o",
      "GET /x: on the operation: enum e v",
      "GET /x: on the operation: enum e w",
    ]);
  });

  it("explains an operation's gaps by its own decisions only, and reports the upstream document and our operation count", () => {
    const answering = (data: JsonObject) => ({ get: { responses: { "200": { description: "ok", content: { "application/json": { schema: withFields({ data }) } } } } } });
    const ours = documentWith(withFields({ id: {} }), {
      operation: { "x-reference-decisions": [{ about: "mine", omitsReferencePaths: ["data.f"] }] },
      extra: { "/y": answering(withFields({ id: {} })) },
    });
    const upstream = documentWith(withFields({ id: {}, f: {} }), {
      root: { info: { title: "Upstream", version: "9" } },
      extra: { "/y": answering(withFields({ id: {}, f: {} })) },
    });
    const unexplained = { operation: "GET /y", operationId: null, kind: "field", location: "response 200 data.f", detail: "optional any" };
    expect(auditSpec(ours, upstream)).toEqual({
      upstream: { title: "Upstream", version: "9", operations: 2 },
      ours: { operations: 2 },
      gaps: [{ operation: "GET /x", operationId: "getX", kind: "field", location: "response 200 data.f", detail: "optional any", explainedBy: "mine (GET /x)" }, unexplained],
      unexplained: [unexplained],
      staleDecisions: [],
    });
  });

  it("reads decisions that are objects only, and an operation's only when it lists them", () => {
    const ours: JsonObject = {
      "x-reference-decisions": ["not a decision", { omitsReferenceOperations: ["GET /y"] }],
      paths: {
        "/x": {
          get: { "x-reference-decisions": [7, { about: "x", omitsReferenceOperations: ["GET /stale"] }] },
          post: { "x-reference-decisions": "not a list" },
          parameters: [],
        },
        "/odd": "not a path item",
      },
    };
    const audit = auditSpec(ours, { paths: { "/y": { get: {} } } });
    expect(gapsOf(audit)).toEqual(["operation operation  (root)"]);
    expect(audit.staleDecisions).toEqual(["GET /x: x: operation GET /stale"]);
  });
});

describe("rootDecisions and operationDecisions", () => {
  const read = (raw: JsonObject) => ({
    about: "",
    omitsReferenceFields: [],
    omitsReferencePaths: [],
    omitsReferenceParameters: [],
    omitsReferenceOperations: [],
    omitsReferenceEnumValues: new Map(),
    ...raw,
  });

  it("reads the decisions that are objects, with every list as strings and absent ones empty", () => {
    const doc: JsonObject = {
      "x-reference-decisions": [
        "not a decision",
        {
          about: "all",
          omitsReferenceFields: ["f", 1],
          omitsReferencePaths: ["p"],
          omitsReferenceParameters: ["query:q"],
          omitsReferenceOperations: ["GET /o"],
          omitsReferenceEnumValues: { e: ["v"], odd: "x" },
        },
        { omitsReferenceFields: "not a list" },
      ],
      paths: {},
    };
    expect(rootDecisions(doc)).toEqual([
      read({
        recordedOn: "root",
        about: "all",
        omitsReferenceFields: ["f", "1"],
        omitsReferencePaths: ["p"],
        omitsReferenceParameters: ["query:q"],
        omitsReferenceOperations: ["GET /o"],
        omitsReferenceEnumValues: new Map([
          ["e", ["v"]],
          ["odd", []],
        ]),
      }),
      read({ recordedOn: "root" }),
    ]);
    expect(rootDecisions({ "x-reference-decisions": { about: "not a list" } })).toEqual([]);
  });

  it("keys an operation's decisions by method and path, reading only lists on operation objects", () => {
    const doc: JsonObject = {
      paths: {
        "/x": { get: { "x-reference-decisions": [7, { about: "x" }] }, post: { "x-reference-decisions": "not a list" }, put: {}, parameters: [] },
        "/odd": "not a path item",
        "/list": [{ "x-reference-decisions": [{ about: "in a list" }] }],
      },
    };
    expect(operationDecisions(doc)).toEqual(new Map([["GET /x", [read({ recordedOn: "GET /x", about: "x" })]]]));
  });
});

describe("renderAuditMarkdown", () => {
  const gap = (explainedBy?: string): AuditResult["gaps"][number] => ({
    operation: "GET /x",
    operationId: explainedBy ? "getX" : null,
    kind: "field",
    location: "response 200 a|b",
    detail: "string | null",
    ...(explainedBy ? { explainedBy } : {}),
  });

  it("renders unexplained gaps, stale decisions, then explained gaps, escaping table cells", () => {
    const markdown = renderAuditMarkdown({
      upstream: { title: "Up", version: "2", operations: 3 },
      ours: { operations: 2 },
      gaps: [gap(), gap("a | b (root)")],
      unexplained: [gap()],
      staleDecisions: ["root: old: operation GET /y"],
    });
    expect(markdown).toBe(
      [
        "# Spec audit",
        "",
        "Upstream: Up 2 (3 operations); ours: 2 operations.",
        "",
        "Gaps: 2; explained by a recorded decision: 1; unexplained: 1; stale decisions: 1.",
        "",
        "## Unexplained",
        "",
        "| operation | kind | where | upstream |",
        "| --- | --- | --- | --- |",
        "| `GET /x` | field | response 200 a\\|b | string \\| null |",
        "",
        "## Stale decisions",
        "",
        "- root: old: operation GET /y",
        "",
        "## Explained",
        "",
        "| operation | kind | where | upstream | decision |",
        "| --- | --- | --- | --- | --- |",
        "| `GET /x` (getX) | field | response 200 a\\|b | string \\| null | a \\| b (root) |",
        "",
      ].join("\n"),
    );
  });

  it("leaves out empty sections", () => {
    const markdown = renderAuditMarkdown({ upstream: { title: "Up", version: "2", operations: 0 }, ours: { operations: 0 }, gaps: [], unexplained: [], staleDecisions: [] });
    expect(markdown).toBe(
      "# Spec audit\n\nUpstream: Up 2 (0 operations); ours: 0 operations.\n\nGaps: 0; explained by a recorded decision: 0; unexplained: 0; stale decisions: 0.\n",
    );
  });
});
