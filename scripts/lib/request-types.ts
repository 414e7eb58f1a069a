// Request-side types for users compiling with `exactOptionalPropertyTypes`. There, `{ tags?: string[] }`
// refuses `{ tags: maybeTags }` when `maybeTags` may be undefined, which is how options and settings
// usually arrive. For what users SEND (query, headers, request bodies) an explicit undefined means the
// same as leaving the field out (JSON.stringify and the query serialiser drop it), so every optional
// property there is widened to `?: T | undefined`. What users RECEIVE stays exact.
//
// Works on openapi-typescript's AST, after it has run:
// - a schema reached only from requests is widened in place in `components`;
// - a schema reached from requests and responses (a rule condition is sent in a body and read back
//   in a gate) keeps its exact type in `components` and gets a widened copy in `requestComponents`,
//   same kind and name, which request-side references point to;
// - operations' parameters and request bodies are widened, and point to those copies.
import ts from "typescript";
import { interfaceNamed, literalText, nameOf, propertiesOf, withType } from "./type-nodes.js";

const factory = ts.factory;

/** Where a component lives, as `kind/Name` (`schemas/Gate`, `parameters/Limit`). */
type ComponentKey = string;

const REQUEST_COMPONENTS = "requestComponents";

/** `components["schemas"]["Gate"]` → `schemas/Gate`; anything else → undefined. */
function componentReference(node: ts.Node): ComponentKey | undefined {
  if (!ts.isIndexedAccessTypeNode(node) || !ts.isIndexedAccessTypeNode(node.objectType)) return undefined;
  const root = node.objectType.objectType;
  if (!ts.isTypeReferenceNode(root) || !ts.isIdentifier(root.typeName) || root.typeName.text !== "components") return undefined;
  const kind = literalText(node.objectType.indexType);
  const name = literalText(node.indexType);
  return kind !== undefined && name !== undefined ? `${kind}/${name}` : undefined;
}

function referencesIn(node: ts.Node): ComponentKey[] {
  const found: ComponentKey[] = [];
  const walk = (current: ts.Node): void => {
    const key = componentReference(current);
    if (key !== undefined) found.push(key);
    else ts.forEachChild(current, walk);
  };
  walk(node);
  return found;
}

function hasOptionalProperty(node: ts.Node): boolean {
  if (ts.isPropertySignature(node) && node.questionToken) return true;
  return ts.forEachChild(node, hasOptionalProperty) ?? false;
}

const ABSORBS_UNDEFINED = new Set([ts.SyntaxKind.UndefinedKeyword, ts.SyntaxKind.UnknownKeyword, ts.SyntaxKind.AnyKeyword, ts.SyntaxKind.NeverKeyword]);

/** Whether `| undefined` would add nothing (or, for `never`, only noise). */
function absorbsUndefined(type: ts.TypeNode): boolean {
  if (ABSORBS_UNDEFINED.has(type.kind)) return true;
  return ts.isUnionTypeNode(type) && type.types.some((member) => member.kind !== ts.SyntaxKind.NeverKeyword && ABSORBS_UNDEFINED.has(member.kind));
}

/** Every component reachable from `roots`, following references. */
function reachable(roots: readonly ts.Node[], table: ReadonlyMap<ComponentKey, ts.TypeNode>): Set<ComponentKey> {
  const seen = new Set<ComponentKey>();
  const pending = roots.flatMap(referencesIn);
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
    if (seen.has(key)) continue;
    seen.add(key);
    const target = table.get(key);
    if (target) pending.push(...referencesIn(target));
  }
  return seen;
}

/** The operation parts users send: each parameter group (query, header, path, cookie) and the request body. */
function requestParts(operation: ts.TypeNode): ts.PropertySignature[] {
  const parts = propertiesOf(operation);
  const parameters = parts.find((part) => nameOf(part.name) === "parameters");
  return [...propertiesOf(parameters?.type), ...parts.filter((part) => nameOf(part.name) === "requestBody")];
}

function responseParts(operation: ts.TypeNode): ts.TypeNode[] {
  return propertiesOf(operation).flatMap((part) => (nameOf(part.name) === "responses" && part.type ? [part.type] : []));
}

