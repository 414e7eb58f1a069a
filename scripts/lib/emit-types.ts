// generated/schema.d.ts (openapi-typescript, request-side types widened by request-types.ts) and
// generated/types.ts (a named alias for every schema component and for each operation's query,
// body and result).
import openapiTS, { astToString, oapiRef, STRING, tsIntersection, tsUnion, type SchemaObject } from "openapi-typescript";
import ts from "typescript";
import type { JsonObject } from "./load-spec.js";
import { GENERATED_HEADER, typeStem } from "./naming.js";
import type { OperationModel } from "./operation-model.js";
import { widenRequestTypes } from "./request-types.js";

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
  return `${GENERATED_HEADER}\n${astToString(widenRequestTypes(ast))}`;
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
  if (model.queryParams.length > 0) names.query = `${stem}Query`;
  if (model.body) names.body = `${stem}Body`;
  return names;
}

function docComment(text: string | undefined): string {
  if (!text) return "";
  return `/** ${text.replace(/\*\//g, "*\\/").replace(/\s*\n\s*/g, " ").trim()} */\n`;
}

export function emitNamedTypes(doc: JsonObject, models: OperationModel[]): { text: string; exported: string[] } {
  const lines: string[] = [GENERATED_HEADER, `import type { components, operations } from "./schema.js";`, ""];
  const exported: string[] = [];
  const schemas = ((doc.components as JsonObject | undefined)?.schemas ?? {}) as JsonObject;
  lines.push("// Schema components of the spec, by name.");
  for (const [name, schema] of Object.entries(schemas)) {
    const description = (schema as JsonObject).description;
    lines.push(`${docComment(typeof description === "string" ? description : undefined)}export type ${name} = components["schemas"]["${name}"];`);
    exported.push(name);
  }
  lines.push("", "// Per operation: query, request body and what the facade method resolves to (or a list's item).");
  for (const model of models) {
    const op = `operations["${model.operationId}"]`;
    const names = operationTypeNames(model);
    if (names.query) {
      lines.push(`/** Query parameters of \`${model.operationId}\`. */`);
      lines.push(`export type ${names.query} = NonNullable<${op}["parameters"]["query"]>;`);
      exported.push(names.query);
    }
    if (names.body && model.body) {
      lines.push(`/** Request body of \`${model.operationId}\`. */`);
      lines.push(`export type ${names.body} = NonNullable<${op}["requestBody"]>["content"]["${model.body.contentType}"];`);
      exported.push(names.body);
    }
    const json = `${op}["responses"][${model.success.status}]["content"]["${model.success.contentType ?? ""}"]`;
    let result: string;
    switch (model.success.kind) {
      case "list":
        result = `${json}["data"][number]`;
        break;
      case "data":
        result = `${json}["data"]`;
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
  return { text: `${lines.join("\n")}\n`, exported };
}
