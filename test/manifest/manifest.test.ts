// operations.json, the manifest for tool authors: valid against its committed JSON Schema, the
// same shape as its exported TypeScript type, every schema reference resolving in openapi.json,
// and the same facts the runtime acts on. And the published openapi.json without our internal
// x-reference-decisions.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { operations as runtimeTable } from "../../generated/operations.js";
import type { ManifestOperation, ManifestParameter, OperationsManifest } from "../../src/index.js";
import { repoRoot } from "../helpers/spec.js";

const read = (file: string) => JSON.parse(readFileSync(join(repoRoot, "generated", file), "utf8")) as unknown;
const manifest = read("operations.json") as OperationsManifest;
const schema = read("operations.schema.json") as { $defs: Record<string, { required: string[] }>; required: string[] };
const published = read("openapi.json") as Record<string, unknown>;

const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
const errors = () => JSON.stringify(validate.errors?.slice(0, 3));

/** Each type's keys, spelled once; `satisfies` fails to compile when the type gains or loses a field. */
const TYPE_KEYS = {
  manifest: { $schema: true, $comment: true, manifestVersion: true, apiVersion: true, rateLimitGroups: true, operations: true } satisfies Record<keyof OperationsManifest, true>,
  operation: {
    operationId: true,
    method: true,
    path: true,
    summary: true,
    tags: true,
    deprecated: true,
    pathParams: true,
    queryParams: true,
    body: true,
    response: true,
    errorStatuses: true,
    pagination: true,
    idempotent: true,
    rateLimitGroup: true,
    chunk: true,
    carriesSecrets: true,
  } satisfies Record<keyof ManifestOperation, true>,
  parameter: { name: true, in: true, required: true, type: true, items: true, enum: true, description: true, secret: true, schema: true } satisfies Record<
    keyof ManifestParameter,
    true
  >,
};

