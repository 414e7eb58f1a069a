// Names for the types of schema.d.ts that TypeScript prints. openapi-typescript writes every schema
// as a member of `components` (`components["schemas"]["Gate"]: AuditFields & {…}`): a type with
// no declaration of its own, which editors and error messages can only spell out in full, and an
// alias of it (`type Gate = components["schemas"]["Gate"]`) does not change that. So each type
// users meet moves to a declaration of its own, and the place it came from refers to it:
// - every schema component: `export type Gate = …`, and `components["schemas"]["Gate"]: Gate`;
// - every request-side copy (request-types.ts): `requestComponents.Gate…` in a namespace of that name;
// - each operation's query parameters: `export type GatesListQuery = {…}`;
// - each operation's request body: `export type GatesCreateBody = { [K in keyof GateCreateBody]: GateCreateBody[K] }`.
//   The same fields as the schema under the operation's own name, which is the name the facade's
//   signature shows, so errors say `GatesCreateBody` (a plain alias would print `GateCreateBody`).
//   A body that is not an object type (a union) cannot be mapped field by field without changing
//   what it accepts, and stays a plain alias.
// References keep openapi-typescript's spelling (`components["schemas"]["Gate"]`); they resolve to
// the named declarations.
import ts from "typescript";
import { typeStem } from "./naming.js";
import { interfaceNamed, literalText, nameOf, propertiesOf, withType } from "./type-nodes.js";

const factory = ts.factory;
const REQUEST_COMPONENTS = "requestComponents";
const SCHEMAS = "schemas";

/** Names schema.d.ts declares itself; no schema or operation type may take them. */
export const SCHEMA_FILE_NAMES = ["paths", "webhooks", "components", REQUEST_COMPONENTS, "$defs", "operations"] as const;

export function queryTypeName(operationId: string): string {
  return `${typeStem(operationId)}Query`;
}

export function bodyTypeName(operationId: string): string {
  return `${typeStem(operationId)}Body`;
}

function property(node: ts.Node | undefined, name: string): ts.PropertySignature | undefined {
  return propertiesOf(node).find((member) => nameOf(member.name) === name);
}

function withMembers(literal: ts.TypeLiteralNode, members: readonly ts.TypeElement[]): ts.TypeLiteralNode {
  return factory.updateTypeLiteralNode(literal, factory.createNodeArray(members));
}

/** Moves `from`'s JSDoc to `to` (openapi-typescript's comments are synthetic). */
function moveComments<T extends ts.Node>(from: ts.Node, to: T): T {
  const comments = ts.getSyntheticLeadingComments(from);
  if (comments) ts.setSyntheticLeadingComments(to, comments.slice());
  ts.setSyntheticLeadingComments(from, undefined);
  return to;
}

function docComment<T extends ts.Node>(node: T, text: string): T {
  return ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, `* ${text} `, true);
}

function typeAlias(name: string, type: ts.TypeNode): ts.TypeAliasDeclaration {
  return factory.createTypeAliasDeclaration([factory.createModifier(ts.SyntaxKind.ExportKeyword)], name, undefined, type);
}

/** `components["schemas"]["Gate"]` → `{ owner: "components", name: "Gate" }`; other references → undefined. */
function schemaReference(node: ts.TypeNode): { owner: string; name: string } | undefined {
  if (!ts.isIndexedAccessTypeNode(node) || !ts.isIndexedAccessTypeNode(node.objectType)) return undefined;
  const root = node.objectType.objectType;
  if (!ts.isTypeReferenceNode(root) || !ts.isIdentifier(root.typeName) || literalText(node.objectType.indexType) !== SCHEMAS) return undefined;
  const name = literalText(node.indexType);
  return name === undefined ? undefined : { owner: root.typeName.text, name };
}

