// One MCP tool per operation of the bundled spec: its name from the operationId, its input schema
// from the path parameters, query parameters and JSON request body (every $ref inlined), its
// description from the spec's summary and description. Nothing here is written per operation.
import { operations, type OperationId } from "../../generated/operations.js";
import type { OperationDescriptor } from "../core/operation.js";
import { bundledSpec } from "./bundled-spec.js";
import { inlineSchema, type JsonSchema } from "./json-schema.js";

/** Where each argument of a tool goes in the request. */
interface ToolArgumentPlan {
  readonly path: readonly string[];
  readonly query: readonly string[];
  /** The name of the argument that is the request body, when the operation takes one. */
  readonly body: string | undefined;
}

export interface OperationTool {
  /** The operationId with `.` replaced by `_`: `gates.rules.patch` → `gates_rules_patch`. */
  readonly name: string;
  readonly operation: OperationDescriptor;
  readonly tags: readonly string[];
  readonly summary: string;
  readonly description: string;
  readonly inputSchema: JsonSchema & { type: "object" };
  readonly readOnly: boolean;
  readonly plan: ToolArgumentPlan;
}

/** The argument holding the request body. */
const BODY_ARGUMENT = "body";

interface ParameterObject {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: unknown;
}

interface OperationObject {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: unknown[];
  requestBody?: { required?: boolean; description?: string; content?: Record<string, { schema?: unknown }> };
}

/** MCP allows `.` in tool names, but several model APIs accept only `[A-Za-z0-9_-]{1,64}`; operationIds are `[A-Za-z0-9.]`, so this is reversible. */
export function toolNameOf(operationId: string): string {
  return operationId.replaceAll(".", "_");
}

function resolveParameter(parameter: unknown, components: Readonly<Record<string, unknown>>): ParameterObject {
  const ref = (parameter as { $ref?: unknown }).$ref;
  if (typeof ref !== "string") return parameter as ParameterObject;
  const resolved = components[ref.slice(ref.lastIndexOf("/") + 1)] as ParameterObject | undefined;
  if (!resolved) throw new Error(`unresolvable parameter $ref ${ref}`);
  return resolved;
}

function describedSchema(schema: unknown, description: string | undefined): JsonSchema {
  const inlined = inlineSchema(schema ?? {}, bundledSpec().components.schemas) as JsonSchema;
  return description === undefined || inlined.description !== undefined ? inlined : { ...inlined, description };
}

function describe(operation: OperationDescriptor, object: OperationObject, readOnly: boolean): string {
  const lines = [object.summary ?? operation.id];
  if (object.description) lines.push("", object.description);
  const effect = readOnly ? "Read-only." : operation.method === "DELETE" ? "Deletes data." : "Changes data.";
  lines.push("", `${effect} ${operation.method} ${operation.path}`);
  if (operation.response === "list") lines.push("Returns one page: `data`, and `nextPage` (pass it as `page` to get the next one; null on the last page).");
  return lines.join("\n");
}

function buildTool(operation: OperationDescriptor, pathItem: { parameters?: unknown[] }, object: OperationObject): OperationTool {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const path: string[] = [];
  const query: string[] = [];
  const add = (name: string, schema: JsonSchema, isRequired: boolean): void => {
    if (name in properties) throw new Error(`${operation.id}: two inputs named ${name}`);
    properties[name] = schema;
    if (isRequired) required.push(name);
  };
  for (const parameter of [...(pathItem.parameters ?? []), ...(object.parameters ?? [])].map((parameter) => resolveParameter(parameter, bundledSpec().components.parameters))) {
    // Headers (x-respect-review-settings) are client options, not tool arguments.
    if (parameter.in !== "path" && parameter.in !== "query") continue;
    add(parameter.name, describedSchema(parameter.schema, parameter.description), parameter.in === "path" || parameter.required === true);
    (parameter.in === "path" ? path : query).push(parameter.name);
  }
  const content = object.requestBody?.content;
  let body: string | undefined;
  if (content) {
    const json = content["application/json"];
    if (!json) throw new Error(`${operation.id}: a request body that is not JSON`);
    add(BODY_ARGUMENT, describedSchema(json.schema, object.requestBody?.description), object.requestBody?.required === true);
    body = BODY_ARGUMENT;
  }
  const readOnly = operation.method === "GET";
  const inputSchema: JsonSchema & { type: "object" } = { type: "object", properties, additionalProperties: false };
  if (required.length > 0) inputSchema.required = required;
  return {
    name: toolNameOf(operation.id),
    operation,
    tags: object.tags ?? [],
    summary: object.summary ?? operation.id,
    description: describe(operation, object, readOnly),
    inputSchema,
    readOnly,
    plan: { path, query, body },
  };
}

let allTools: readonly OperationTool[] | undefined;

/** Every operation of the spec as a tool, in operationId order; built once, on first use. */
export function operationTools(): readonly OperationTool[] {
  if (allTools) return allTools;
  const { paths } = bundledSpec();
  allTools = Object.entries(operations)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, operation]) => {
      const pathItem = paths[operation.path] as { parameters?: unknown[] } & Record<string, unknown>;
      const object = pathItem[operation.method.toLowerCase()] as OperationObject | undefined;
      if (object?.operationId !== (id as OperationId)) throw new Error(`${id}: not found in the bundled spec at ${operation.method} ${operation.path}`);
      return buildTool(operation, pathItem, object);
    });
  return allTools;
}
