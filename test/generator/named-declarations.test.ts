// The generator's naming passes on small inputs: named-declarations.ts (each schema, query and
// body of schema.d.ts under a name of its own), plain-descriptions.ts (descriptions as the main
// text of JSDoc) and result-schemas.ts (which component a result is).
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { emitSchemaTypes } from "../../scripts/lib/emit-types.js";
import { plainDescription } from "../../scripts/lib/plain-descriptions.js";
import { resultComponent } from "../../scripts/lib/result-schemas.js";
import type { OperationModel } from "../../scripts/lib/operation-model.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const envelope = (data: unknown) => json({ allOf: [ref("DataEnvelope"), { type: "object", required: ["data"], properties: { data } }] });

const doc = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/things": {
      get: {
        operationId: "things.list",
        parameters: [{ name: "tag", in: "query", description: "Only things with this tag.", schema: { type: "string" } }],
        responses: { "200": { description: "ok", ...json({ type: "array", items: ref("Thing") }) } },
      },
      post: {
        operationId: "things.create",
        requestBody: { required: true, ...json(ref("ThingInput")) },
        responses: { "201": { description: "created", ...envelope(ref("Thing")) } },
      },
      put: {
        operationId: "things.replace",
        requestBody: { required: true, ...json(ref("Shape")) },
        responses: { "200": { description: "ok", ...envelope({ type: "object", properties: { n: { type: "integer" } } }) } },
      },
    },
  },
  components: {
    schemas: {
      DataEnvelope: { type: "object", required: ["message", "data"], properties: { message: { type: "string" }, data: { description: "narrowed per operation" } } },
      Audit: { type: "object", required: ["createdTime"], properties: { createdTime: { type: "integer", description: "Milliseconds since the epoch." } } },
      Thing: { description: "A thing.", allOf: [ref("Audit"), { type: "object", required: ["name"], properties: { name: { type: "string", description: "Its name." } } }] },
      ThingInput: { type: "object", required: ["name"], properties: { name: { type: "string", description: "Its name.", format: "hostname" }, note: { type: "string" } } },
      Shape: {
        oneOf: [
          { type: "object", required: ["r"], properties: { r: { type: "number" } } },
          { type: "object", required: ["w"], properties: { w: { type: "number" } } },
        ],
      },
    },
  },
};

describe("named declarations in schema.d.ts", async () => {
  const text = await emitSchemaTypes(doc);
  const source = ts.createSourceFile("schema.d.ts", text, ts.ScriptTarget.ES2022, true);
  const alias = (name: string) => source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name);
  const printed = (name: string) => alias(name)?.type.getText(source).replace(/\s+/g, " ");

  it("declares every schema under its name, and components refers to the declaration", () => {
    expect(printed("Thing")).toMatch(/^components\["schemas"\]\["Audit"\] & \{ \/\*\* Its name\. \*\/ name: string; \}$/);
    expect(text).toMatch(/schemas: \{[^}]*\n\s+Thing: Thing;/);
    expect(text).toContain("/** A thing. */\nexport type Thing =");
  });

  it("names each operation's query and body; a body that is an object maps the schema's fields, a union stays an alias", () => {
    expect(printed("ThingsListQuery")).toBe("{ /** Only things with this tag. */ tag?: string | undefined; }");
    expect(text).toMatch(/query\?: ThingsListQuery;/);
    expect(printed("ThingsCreateBody")).toBe("{ [K in keyof ThingInput]: ThingInput[K]; }");
    expect(text).toMatch(/"application\/json": ThingsCreateBody;/);
    expect(printed("ThingsReplaceBody")).toBe("Shape");
  });

  it("writes descriptions as plain JSDoc text, with no @description tag", () => {
    expect(text).not.toContain("@description");
    expect(text).toContain("/** Milliseconds since the epoch. */\n    createdTime: number;");
    expect(text).toMatch(/\/\*\*\n\s+\* Its name\.\n\s+\*\n\s+\* Format: hostname\n\s+\*\/\n\s+name: string;/);
  });

  it("is valid TypeScript; the object body shows as its own name and has the schema's fields", () => {
    const file = "/virtual/schema.d.ts";
    const host = ts.createCompilerHost({});
    const program = ts.createProgram(
      [file],
      { strict: true, exactOptionalPropertyTypes: true, noEmit: true, types: [], lib: ["lib.es5.d.ts"] },
      {
        ...host,
        getSourceFile: (name, version) => (name === file ? ts.createSourceFile(name, text, version) : host.getSourceFile(name, version)),
        fileExists: (name) => name === file || host.fileExists(name),
      },
    );
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
    const checker = program.getTypeChecker();
    const declaration = program.getSourceFile(file)!.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === "ThingsCreateBody")!;
    const body = checker.getTypeAtLocation(declaration.name);
    expect(checker.typeToString(body)).toBe("ThingsCreateBody");
    expect(body.getProperties().map((p) => `${p.name}${p.flags & ts.SymbolFlags.Optional ? "?" : ""}`)).toEqual(["name", "note?"]);
  });
});

describe("plain descriptions", () => {
  it("turns a lone @description into the comment's text", () => {
    expect(plainDescription("* @description Gate ID. ")).toBe("* Gate ID. ");
  });

  it("puts the summary first, the description as its own paragraph, Format after it, and keeps the tags", () => {
    const comment = '*\n * Add a rule\n * Format: uri\n * @deprecated\n * @description Appends one rule.\n *     Second line.\n * @example [\n *       "a"\n *     ]\n ';
    expect(plainDescription(comment)).toBe(
      '*\n * Add a rule\n *\n * Appends one rule.\n * Second line.\n *\n * Format: uri\n * @deprecated\n * @example [\n *       "a"\n *     ]\n ',
    );
  });

  it("leaves comments without a description, and comments it does not recognise, alone", () => {
    expect(plainDescription("* @example 3 ")).toBeUndefined();
    expect(plainDescription("*\n * Request-side copies.\n ")).toBeUndefined();
    expect(plainDescription(" not a JSDoc comment @description x ")).toBeUndefined();
  });
});

describe("result components", () => {
  const model = (path: string, method: string, kind: OperationModel["success"]["kind"], status = "200") =>
    ({ path, method, success: { status, contentType: "application/json", kind } }) as OperationModel;

  it("names the component a result's data is, read through the envelope", () => {
    expect(resultComponent(doc, model("/things", "POST", "data", "201"))).toEqual({ component: "Thing", array: false });
  });

  it("names nothing for an inline result, and for results without data", () => {
    expect(resultComponent(doc, model("/things", "PUT", "data"))).toBeUndefined();
    expect(resultComponent(doc, model("/things", "GET", "body"))).toBeUndefined();
  });

  it("names nothing when the envelope narrows data too (the intersection would not be the component)", () => {
    const narrowed = structuredClone(doc);
    const schemas: Record<string, unknown> = narrowed.components.schemas;
    schemas.DataEnvelope = { type: "object", required: ["data"], properties: { data: { type: "array" } } };
    expect(resultComponent(narrowed, model("/things", "POST", "data", "201"))).toBeUndefined();
  });
});
