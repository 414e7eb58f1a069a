// The generator's naming passes on small inputs: named-declarations.ts (each schema, query and
// body of schema.d.ts under a name of its own), plain-descriptions.ts (descriptions as the main
// text of JSDoc) and result-schemas.ts (which component a result is).
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { emitSchemaTypes } from "../../scripts/lib/emit-types.js";
import { bodyTypeName, nameDeclarations, queryTypeName, SCHEMA_FILE_NAMES } from "../../scripts/lib/named-declarations.js";
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

/** schema.d.ts for `doc`, and the type of one of its aliases as written (whitespace collapsed). */
async function emitted(): Promise<{ text: string; printed: (name: string) => string | undefined }> {
  const text = await emitSchemaTypes(doc);
  const source = ts.createSourceFile("schema.d.ts", text, ts.ScriptTarget.ES2022, true);
  const alias = (name: string) => source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name);
  return { text, printed: (name) => alias(name)?.type.getText(source).replace(/\s+/g, " ") };
}

describe("named declarations in schema.d.ts", () => {
  it("declares every schema under its name, and components refers to the declaration", async () => {
    const { text, printed } = await emitted();
    expect(printed("Thing")).toMatch(/^components\["schemas"\]\["Audit"\] & \{ \/\*\* Its name\. \*\/ name: string; \}$/);
    expect(text).toMatch(/schemas: \{[^}]*\n\s+Thing: Thing;/);
    expect(text).toContain("/** A thing. */\nexport type Thing =");
  });

  it("names each operation's query and body; a body that is an object maps the schema's fields, a union stays an alias", async () => {
    const { text, printed } = await emitted();
    expect(printed("ThingsListQuery")).toBe("{ /** Only things with this tag. */ tag?: string | undefined; }");
    expect(text).toMatch(/query\?: ThingsListQuery;/);
    expect(printed("ThingsCreateBody")).toBe("{ [K in keyof ThingInput]: ThingInput[K]; }");
    expect(text).toMatch(/"application\/json": ThingsCreateBody;/);
    expect(printed("ThingsReplaceBody")).toBe("Shape");
  });

  it("writes descriptions as plain JSDoc text, with no @description tag", async () => {
    const { text } = await emitted();
    expect(text).not.toContain("@description");
    expect(text).toContain("/** Milliseconds since the epoch. */\n    createdTime: number;");
    expect(text).toMatch(/\/\*\*\n\s+\* Its name\.\n\s+\*\n\s+\* Format: hostname\n\s+\*\/\n\s+name: string;/);
  });

  it("is valid TypeScript; the object body shows as its own name and has the schema's fields", async () => {
    const { text } = await emitted();
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

/**
 * nameDeclarations on openapi-typescript-shaped declarations parsed from `text`, each resulting
 * statement printed on one line. `prepare` may touch the parsed statements first (synthetic comments).
 */
function nameIn(text: string, prepare?: (statements: readonly ts.Statement[]) => void): string[] {
  const source = ts.createSourceFile("schema.d.ts", text, ts.ScriptTarget.ES2022, true);
  prepare?.(source.statements);
  const printer = ts.createPrinter({ removeComments: false });
  return nameDeclarations(source.statements).map((node) => printer.printNode(ts.EmitHint.Unspecified, node, source).replace(/\s+/g, " "));
}

/** The one statement of `nameIn`'s result that declares `what` (`type Thing`, `interface components`). */
function declaration(statements: string[], what: string): string | undefined {
  const found = statements.filter((statement) => new RegExp(`(^|\\*/ )export (declare )?${what}\\b`).test(statement));
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0];
}

/** A file with these schemas and these operations (written as openapi-typescript writes them). */
const schemaFile = (schemas: string, operations: string, more = "") =>
  `export interface paths {}\nexport interface components {\n schemas: {\n${schemas}\n };\n parameters: { Limit: number };\n}\n${more}\nexport interface operations {\n${operations}\n}\n`;

/** One operation, `things.create`, sending `body` as JSON. */
const sending = (body: string) => `"things.create": { parameters: { query?: never }; requestBody: { content: { "application/json": ${body} } }; responses: {} };`;

describe("nameDeclarations", () => {
  it("names the types schema.d.ts declares itself, and the query and body type of an operation", () => {
    expect(SCHEMA_FILE_NAMES).toEqual(["paths", "webhooks", "components", "requestComponents", "$defs", "operations"]);
    expect(queryTypeName("things.rules.list")).toBe("ThingsRulesListQuery");
    expect(bodyTypeName("things.rules.list")).toBe("ThingsRulesListBody");
  });

  it("leaves a file without components or operations as it is", () => {
    expect(nameIn("export interface components { schemas: { A: string } }")).toEqual(["export interface components { schemas: { A: string; }; }"]);
    expect(nameIn('export interface operations { "a.b": { parameters: { query: { q: string } } } }')).toEqual([
      'export interface operations { "a.b": { parameters: { query: { q: string; }; }; }; }',
    ]);
    expect(nameIn("")).toEqual([]);
  });

  it("moves every schema to an exported alias after the other statements, and components refers to it by name", () => {
    const text = schemaFile(
      "  Thing: { name: string };\n  Shape: { r: number } | { w: number };",
      '"things.get": { responses: {} };',
      "export type $defs = Record<string, never>;",
    );
    expect(nameIn(text)).toEqual([
      "export interface paths { }",
      "export interface components { schemas: { Thing: Thing; Shape: Shape; }; parameters: { Limit: number; }; }",
      "export type $defs = Record<string, never>;",
      'export interface operations { "things.get": { responses: {}; }; }',
      "export type Thing = { name: string; };",
      "export type Shape = { r: number; } | { w: number; };",
    ]);
  });

  it("keeps members it cannot name as they are: other kinds, entries without a name or a type, schemas that are not a literal", () => {
    const text =
      'export interface components {\n [kind: string]: unknown;\n schemas: {\n [key]: string;\n Untyped;\n "Quoted": boolean;\n };\n parameters: { Limit: number };\n}\nexport interface requestComponents { schemas: never }\nexport interface operations {}';
    expect(nameIn(text)).toEqual([
      'export interface components { [kind: string]: unknown; schemas: { [key]: string; Untyped; "Quoted": Quoted; }; parameters: { Limit: number; }; }',
      "export interface requestComponents { schemas: never; }",
      "export interface operations { }",
      "export type Quoted = boolean;",
    ]);
  });

  it("moves a schema's comment to its declaration", () => {
    const text = schemaFile("  Thing: { name: string };\n  Plain: string;", "");
    const statements = nameIn(text, (statements) => {
      const components = statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "components")!;
      const schemas = (components.members[0] as ts.PropertySignature).type as ts.TypeLiteralNode;
      ts.addSyntheticLeadingComment(schemas.members[0]!, ts.SyntaxKind.MultiLineCommentTrivia, "* A thing. ", true);
    });
    expect(declaration(statements, "interface components")).toBe("export interface components { schemas: { Thing: Thing; Plain: Plain; }; parameters: { Limit: number; }; }");
    expect(declaration(statements, "type Thing")).toBe("/** A thing. */ export type Thing = { name: string; };");
    expect(declaration(statements, "type Plain")).toBe("export type Plain = string;");
  });

  it("declares request-side copies in a namespace of their own, which their references name", () => {
    const text = schemaFile(
      "  Part: { id: string; label?: string };",
      sending('requestComponents["schemas"]["Part"]'),
      'export interface requestComponents {\n schemas: { Part: { id: string; label?: string | undefined }; List: requestComponents["schemas"]["Part"][] };\n}',
    );
    const statements = nameIn(text);
    expect(declaration(statements, "interface requestComponents")).toBe(
      "export interface requestComponents { schemas: { Part: requestComponents.Part; List: requestComponents.List; }; }",
    );
    expect(declaration(statements, "interface requestComponents")).toBe(statements[2]);
    expect(statements[3]).toBe(
      'export declare namespace requestComponents { export type Part = { id: string; label?: string | undefined; }; export type List = requestComponents["schemas"]["Part"][]; }',
    );
    expect(declaration(statements, "type ThingsCreateBody")).toBe(
      "/** Request body of `things.create`: the fields of `Part`. */ export type ThingsCreateBody = { [K in keyof requestComponents.Part]: requestComponents.Part[K]; };",
    );
  });

  it("declares no namespace when there are no request-side copies", () => {
    const text = schemaFile("  Part: { id: string };", "", "export interface requestComponents { schemas: {} }");
    const statements = nameIn(text);
    expect(statements.filter((s) => s.includes("namespace"))).toEqual([]);
    expect(statements.slice(2)).toEqual(["export interface requestComponents { schemas: {}; }", "export interface operations { }", "export type Part = { id: string; };"]);
  });

  it("names each operation's query parameters, and leaves the other groups and parts alone", () => {
    const text = schemaFile(
      "  Thing: { name: string };",
      '[key: string]: unknown;\n"things.list": { parameters: { [group: string]: unknown; query?: { tag?: string; limit?: components["parameters"]["Limit"] }; header?: { "x-trace"?: string }; path?: never }; requestBody?: never; responses: { 200: { content: { "application/json": components["schemas"]["Thing"][] } } } };\n"things.get": { parameters: never; get(): void; responses: {} };\n"things.old": never;\n[computed]: { parameters: { query: { q: string } } };\n"things.find": { parameters: { query: never } };\n"things.bare": { parameters; requestBody?; parameters(): { query: { q: string } } };\n"things.peek": { responses: { content: { "application/json": components["schemas"]["Thing"] } } };',
    );
    const statements = nameIn(text);
    expect(declaration(statements, "interface operations")).toBe(
      'export interface operations { [key: string]: unknown; "things.list": { parameters: { [group: string]: unknown; query?: ThingsListQuery; header?: { "x-trace"?: string; }; path?: never; }; requestBody?: never; responses: { 200: { content: { "application/json": components["schemas"]["Thing"][]; }; }; }; }; "things.get": { parameters: never; get(): void; responses: {}; }; "things.old": never; [computed]: { parameters: { query: { q: string; }; }; }; "things.find": { parameters: { query: never; }; }; "things.bare": { parameters; requestBody?; parameters(): { query: { q: string; }; }; }; "things.peek": { responses: { content: { "application/json": components["schemas"]["Thing"]; }; }; }; }',
    );
    expect(statements.slice(-1)).toEqual(['/** Query parameters of `things.list`. */ export type ThingsListQuery = { tag?: string; limit?: components["parameters"]["Limit"]; };']);
  });

  it("writes the comment of an operation's type on a line of its own", () => {
    const source = ts.createSourceFile("schema.d.ts", schemaFile("  Thing: { name: string };", sending('components["schemas"]["Thing"]')), ts.ScriptTarget.ES2022, true);
    const printed = nameDeclarations(source.statements).map((node) => ts.createPrinter().printNode(ts.EmitHint.Unspecified, node, source));
    expect(printed.at(-1)).toBe("/** Request body of `things.create`: the fields of `Thing`. */\nexport type ThingsCreateBody = {\n    [K in keyof Thing]: Thing[K];\n};");
  });

  it("maps the fields of an object body under the operation's name, through intersections, parentheses and references", () => {
    const schemas = [
      "  Audit: { at: number };",
      '  Thing: components["schemas"]["Audit"] & { name: string };',
      '  Wrapped: (components["schemas"]["Thing"]);',
      '  Alias: components["schemas"]["Wrapped"];',
    ].join("\n");
    for (const name of ["Audit", "Thing", "Wrapped", "Alias"]) {
      const statements = nameIn(schemaFile(schemas, sending(`components["schemas"]["${name}"]`)));
      expect(declaration(statements, "type ThingsCreateBody")).toBe(
        `/** Request body of \`things.create\`: the fields of \`${name}\`. */ export type ThingsCreateBody = { [K in keyof ${name}]: ${name}[K]; };`,
      );
      expect(declaration(statements, "interface operations")).toBe(
        'export interface operations { "things.create": { parameters: { query?: never; }; requestBody: { content: { "application/json": ThingsCreateBody; }; }; responses: {}; }; }',
      );
    }
  });

  it("keeps a body that is not an object type an alias of its schema", () => {
    const schemas = [
      "  Shape: { r: number } | { w: number };",
      '  Mixed: components["schemas"]["Shape"] & { name: string };',
      '  Both: { name: string } & components["schemas"]["Shape"];',
      "  Text: string;",
      '  Loop: components["schemas"]["Back"];',
      '  Back: components["schemas"]["Loop"];',
      '  Unknown: components["schemas"]["Missing"];',
    ].join("\n");
    for (const name of ["Shape", "Mixed", "Both", "Text", "Loop", "Unknown"]) {
      const statements = nameIn(schemaFile(schemas, sending(`components["schemas"]["${name}"]`)));
      expect(declaration(statements, "type ThingsCreateBody")).toBe(`/** Request body of \`things.create\`: the fields of \`${name}\`. */ export type ThingsCreateBody = ${name};`);
    }
  });

  it("keeps an inline body, or one that is not a schema reference, as it is written", () => {
    const cases = [
      "{ name: string }",
      'components["parameters"]["Limit"]',
      'other.components["schemas"]["Thing"]',
      'components[string]["Thing"]',
      'components["schemas"][string]',
      'Things["Thing"]',
      '(components["schemas"]["Thing"])',
    ];
    for (const body of cases) {
      const statements = nameIn(schemaFile("  Thing: { name: string };", sending(body)));
      const printed = body === "{ name: string }" ? "{ name: string; }" : body;
      expect(declaration(statements, "type ThingsCreateBody")).toBe(`/** Request body of \`things.create\`. */ export type ThingsCreateBody = ${printed};`);
    }
  });

  it("names the JSON body when there is a choice, else the first media type, and keeps the others", () => {
    const two = (first: string, second: string) =>
      `"things.create": { requestBody: { description: string; content: { "${first}": string; "${second}": components["schemas"]["Thing"] } } };`;
    const json = nameIn(schemaFile("  Thing: { name: string };", two("text/plain", "application/json")));
    expect(declaration(json, "interface operations")).toBe(
      'export interface operations { "things.create": { requestBody: { description: string; content: { "text/plain": string; "application/json": ThingsCreateBody; }; }; }; }',
    );
    const first = nameIn(schemaFile("  Thing: { name: string };", two("text/csv", "text/plain")));
    expect(declaration(first, "interface operations")).toBe(
      'export interface operations { "things.create": { requestBody: { description: string; content: { "text/csv": ThingsCreateBody; "text/plain": components["schemas"]["Thing"]; }; }; }; }',
    );
    expect(declaration(first, "type ThingsCreateBody")).toBe("/** Request body of `things.create`. */ export type ThingsCreateBody = string;");
  });

  it("leaves a request body without content, or without a type for the sent media type, alone", () => {
    const operations =
      '"things.create": { requestBody: { description: string } };\n"things.update": { requestBody: { content: never } };\n"things.delete": { requestBody: { content: { "application/json"; "text/plain": string } } };';
    const statements = nameIn(schemaFile("  Thing: { name: string };", operations));
    expect(declaration(statements, "interface operations")).toBe(
      'export interface operations { "things.create": { requestBody: { description: string; }; }; "things.update": { requestBody: { content: never; }; }; "things.delete": { requestBody: { content: { "application/json"; "text/plain": string; }; }; }; }',
    );
    expect(statements.filter((s) => /type \w+Body/.test(s))).toEqual([]);
  });

  it("picks a type parameter name no schema takes", () => {
    const body = (schemas: string) => declaration(nameIn(schemaFile(schemas, sending('components["schemas"]["Thing"]'))), "type ThingsCreateBody");
    expect(body("  Thing: { name: string };\n  K: string;")).toContain("{ [K_ in keyof Thing]: Thing[K_]; }");
    expect(body("  Thing: { name: string };\n  K: string;\n  K_: string;")).toContain("{ [K__ in keyof Thing]: Thing[K__]; }");
    expect(body("  Thing: { name: string };\n  K;")).toContain("{ [K in keyof Thing]: Thing[K]; }");
  });
});
