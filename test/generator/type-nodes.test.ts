// The AST readers the schema.d.ts passes share (scripts/lib/type-nodes.ts), on hand-written
// declarations: a reader that misses a kind of name or member silently leaves a field unwidened
// or unnamed in the generated types.
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { interfaceNamed, literalText, nameOf, propertiesOf, withType } from "../../scripts/lib/type-nodes.js";

const source = ts.createSourceFile(
  "sample.ts",
  `type components = { notThis: string };
export interface components {
  plain: string;
  "quoted-name"?: number;
  42: boolean;
  [computed]: string;
  readonly kind: "Gate";
  count: 3;
  method(): void;
  [key: string]: unknown;
}
interface other { x: string }
type Shape = { a: string; b(): void };
`,
  ts.ScriptTarget.Latest,
  true,
);
const statements = [...source.statements];
const printer = ts.createPrinter();
const print = (node: ts.Node): string => printer.printNode(ts.EmitHint.Unspecified, node, source);

describe("type-nodes", () => {
  it("interfaceNamed finds the interface of that name, not a type alias sharing it, nor another interface", () => {
    const found = interfaceNamed(statements, "components");
    expect(found && ts.isInterfaceDeclaration(found)).toBe(true);
    expect(found?.name.text).toBe("components");
    expect(interfaceNamed(statements, "other")?.name.text).toBe("other");
    expect(interfaceNamed(statements, "Shape")).toBeUndefined();
    expect(interfaceNamed(statements, "missing")).toBeUndefined();
  });

  it("propertiesOf lists property signatures only, of an interface or a type literal, and none of anything else", () => {
    const components = interfaceNamed(statements, "components")!;
    expect(propertiesOf(components).map((member) => member.name.getText(source))).toEqual(["plain", '"quoted-name"', "42", "[computed]", "kind", "count"]);
    const shape = statements.find(ts.isTypeAliasDeclaration)!; // `type components = { notThis }`
    expect(propertiesOf(shape.type).map((member) => member.name.getText(source))).toEqual(["notThis"]);
    expect(propertiesOf(shape)).toEqual([]);
    expect(propertiesOf(undefined)).toEqual([]);
  });

  it("nameOf reads identifiers, string and numeric names, and nothing computed", () => {
    const names = propertiesOf(interfaceNamed(statements, "components")).map((member) => nameOf(member.name));
    expect(names).toEqual(["plain", "quoted-name", "42", undefined, "kind", "count"]);
    expect(nameOf(ts.factory.createPrivateIdentifier("#secret"))).toBeUndefined();
  });

  it("literalText reads a string-literal type only", () => {
    const types = Object.fromEntries(propertiesOf(interfaceNamed(statements, "components")).map((member) => [nameOf(member.name) ?? "?", member.type!]));
    expect(literalText(types.kind!)).toBe("Gate");
    expect(literalText(types.count!)).toBeUndefined();
    expect(literalText(types.plain!)).toBeUndefined();
  });

  it("withType replaces the type and keeps the name, the optional mark and readonly", () => {
    const members = propertiesOf(interfaceNamed(statements, "components"));
    const stringType = ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword);
    expect(print(withType(members[1]!, stringType))).toBe('"quoted-name"?: string;');
    expect(print(withType(members[4]!, stringType))).toBe("readonly kind: string;");
  });
});