export function nameDeclarations(nodes: readonly ts.Node[]): ts.Node[] {
  const statement = (name: string) => interfaceNamed(nodes, name);
  const components = statement("components");
  const requestComponents = statement(REQUEST_COMPONENTS);
  const operations = statement("operations");
  if (!components || !operations) return [...nodes];

  const schemasOf = (owner: ts.InterfaceDeclaration | undefined) => propertiesOf(property(owner, SCHEMAS)?.type);
  const table = new Map<string, ts.TypeNode>();
  for (const [owner, entries] of [
    ["components", schemasOf(components)],
    [REQUEST_COMPONENTS, schemasOf(requestComponents)],
  ] as const) {
    for (const entry of entries) if (entry.type) table.set(`${owner}/${nameOf(entry.name)}`, entry.type);
  }
  /** Whether `type` is an object type (no union anywhere at its top), following schema references. */
  const isObjectType = (type: ts.TypeNode, seen = new Set<ts.TypeNode>()): boolean => {
    if (seen.has(type)) return false;
    seen.add(type);
    if (ts.isTypeLiteralNode(type)) return true;
    if (ts.isParenthesizedTypeNode(type)) return isObjectType(type.type, seen);
    if (ts.isIntersectionTypeNode(type)) return type.types.every((member) => isObjectType(member, seen));
    const reference = schemaReference(type);
    const target = reference && table.get(`${reference.owner}/${reference.name}`);
    return target !== undefined && isObjectType(target, seen);
  };
  /** How a declaration names a schema: `Gate`, or `requestComponents.Gate` for a request-side copy. */
  const schemaName = (reference: { owner: string; name: string }): ts.TypeReferenceNode =>
    factory.createTypeReferenceNode(
      reference.owner === REQUEST_COMPONENTS ? factory.createQualifiedName(factory.createIdentifier(REQUEST_COMPONENTS), reference.name) : reference.name,
    );

  /** `owner` with each schema moved to a declaration of its own (returned) and referred to by name. */
  const liftSchemas = (owner: ts.InterfaceDeclaration, ownerName: string): { owner: ts.InterfaceDeclaration; lifted: ts.TypeAliasDeclaration[] } => {
    const lifted: ts.TypeAliasDeclaration[] = [];
    const members = owner.members.map((kind) => {
      if (!ts.isPropertySignature(kind) || nameOf(kind.name) !== SCHEMAS || !kind.type || !ts.isTypeLiteralNode(kind.type)) return kind;
      const entries = propertiesOf(kind.type).map((entry) => {
        const name = nameOf(entry.name);
        if (name === undefined || !entry.type) return entry;
        lifted.push(moveComments(entry, typeAlias(name, entry.type)));
        return withType(entry, schemaName({ owner: ownerName, name }));
      });
      return withType(kind, withMembers(kind.type, entries));
    });
    return { owner: factory.updateInterfaceDeclaration(owner, owner.modifiers, owner.name, owner.typeParameters, owner.heritageClauses, members), lifted };
  };

  const named = liftSchemas(components, "components");
  // The request-side copies keep their spec names, in a namespace that merges with the interface.
  const copies = requestComponents && liftSchemas(requestComponents, REQUEST_COMPONENTS);
  const namespace =
    copies && copies.lifted.length > 0
      ? factory.createModuleDeclaration(
          [factory.createModifier(ts.SyntaxKind.ExportKeyword), factory.createModifier(ts.SyntaxKind.DeclareKeyword)],
          factory.createIdentifier(REQUEST_COMPONENTS),
          factory.createModuleBlock(copies.lifted),
          ts.NodeFlags.Namespace,
        )
      : undefined;

  const operationDeclarations: ts.Statement[] = [];
  const mappedParameter = (() => {
    let name = "K";
    while (table.has(`components/${name}`)) name += "_";
    return name;
  })();
  const nameOperation = (operation: ts.PropertySignature): ts.PropertySignature => {
    const operationId = nameOf(operation.name);
    if (operationId === undefined || !operation.type || !ts.isTypeLiteralNode(operation.type)) return operation;
    const parts = operation.type.members.map((part): ts.TypeElement => {
      if (!ts.isPropertySignature(part) || !part.type || !ts.isTypeLiteralNode(part.type)) return part;
      const partName = nameOf(part.name);
      if (partName === "parameters") {
        const groups = part.type.members.map((group) => {
          if (!ts.isPropertySignature(group) || nameOf(group.name) !== "query" || !group.type || !ts.isTypeLiteralNode(group.type)) return group;
          const name = queryTypeName(operationId);
          operationDeclarations.push(docComment(typeAlias(name, group.type), `Query parameters of \`${operationId}\`.`));
          return withType(group, factory.createTypeReferenceNode(name));
        });
        return withType(part, withMembers(part.type, groups));
      }
      if (partName !== "requestBody") return part;
      const content = property(part.type, "content");
      if (!content?.type || !ts.isTypeLiteralNode(content.type)) return part;
      // One body type per operation: for the media type the facade sends (JSON when there is a choice).
      const mediaTypes = propertiesOf(content.type);
      const sent = mediaTypes.find((entry) => nameOf(entry.name) === "application/json") ?? mediaTypes[0];
      const media = content.type.members.map((entry) => {
        if (entry !== sent || !sent.type) return entry;
        const name = bodyTypeName(operationId);
        const reference = schemaReference(sent.type);
        let body: ts.TypeNode = sent.type;
        if (reference && isObjectType(sent.type)) {
          const schema = schemaName(reference);
          body = factory.createMappedTypeNode(
            undefined,
            factory.createTypeParameterDeclaration(undefined, mappedParameter, factory.createTypeOperatorNode(ts.SyntaxKind.KeyOfKeyword, schema)),
            undefined,
            undefined,
            factory.createIndexedAccessTypeNode(schema, factory.createTypeReferenceNode(mappedParameter)),
            undefined,
          );
        } else if (reference) {
          body = schemaName(reference);
        }
        const about = reference ? `: the fields of \`${reference.name}\`` : "";
        operationDeclarations.push(docComment(typeAlias(name, body), `Request body of \`${operationId}\`${about}.`));
        return withType(sent, factory.createTypeReferenceNode(name));
      });
      const namedContent = withType(content, withMembers(content.type, media));
      return withType(
        part,
        withMembers(
          part.type,
          part.type.members.map((member) => (member === content ? namedContent : member)),
        ),
      );
    });
    return withType(operation, withMembers(operation.type, parts));
  };
  const newOperations = factory.updateInterfaceDeclaration(
    operations,
    operations.modifiers,
    operations.name,
    operations.typeParameters,
    operations.heritageClauses,
    operations.members.map((operation) => (ts.isPropertySignature(operation) ? nameOperation(operation) : operation)),
  );

  return [
    ...nodes.flatMap((node): ts.Node[] => {
      if (node === components) return [named.owner];
      if (node === requestComponents && copies) return namespace ? [copies.owner, namespace] : [copies.owner];
      if (node === operations) return [newOperations];
      return [node];
    }),
    ...named.lifted,
    ...operationDeclarations,
  ];
}
