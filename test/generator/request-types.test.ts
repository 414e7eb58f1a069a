// The request-side widening of schema.d.ts (scripts/lib/request-types.ts) on a small document:
// what users send takes `?: T | undefined`, what they receive stays exact, and a schema used both
// ways keeps its exact type and gets a widened copy that request-side references point to.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { emitSchemaTypes } from "../../scripts/lib/emit-types.js";
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

describe("request-side types in schema.d.ts", async () => {
  const text = await emitSchemaTypes(doc);
  const source = ts.createSourceFile("schema.d.ts", text, ts.ScriptTarget.ES2022, true);
  const at = (...path: string[]) => property(source, path);

  it("widens optional fields of what users send: queries, headers, request-only schemas, nested objects", () => {
    expect(at("operations", "things.create", "parameters", "query", "dryRun")).toEqual({ optional: true, type: "boolean | undefined" });
    expect(at("operations", "things.create", "parameters", "header", "x-trace")).toEqual({ optional: true, type: "string | undefined" });
    expect(at("components", "schemas", "ThingInput", "note")).toEqual({ optional: true, type: "string | undefined" });
    expect(at("components", "schemas", "ThingInput", "extra", "depth")).toEqual({ optional: true, type: "number | undefined" });
  });

  it("leaves required fields, `unknown` and the groups themselves alone", () => {
    expect(at("components", "schemas", "ThingInput", "name")).toEqual({ optional: false, type: "string" });
    expect(at("components", "schemas", "ThingInput", "anything")?.type).toBe("unknown");
    expect(at("operations", "things.create", "parameters", "query")?.type).not.toMatch(/\| undefined$/);
  });

  it("keeps what users receive exact", () => {
    expect(at("components", "schemas", "Thing", "size")).toEqual({ optional: true, type: "number" });
    expect(at("components", "schemas", "Thing", "parts")).toEqual({ optional: true, type: 'components["schemas"]["Part"][]' });
    expect(at("components", "schemas", "Part", "label")).toEqual({ optional: true, type: "string | null" });
  });

  it("gives a schema used both ways a widened copy, which request-side references use", () => {
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
