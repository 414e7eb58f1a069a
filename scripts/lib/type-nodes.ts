// Small readers and rebuilders of openapi-typescript's AST, shared by the passes that rewrite
// schema.d.ts (request-types.ts widens request-side types, named-declarations.ts names them).
import ts from "typescript";

const factory = ts.factory;

/** The text of a property name written as an identifier, a string or a number. */
export function nameOf(name: ts.PropertyName | ts.Identifier): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

/** The string of a string-literal type (`"Gate"`). */
export function literalText(node: ts.TypeNode): string | undefined {
  return ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : undefined;
}

/** The property signatures of an interface or a type literal; none for anything else. */
export function propertiesOf(node: ts.Node | undefined): ts.PropertySignature[] {
  if (node === undefined) return [];
  const members: readonly ts.TypeElement[] = ts.isInterfaceDeclaration(node) || ts.isTypeLiteralNode(node) ? node.members : [];
  return members.filter((member): member is ts.PropertySignature => ts.isPropertySignature(member));
}

/** The same property with another type. */
export function withType(member: ts.PropertySignature, type: ts.TypeNode): ts.PropertySignature {
  return factory.updatePropertySignature(member, member.modifiers, member.name, member.questionToken, type);
}

/** The top-level interface of that name (`components`, `operations`, …). */
export function interfaceNamed(nodes: readonly ts.Node[], name: string): ts.InterfaceDeclaration | undefined {
  return nodes.find((node): node is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(node) && node.name.text === name);
}