function resolve(ref: string): unknown {
  expect(ref.startsWith("openapi.json#/"), ref).toBe(true);
  let node: unknown = published;
  for (const token of ref.slice("openapi.json#/".length).split("/")) {
    node = (node as Record<string, unknown> | undefined)?.[token.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return node;
}

function byId(id: string): ManifestOperation {
  const op = manifest.operations.find((candidate) => candidate.operationId === id);
  if (!op) throw new Error(`no ${id}`);
  return op;
}

describe("operations.json against operations.schema.json", () => {
  it("validates, and the schema names exactly the fields of the exported TypeScript types", () => {
    expect(validate(manifest), errors()).toBe(true);
    expect(schema.required.sort()).toEqual(Object.keys(TYPE_KEYS.manifest).sort());
    expect(schema.$defs.operation!.required.sort()).toEqual(Object.keys(TYPE_KEYS.operation).sort());
    expect(schema.$defs.parameter!.required.sort()).toEqual(Object.keys(TYPE_KEYS.parameter).sort());
  });

  it.each([
    ["a path parameter given as a bare name (the old shape)", (m: OperationsManifest) => Object.assign(m.operations[0]!, { pathParams: ["id"] })],
    ["a field the schema does not know", (m: OperationsManifest) => Object.assign(m.operations[0]!, { retries: 3 })],
    ["a missing field", (m: OperationsManifest) => delete (m.operations[0] as Partial<ManifestOperation>).idempotent],
    ["a method outside the API's", (m: OperationsManifest) => Object.assign(m.operations[0]!, { method: "get" })],
    ["a schema reference into another file", (m: OperationsManifest) => Object.assign(m.operations[0]!.response, { schema: "#/components/schemas/Gate" })],
  ])("refuses %s", (_label, mutate) => {
    const copy = structuredClone(manifest);
    mutate(copy);
    expect(validate(copy)).toBe(false);
  });
});

describe("the manifest's content", () => {
  it("gives path and query parameters one shape, with type, required, description and enum", () => {
    const params = manifest.operations.flatMap((op) => [...op.pathParams, ...op.queryParams]);
    expect(params.length).toBeGreaterThan(300);
    for (const param of params) expect(Object.keys(param).sort(), `${param.in} ${param.name}`).toEqual(Object.keys(TYPE_KEYS.parameter).sort());
    expect(byId("gates.get").pathParams).toEqual([expect.objectContaining({ name: "id", in: "path", required: true, type: "string", enum: null, secret: false })]);
    const list = byId("gates.list").queryParams;
    expect(list.find((p) => p.name === "type")).toMatchObject({ in: "query", required: false, type: "string", enum: ["TEMPORARY", "PERMANENT", "STALE", "TEMPLATE"] });
    expect(list.find((p) => p.name === "passRate")).toMatchObject({ type: "array", items: { type: "string", enum: ["0", "100", "INBETWEEN"] }, enum: null });
    expect(list.find((p) => p.name === "limit")).toMatchObject({ type: "integer", items: null });
    expect(byId("keys.get").pathParams[0]).toMatchObject({ name: "id", secret: true });
  });

  it("points every parameter, body and response schema at a schema in openapi.json", () => {
    let refs = 0;
    for (const op of manifest.operations) {
      for (const ref of [...[...op.pathParams, ...op.queryParams].map((p) => p.schema), op.body?.schema, op.response.schema]) {
        if (ref === undefined || ref === null) continue;
        const target = resolve(ref);
        expect(typeof target === "object" && target !== null && !Array.isArray(target), `${op.operationId}: ${ref}`).toBe(true);
        refs++;
      }
    }
    // One per parameter, body and response with content: none left out.
    const expected = manifest.operations.reduce((sum, op) => sum + op.pathParams.length + op.queryParams.length + (op.body ? 1 : 0) + (op.response.contentType ? 1 : 0), 0);
    expect(refs).toBe(expected);
    expect(byId("gates.create").body).toEqual({ required: true, contentType: "application/json", schema: expect.stringMatching(/^openapi\.json#\/components\/schemas\//) });
  });

  it("carries summaries, rate-limit groups, idempotency, pagination and chunking as the runtime sees them", () => {
    expect(manifest.operations.length).toBe(Object.keys(runtimeTable).length);
    for (const op of manifest.operations) {
      const runtime = runtimeTable[op.operationId as keyof typeof runtimeTable];
      expect(
        { method: op.method, path: op.path, pathParams: op.pathParams.map((p) => p.name), idempotent: op.idempotent, group: op.rateLimitGroup, kind: op.response.kind },
        op.operationId,
      ).toEqual({
        method: runtime.method,
        path: runtime.path,
        pathParams: runtime.pathParams,
        idempotent: runtime.idempotent,
        group: runtime.rateLimitGroup,
        kind: runtime.response,
      });
      expect(op.rateLimitGroup === "none" || op.rateLimitGroup in manifest.rateLimitGroups, op.operationId).toBe(true);
      expect(op.pagination === "page", op.operationId).toBe(op.response.kind === "list");
    }
    expect(manifest.operations.filter((op) => op.summary === null).map((op) => op.operationId)).toEqual([]);
    expect(byId("segments.idList.add")).toMatchObject({ chunk: { field: "ids", maxItems: 1000 }, rateLimitGroup: "segmentIdList", idempotent: false });
    expect(manifest.rateLimitGroups.segmentIdList!.windows[0]).toEqual({ limit: 12, intervalMs: 10_000 });
  });
});

describe("the published openapi.json", () => {
  const text = readFileSync(join(repoRoot, "generated", "openapi.json"), "utf8");

  it("leaves out x-reference-decisions and keeps every other extension", () => {
    expect(text).not.toContain("x-reference-decisions");
    for (const extension of ["x-pagination", "x-idempotent", "x-rate-limit-groups", "x-rate-limit-group", "x-response-kind", "x-chunk", "x-secret"]) {
      expect(text, extension).toContain(`"${extension}"`);
    }
  });

  it("keeps the decisions, by path and method, in generated/reference-decisions.json (not shipped)", () => {
    const decisions = read("reference-decisions.json") as Record<string, Record<string, unknown[]>>;
    const entries = Object.entries(decisions).filter(([path]) => path !== "$comment");
    expect(entries.length).toBeGreaterThan(0);
    const paths = published.paths as Record<string, Record<string, unknown>>;
    for (const [path, methods] of entries) for (const method of Object.keys(methods)) expect(paths[path]?.[method], `${method} ${path}`).toBeDefined();
    const { files } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { files: string[] };
    expect(files.some((pattern) => "generated/reference-decisions.json".startsWith(pattern.replace(/\*.*$/, "")))).toBe(false);
  });
});