/** Widens the openapi-typescript AST for request-side use; see the comment at the top of this file. */
export function widenRequestTypes(nodes: readonly ts.Node[]): ts.Node[] {
  const components = interfaceNamed(nodes, "components");
  const operations = interfaceNamed(nodes, "operations");
  if (!components || !operations) return [...nodes];

  const table = new Map<ComponentKey, ts.TypeNode>();
  for (const kind of propertiesOf(components)) {
    for (const entry of propertiesOf(kind.type)) if (entry.type) table.set(`${nameOf(kind.name)}/${nameOf(entry.name)}`, entry.type);
  }
  const operationTypes = propertiesOf(operations).flatMap((operation) => (operation.type ? [operation.type] : []));
  const requestSide = reachable(operationTypes.flatMap(requestParts), table);
  const responseSide = reachable(operationTypes.flatMap(responseParts), table);

  // Shared components that need a widened copy: those with an optional property of their own or a
  // reference to one that needs a copy (a union of conditions, each with optional fields).
  const shared = [...requestSide].filter((key) => responseSide.has(key));
  const copied = new Set<ComponentKey>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const key of shared) {
      const type = table.get(key);
      if (copied.has(key) || !type) continue;
      if (hasOptionalProperty(type) || referencesIn(type).some((reference) => copied.has(reference))) {
        copied.add(key);
        changed = true;
      }
    }
  }

  const widen = <T extends ts.Node>(node: T): T => {
    const transformer: ts.TransformerFactory<ts.Node> = (context) => {
      const visit = (current: ts.Node): ts.Node => {
        const key = componentReference(current);
        if (key !== undefined) {
          if (!copied.has(key)) return current;
          const reference = current as ts.IndexedAccessTypeNode;
          const kind = (reference.objectType as ts.IndexedAccessTypeNode).indexType;
          return factory.createIndexedAccessTypeNode(factory.createIndexedAccessTypeNode(factory.createTypeReferenceNode(REQUEST_COMPONENTS), kind), reference.indexType);
        }
        const visited = ts.visitEachChild(current, visit, context);
        if (ts.isPropertySignature(visited) && visited.questionToken && visited.type && !absorbsUndefined(visited.type)) {
          const members = ts.isUnionTypeNode(visited.type) ? visited.type.types : [visited.type];
          return withType(visited, factory.createUnionTypeNode([...members, factory.createKeywordTypeNode(ts.SyntaxKind.UndefinedKeyword)]));
        }
        return visited;
      };
      return (root) => ts.visitNode(root, visit) as ts.Node;
    };
    const result = ts.transform<ts.Node>(node, [transformer]);
    const [widened] = result.transformed;
    result.dispose();
    return widened as T;
  };

  /** A copy of `literal` with each property passed through `change` (undefined drops it); other members kept. */
  const mapProperties = (literal: ts.TypeLiteralNode, change: (property: ts.PropertySignature) => ts.PropertySignature | undefined): ts.TypeLiteralNode =>
    factory.updateTypeLiteralNode(literal, factory.createNodeArray(literal.members.flatMap((member) => (ts.isPropertySignature(member) ? (change(member) ?? []) : [member]))));
  /** The same for each kind of components (`schemas`, `parameters`, …), with the entry's key. */
  const mapComponents = (change: (key: ComponentKey, entry: ts.PropertySignature) => ts.PropertySignature | undefined): ts.PropertySignature[] =>
    propertiesOf(components).flatMap((kind) => {
      if (!kind.type || !ts.isTypeLiteralNode(kind.type)) return [kind];
      const entries = mapProperties(kind.type, (entry) => change(`${nameOf(kind.name)}/${nameOf(entry.name)}`, entry));
      return [withType(kind, entries)];
    });

  const requestOnly = (key: ComponentKey): boolean => requestSide.has(key) && !responseSide.has(key);
  const newComponents = factory.updateInterfaceDeclaration(
    components,
    components.modifiers,
    components.name,
    components.typeParameters,
    components.heritageClauses,
    mapComponents((key, entry) => (requestOnly(key) ? widen(entry) : entry)),
  );

  const copyKinds = mapComponents((key, entry) => (copied.has(key) ? widen(entry) : undefined)).filter(
    (kind) => kind.type && ts.isTypeLiteralNode(kind.type) && kind.type.members.length > 0,
  );
  const requestComponents = factory.createInterfaceDeclaration([factory.createModifier(ts.SyntaxKind.ExportKeyword)], REQUEST_COMPONENTS, undefined, undefined, copyKinds);
  ts.addSyntheticLeadingComment(
    requestComponents,
    ts.SyntaxKind.MultiLineCommentTrivia,
    "*\n * Request-side copies of the components that responses use too: the same shapes, except that\n" +
      " * optional properties also accept `undefined` (for `exactOptionalPropertyTypes`). Responses keep\n" +
      " * the exact types in `components`.\n ",
    true,
  );

  // In each operation, the parameter groups and the request body are widened inside; the groups
  // themselves (`query?:`, `requestBody?:`) and the responses stay as they are.
  const widenInside = (part: ts.PropertySignature): ts.PropertySignature => (part.type ? withType(part, widen(part.type)) : part);
  const newOperations = factory.updateInterfaceDeclaration(
    operations,
    operations.modifiers,
    operations.name,
    operations.typeParameters,
    operations.heritageClauses,
    operations.members.map((operation) => {
      if (!ts.isPropertySignature(operation) || !operation.type || !ts.isTypeLiteralNode(operation.type)) return operation;
      const parts = mapProperties(operation.type, (part) => {
        const name = nameOf(part.name);
        if (name === "requestBody") return widenInside(part);
        if (name === "parameters" && part.type && ts.isTypeLiteralNode(part.type)) return withType(part, mapProperties(part.type, widenInside));
        return part;
      });
      return withType(operation, parts);
    }),
  );

  return nodes.flatMap((node) => {
    if (node === components) return copyKinds.length > 0 ? [newComponents, requestComponents] : [newComponents];
    if (node === operations) return [newOperations];
    return [node];
  });
}
