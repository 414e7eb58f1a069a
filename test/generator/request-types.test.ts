// The request-side widening of schema.d.ts (scripts/lib/request-types.ts) on a small document:
// what users send takes `?: T | undefined`, what they receive stays exact, and a schema used both
// ways keeps its exact type and gets a widened copy that request-side references point to.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { emitSchemaTypes } from "../../scripts/lib/emit-types.js";
import { widenRequestTypes } from "../../scripts/lib/request-types.js";
import { repoRoot } from "../helpers/spec.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });

const doc = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/things": {
      post: {
        operationId: "things.create",
        parameters: [
          { name: "dryRun", in: "query", schema: { type: "boolean" } },
          { name: "x-trace", in: "header", schema: { type: "string" } },
        ],
        requestBody: { required: true, ...json(ref("ThingInput")) },
        responses: { "201": { description: "created", ...json(ref("Thing")) } },
      },
    },
  },
  components: {
    schemas: {
      // Sent only.
      ThingInput: {
        type: "object",
        required: ["name"],
        properties: {
          name: { type: "string" },
          note: { type: "string" },
          parts: { type: "array", items: ref("Part") },
          kind: ref("Kind"),
          extra: { type: "object", properties: { depth: { type: "integer" } } },
          anything: {},
        },
      },
      // Received only.
      Thing: { type: "object", required: ["name"], properties: { name: { type: "string" }, size: { type: "integer" }, parts: { type: "array", items: ref("Part") } } },
      // Both ways: exact in components, widened copy for requests.
      Part: { type: "object", required: ["id"], properties: { id: { type: "string" }, label: { type: ["string", "null"] } } },
      // Both ways, but nothing optional: no copy needed.
      Kind: { type: "string", enum: ["a", "b"] },
    },
  },
};

interface Property {
  optional: boolean;
  type: string;
}

/**
 * What a type in schema.d.ts stands for: a reference to one of the file's own declarations
 * (`Gate`, `GatesListQuery`, `requestComponents.Part`) is followed to that declaration's type.
 */
function declared(source: ts.SourceFile, type: ts.TypeNode): ts.TypeNode {
  if (!ts.isTypeReferenceNode(type)) return type;
  const [scope, name] = ts.isQualifiedName(type.typeName) ? [type.typeName.left.getText(source), type.typeName.right.text] : [undefined, type.typeName.text];
  const namespace = source.statements.find((s): s is ts.ModuleDeclaration => ts.isModuleDeclaration(s) && s.name.text === scope);
  const statements: readonly ts.Statement[] = scope === undefined ? source.statements : namespace?.body && ts.isModuleBlock(namespace.body) ? namespace.body.statements : [];
  return statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name)?.type ?? type;
}

/** The property at `path` (interface name, then property names) in a declaration file. */
function property(source: ts.SourceFile, path: string[]): Property | undefined {
  const [root, ...names] = path;
  let members: readonly ts.TypeElement[] | undefined = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === root)?.members;
  let found: ts.PropertySignature | undefined;
  for (const name of names) {
    found = members?.find((m): m is ts.PropertySignature => ts.isPropertySignature(m) && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) && m.name.text === name);
    if (!found?.type) return undefined;
    const type = declared(source, found.type);
    const alternatives: readonly ts.TypeNode[] = ts.isUnionTypeNode(type) ? type.types : [type];
    const literal = alternatives.find((type): type is ts.TypeLiteralNode => ts.isTypeLiteralNode(type));
    members = literal?.members;
  }
  return found?.type ? { optional: found.questionToken !== undefined, type: found.type.getText(source) } : undefined;
}

/** A reader of schema.d.ts for `doc`: the property at a path (see `property`). */
async function emitted(): Promise<(...path: string[]) => Property | undefined> {
  const source = ts.createSourceFile("schema.d.ts", await emitSchemaTypes(doc), ts.ScriptTarget.ES2022, true);
  return (...path) => property(source, path);
}

