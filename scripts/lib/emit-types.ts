// generated/schema.d.ts (openapi-typescript; request-side types widened by request-types.ts, every
// schema, query and body given a declaration of its own by named-declarations.ts, descriptions as
// plain JSDoc by plain-descriptions.ts) and generated/types.ts (those names again, for users, and
// each operation's result).
import openapiTS, { astToString, oapiRef, STRING, tsIntersection, tsUnion, type SchemaObject } from "openapi-typescript";
import ts from "typescript";
import { SpecError, type JsonObject } from "./load-spec.js";
import { GENERATED_HEADER, typeStem } from "./naming.js";
import type { OperationModel } from "./operation-model.js";
import { bodyTypeName, nameDeclarations, queryTypeName, SCHEMA_FILE_NAMES } from "./named-declarations.js";
import { plainDescriptions } from "./plain-descriptions.js";
import { widenRequestTypes } from "./request-types.js";
import { resultComponent } from "./result-schemas.js";

/**
 * An open enum: `anyOf: [{ $ref: <string enum> }, { type: string }]` means "one of these known
 * values, or any string the API adds later". openapi-typescript would print `Known | string`,
 * which TypeScript collapses to `string` (no completion); `Known | (string & {})` keeps the
 * known values for editors and still accepts any string.
 */
function openEnum(schema: SchemaObject): ts.TypeNode | undefined {
  const members = (schema as { anyOf?: unknown[] }).anyOf;
  if (!Array.isArray(members) || members.length !== 2) return undefined;
  const ref = members.find((m): m is { $ref: string } => typeof (m as { $ref?: unknown }).$ref === "string");
  const plain = members.find((m) => (m as { type?: unknown }).type === "string" && Object.keys(m as object).every((k) => k === "type" || k === "description"));
  if (!ref || !plain) return undefined;
  return tsUnion([oapiRef(ref.$ref), tsIntersection([STRING, ts.factory.createTypeLiteralNode([])])]);
}

export async function emitSchemaTypes(doc: JsonObject): Promise<string> {
  // openapi-typescript reads the object in place; give it a copy so the bundled document stays untouched.
  const ast = await openapiTS(structuredClone(doc) as unknown as Parameters<typeof openapiTS>[0], { transform: openEnum });
  const nodes = nameDeclarations(widenRequestTypes(ast));
  plainDescriptions(nodes);
  return `${GENERATED_HEADER}\n${astToString(nodes)}`;
}

/** Names of the types emitted for one operation (absent when the operation has no such part). */
export interface OperationTypeNames {
  query?: string;
  body?: string;
  result: string;
}

export function operationTypeNames(model: OperationModel): OperationTypeNames {
  const stem = typeStem(model.operationId);
  const names: OperationTypeNames = { result: model.success.kind === "list" ? `${stem}Item` : `${stem}Response` };
  if (model.queryParams.length > 0) names.query = queryTypeName(model.operationId);
  if (model.body) names.body = bodyTypeName(model.operationId);
  return names;
}

export function emitNamedTypes(doc: JsonObject, models: OperationModel[]): { text: string; exported: string[] } {
  const schemas = Object.keys(((doc.components as JsonObject | undefined)?.schemas ?? {}) as JsonObject);
  const operationTypes = models.flatMap((model) => {
    const names = operationTypeNames(model);
    return [names.query, names.body].filter((name): name is string => name !== undefined);
  });
  const reexport = (names: string[]) => (names.length > 0 ? [`export type {\n${names.map((name) => `  ${name},\n`).join("")}} from "./schema.js";`] : []);
  const resultComponents = new Map(models.map((model) => [model.operationId, resultComponent(doc, model)]));
  const imported = [...new Set([...resultComponents.values()].flatMap((result) => (result ? [result.component] : [])))].sort();
  const lines: string[] = [
    GENERATED_HEADER,
    `import type {\n  operations,\n${imported.map((name) => `  ${name},\n`).join("")}} from "./schema.js";`,
    "",
    "// Schema components of the spec, by name (declared, with their descriptions, in schema.d.ts).",
    ...reexport(schemas),
    "",
    "// Per operation: query parameters and request body (declared in schema.d.ts) and what the facade",
    "// method resolves to (or a list's item).",
    ...reexport(operationTypes),
  ];
  const exported = [...schemas, ...operationTypes];
  for (const model of models) {
    const op = `operations["${model.operationId}"]`;
    const names = operationTypeNames(model);
    const json = `${op}["responses"][${model.success.status}]["content"]["${model.success.contentType ?? ""}"]`;
    let result: string;
    const resolved = resultComponents.get(model.operationId);
    const component = resolved && (resolved.array ? `${resolved.component}[]` : resolved.component);
    switch (model.success.kind) {
      case "list":
        result = component ?? `${json}["data"][number]`;
        break;
      case "data":
        result = component ?? `${json}["data"]`;
        break;
      case "message":
        result = "{ message: string }";
        break;
      case "text":
        result = "string";
        break;
      case "body":
        result = json;
        break;
      case "none":
        result = "void";
        break;
    }
    lines.push(`/** ${model.success.kind === "list" ? "One item of the list" : "Result"} of \`${model.operationId}\`. */`);
    lines.push(`export type ${names.result} = ${result};`);
    exported.push(names.result);
  }
  const taken = exported.filter((name) => (SCHEMA_FILE_NAMES as readonly string[]).includes(name));
  if (taken.length > 0) throw new SpecError(`schema.d.ts declares ${taken.join(", ")} itself; rename the component`);
  return { text: `${lines.join("\n")}\n`, exported };
}