describe("request-side types in schema.d.ts", () => {
  it("widens optional fields of what users send: queries, headers, request-only schemas, nested objects", async () => {
    const at = await emitted();
    expect(at("operations", "things.create", "parameters", "query", "dryRun")).toEqual({ optional: true, type: "boolean | undefined" });
    expect(at("operations", "things.create", "parameters", "header", "x-trace")).toEqual({ optional: true, type: "string | undefined" });
    expect(at("components", "schemas", "ThingInput", "note")).toEqual({ optional: true, type: "string | undefined" });
    expect(at("components", "schemas", "ThingInput", "extra", "depth")).toEqual({ optional: true, type: "number | undefined" });
  });

  it("leaves required fields, `unknown` and the groups themselves alone", async () => {
    const at = await emitted();
    expect(at("components", "schemas", "ThingInput", "name")).toEqual({ optional: false, type: "string" });
    expect(at("components", "schemas", "ThingInput", "anything")?.type).toBe("unknown");
    expect(at("operations", "things.create", "parameters", "query")?.type).not.toMatch(/\| undefined$/);
  });

  it("keeps what users receive exact", async () => {
    const at = await emitted();
    expect(at("components", "schemas", "Thing", "size")).toEqual({ optional: true, type: "number" });
    expect(at("components", "schemas", "Thing", "parts")).toEqual({ optional: true, type: 'components["schemas"]["Part"][]' });
    expect(at("components", "schemas", "Part", "label")).toEqual({ optional: true, type: "string | null" });
  });

  it("gives a schema used both ways a widened copy, which request-side references use", async () => {
    const at = await emitted();
    expect(at("requestComponents", "schemas", "Part", "label")).toEqual({ optional: true, type: "string | null | undefined" });
    expect(at("requestComponents", "schemas", "Part", "id")).toEqual({ optional: false, type: "string" });
    expect(at("components", "schemas", "ThingInput", "parts")).toEqual({ optional: true, type: 'requestComponents["schemas"]["Part"][] | undefined' });
    // Nothing optional inside Kind: no copy, the reference stays.
    expect(at("requestComponents", "schemas", "Kind")).toBeUndefined();
    expect(at("components", "schemas", "ThingInput", "kind")).toEqual({ optional: true, type: 'components["schemas"]["Kind"] | undefined' });
  });
});

describe("generated/schema.d.ts", () => {
  const source = ts.createSourceFile("schema.d.ts", readFileSync(join(repoRoot, "generated", "schema.d.ts"), "utf8"), ts.ScriptTarget.ES2022, true);
  const declaration = (name: string) => source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
  const named = (members: readonly ts.TypeElement[] | undefined, name: string) =>
    members?.find((m): m is ts.PropertySignature => ts.isPropertySignature(m) && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) && m.name.text === name);

  it("every response, and every component a response reaches, is exact (no widened field, no request-side copy)", () => {
    const components = declaration("components")!;
    const pending: ts.Node[] = [];
    for (const operation of declaration("operations")!.members) {
      const type = ts.isPropertySignature(operation) && operation.type && ts.isTypeLiteralNode(operation.type) ? operation.type : undefined;
      const responses = named(type?.members, "responses")?.type;
      if (responses) pending.push(responses);
    }
    expect(pending.length).toBeGreaterThan(200);
    const seen = new Set<string>();
    const problems: string[] = [];
    while (pending.length > 0) {
      const visit = (node: ts.Node): void => {
        if (ts.isTypeReferenceNode(node) && /^requestComponents\b/.test(node.getText(source))) problems.push(`request-side copy used at ${node.parent.parent.getText(source)}`);
        if (node.kind === ts.SyntaxKind.UndefinedKeyword) problems.push(`undefined in ${node.parent.parent.getText(source).slice(0, 80)}`);
        const match = /^components\["(\w+)"\]\["([^"]+)"\]$/.exec(node.getText(source));
        if (ts.isIndexedAccessTypeNode(node) && match && !seen.has(match[0])) {
          seen.add(match[0]);
          const target = named((named(components.members, match[1]!)?.type as ts.TypeLiteralNode | undefined)?.members, match[2]!)?.type;
          if (target) pending.push(declared(source, target));
        }
        ts.forEachChild(node, visit);
      };
      visit(pending.pop()!);
    }
    expect(seen.size).toBeGreaterThan(200); // the walk really followed references
    expect(problems).toEqual([]);
  });
});

/** widenRequestTypes on openapi-typescript-shaped declarations parsed from `text`, each statement printed on one line. */
function widenIn(text: string): string[] {
  const source = ts.createSourceFile("schema.d.ts", text, ts.ScriptTarget.ES2022, true);
  const printer = ts.createPrinter({ removeComments: false });
  return widenRequestTypes(source.statements).map((node) => printer.printNode(ts.EmitHint.Unspecified, node, source).replace(/\s+/g, " "));
}

/** A file with these components (kinds and entries written out) and operations. */
const typesFile = (components: string, operations: string) =>
  `export interface paths {}\nexport interface components {\n${components}\n}\nexport interface operations {\n${operations}\n}\nexport type $defs = Record<string, never>;\n`;

/** `things.create` sending `body` as JSON and answering `answer`. */
const exchange = (body: string, answer = "never") =>
  `"things.create": { parameters: { query?: never }; requestBody: { content: { "application/json": ${body} } }; responses: { 200: { content: { "application/json": ${answer} } } } };`;

const typeRef = (name: string, kind = "schemas") => `components["${kind}"]["${name}"]`;

describe("widenRequestTypes", () => {
  it("leaves a file without components or operations as it is", () => {
    expect(widenIn("export interface components { schemas: { A: { a?: string } } }")).toEqual(["export interface components { schemas: { A: { a?: string; }; }; }"]);
    expect(widenIn('export interface operations { "a.b": { parameters: { query: { q?: string } } } }')).toEqual([
      'export interface operations { "a.b": { parameters: { query: { q?: string; }; }; }; }',
    ]);
  });

  it("widens the optional properties of a schema only requests reach, at any depth; leaves what responses reach exact", () => {
    const components = [
      " schemas: {",
      "  Input: { name: string; note?: string; size?: number | null; nested?: { deep?: boolean; }; list?: string[] };",
      "  Output: { name: string; note?: string };",
      "  Unused: { note?: string };",
      " };",
    ].join("\n");
    expect(widenIn(typesFile(components, exchange(typeRef("Input"), typeRef("Output"))))).toEqual([
      "export interface paths { }",
      "export interface components { schemas: { Input: { name: string; note?: string | undefined; size?: number | null | undefined; nested?: { deep?: boolean | undefined; } | undefined; list?: string[] | undefined; }; Output: { name: string; note?: string; }; Unused: { note?: string; }; }; }",
      'export interface operations { "things.create": { parameters: { query?: never; }; requestBody: { content: { "application/json": components["schemas"]["Input"]; }; }; responses: { 200: { content: { "application/json": components["schemas"]["Output"]; }; }; }; }; }',
      "export type $defs = Record<string, never>;",
    ]);
  });

  it("adds nothing to a type that already takes undefined, or is never", () => {
    const components =
      " schemas: {\n  Input: { a?: undefined; b?: unknown; c?: any; d?: never; e?: string | undefined; f?: unknown | number; g?: any | string; h?: string | never; i?; };\n };";
    expect(widenIn(typesFile(components, exchange(typeRef("Input"))))[1]).toBe(
      "export interface components { schemas: { Input: { a?: undefined; b?: unknown; c?: any; d?: never; e?: string | undefined; f?: unknown | number; g?: any | string; h?: string | never | undefined; i?; }; }; }",
    );
  });

  it("widens each parameter group and the request body inside, not the groups or the responses", () => {
    const operations =
      '[key: string]: unknown;\n"things.list": { parameters: { [group: string]: unknown; query?: { tag?: string; limit?: number }; header?: { "x-trace"?: string }; path: { id: string }; cookie?: never; other? }; requestBody?: { content: { "application/json": { note?: string } } }; responses: { 200: { content: { "application/json": { next?: string } } } }; get(): void; };\n"things.get": { parameters: never; requestBody?; responses: {} };\n"things.old": never;\n"things.untyped";';
    expect(widenIn(typesFile(" schemas: {};", operations))[2]).toBe(
      'export interface operations { [key: string]: unknown; "things.list": { parameters: { [group: string]: unknown; query?: { tag?: string | undefined; limit?: number | undefined; }; header?: { "x-trace"?: string | undefined; }; path: { id: string; }; cookie?: never; other?; }; requestBody?: { content: { "application/json": { note?: string | undefined; }; }; }; responses: { 200: { content: { "application/json": { next?: string; }; }; }; }; get(): void; }; "things.get": { parameters: never; requestBody?; responses: {}; }; "things.old": never; "things.untyped"; }',
    );
  });

  it("gives a schema both sides reach a widened copy in requestComponents, which the request side refers to", () => {
    const components = [
      " schemas: {",
      `  Input: { part: ${typeRef("Part")}; parts?: ${typeRef("Part")}[]; kind?: ${typeRef("Kind")} };`,
      `  Output: { parts: ${typeRef("Part")}[]; kind: ${typeRef("Kind")} };`,
      "  Part: { id: string; label?: string };",
      '  Kind: "a" | "b";',
      " };",
      " parameters: { Limit: number };",
      " headers: never;",
    ].join("\n");
    const statements = widenIn(typesFile(components, exchange(typeRef("Input"), typeRef("Output"))));
    expect(statements.slice(1, 3)).toEqual([
      'export interface components { schemas: { Input: { part: requestComponents["schemas"]["Part"]; parts?: requestComponents["schemas"]["Part"][] | undefined; kind?: components["schemas"]["Kind"] | undefined; }; Output: { parts: components["schemas"]["Part"][]; kind: components["schemas"]["Kind"]; }; Part: { id: string; label?: string; }; Kind: "a" | "b"; }; parameters: { Limit: number; }; headers: never; }',
      "/** * Request-side copies of the components that responses use too: the same shapes, except that * optional properties also accept `undefined` (for `exactOptionalPropertyTypes`). Responses keep * the exact types in `components`. */ export interface requestComponents { schemas: { Part: { id: string; label?: string | undefined; }; }; }",
    ]);
    expect(statements.slice(3)).toEqual([
      'export interface operations { "things.create": { parameters: { query?: never; }; requestBody: { content: { "application/json": components["schemas"]["Input"]; }; }; responses: { 200: { content: { "application/json": components["schemas"]["Output"]; }; }; }; }; }',
      "export type $defs = Record<string, never>;",
    ]);
  });

  it("points the operations' own request parts at the copies", () => {
    const components = " schemas: {\n  Part: { id: string; label?: string };\n };";
    const operations = `"things.create": { parameters: { query?: { part?: ${typeRef("Part")} } }; requestBody: { content: { "application/json": ${typeRef("Part")}[] } }; responses: { 200: { content: { "application/json": ${typeRef("Part")} } } } };`;
    expect(widenIn(typesFile(components, operations))[3]).toBe(
      'export interface operations { "things.create": { parameters: { query?: { part?: requestComponents["schemas"]["Part"] | undefined; }; }; requestBody: { content: { "application/json": requestComponents["schemas"]["Part"][]; }; }; responses: { 200: { content: { "application/json": components["schemas"]["Part"]; }; }; }; }; }',
    );
  });

  it("copies a shared schema that refers to a copied one, whatever their order, and follows references through both sides", () => {
    const components = [
      " schemas: {",
      `  Outer: { middle: ${typeRef("Middle")} };`,
      `  Middle: { inner: ${typeRef("Inner")} } | ${typeRef("Middle")}[];`,
      "  Inner: { flag?: boolean };",
      "  Plain: { id: string };",
      " };",
      ` parameters: { Filter: { inner: ${typeRef("Inner")} } };`,
    ].join("\n");
    const operations = `"things.create": { parameters: { query?: { filter?: ${typeRef("Filter", "parameters")} } }; requestBody: { content: { "application/json": ${typeRef("Outer")} } }; responses: { 200: { content: { "application/json": ${typeRef("Outer")} & ${typeRef("Plain")} } } } };`;
    const statements = widenIn(typesFile(components, operations));
    expect(statements[2]).toBe(
      '/** * Request-side copies of the components that responses use too: the same shapes, except that * optional properties also accept `undefined` (for `exactOptionalPropertyTypes`). Responses keep * the exact types in `components`. */ export interface requestComponents { schemas: { Outer: { middle: requestComponents["schemas"]["Middle"]; }; Middle: { inner: requestComponents["schemas"]["Inner"]; } | requestComponents["schemas"]["Middle"][]; Inner: { flag?: boolean | undefined; }; }; }',
    );
    // Filter is request-only: widened in place, pointing at the copy of Inner.
    expect(statements[1]).toContain('parameters: { Filter: { inner: requestComponents["schemas"]["Inner"]; }; }');
    expect(statements[1]).toContain("Plain: { id: string; }; }");
  });

  it("reads request parts only from the parameters and the request body, wherever they stand", () => {
    const components = " schemas: {\n  Part: { label?: string };\n };";
    const operations = `"things.get": { responses: { 200: { content: { "application/json": ${typeRef("Part")} } } }; parameters: { query?: never } };`;
    const statements = widenIn(typesFile(components, operations));
    expect(statements[1]).toBe("export interface components { schemas: { Part: { label?: string; }; }; }");
    expect(statements).toHaveLength(4);
  });

  it("writes the comment of requestComponents on lines of its own", () => {
    const components = " schemas: {\n  Part: { label?: string };\n };";
    const source = ts.createSourceFile("schema.d.ts", typesFile(components, exchange(typeRef("Part"), typeRef("Part"))), ts.ScriptTarget.ES2022, true);
    const printed = ts.createPrinter().printNode(ts.EmitHint.Unspecified, widenRequestTypes(source.statements)[2]!, source);
    expect(printed).toMatch(/^\/\*\*\n \* Request-side copies .*\n \*\/\nexport interface requestComponents \{\n/s);
  });

  it("takes a reference whose kind or name is not a literal for no component, even one called `undefined`", () => {
    const components = " schemas: {\n  undefined: { label?: string };\n };\n undefined: {\n  Part: { label?: string };\n };";
    for (const body of ['components["schemas"][string]', 'components[string]["Part"]']) {
      const statements = widenIn(typesFile(components, exchange(body, body)));
      expect(statements[1]).toBe("export interface components { schemas: { undefined: { label?: string; }; }; undefined: { Part: { label?: string; }; }; }");
      expect(statements).toHaveLength(4);
    }
  });

  it("passes over references to components that do not exist", () => {
    const components = " schemas: {\n  Part: { label?: string };\n };";
    const statements = widenIn(typesFile(components, exchange(typeRef("Missing"), `${typeRef("Missing")} | ${typeRef("Part")}`)));
    expect(statements[1]).toBe("export interface components { schemas: { Part: { label?: string; }; }; }");
    expect(statements).toHaveLength(4);
  });

  it("does not follow what is not a reference to a component", () => {
    const components = " schemas: {\n  Part: { label?: string };\n };";
    for (const body of [
      '{ a: string }["schemas"]["Part"]',
      'other["schemas"]["Part"]',
      'a.components["schemas"]["Part"]',
      'components[string]["Part"]',
      'components["schemas"][string]',
      'Parts["Part"]',
    ]) {
      const statements = widenIn(typesFile(components, exchange(body, typeRef("Part"))));
      expect(statements[1]).toBe("export interface components { schemas: { Part: { label?: string; }; }; }");
      expect(statements).toHaveLength(4);
    }
  });
});
