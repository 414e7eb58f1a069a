// JSON Schemas for tool inputs, taken from the bundled OpenAPI document: every `$ref` replaced by
// the schema it names, so that a tool's schema stands alone (MCP clients and the models behind
// them read `inputSchema` without the spec's `components`). The spec's schemas have no cycles;
// one would be refused here rather than inlined forever.

export type JsonSchema = { [keyword: string]: unknown };

const COMPONENT_SCHEMA_PREFIX = "#/components/schemas/";

/** OpenAPI keywords that are not JSON Schema (`oneOf` validates what `discriminator` annotates), or that only make a tool schema longer: dropped. */
const OPENAPI_ONLY_KEYWORDS = new Set(["example", "discriminator", "xml", "externalDocs"]);

function isDroppedKeyword(keyword: string): boolean {
  return OPENAPI_ONLY_KEYWORDS.has(keyword) || keyword.startsWith("x-");
}

/** Resolves every `$ref` to `#/components/schemas/…` in `schema`, recursively; throws on a ref that names nothing or on a cycle. */
export function inlineSchema(schema: unknown, components: Readonly<Record<string, unknown>>, seen: readonly string[] = []): unknown {
  if (Array.isArray(schema)) return schema.map((item) => inlineSchema(item, components, seen));
  if (typeof schema !== "object" || schema === null) return schema;
  const node = schema as JsonSchema;
  const ref = node.$ref;
  if (typeof ref === "string") {
    const name = ref.startsWith(COMPONENT_SCHEMA_PREFIX) ? ref.slice(COMPONENT_SCHEMA_PREFIX.length) : undefined;
    const target = name === undefined ? undefined : components[name];
    if (name === undefined || target === undefined) throw new Error(`unresolvable $ref ${ref}`);
    if (seen.includes(name)) throw new Error(`recursive schema: ${[...seen, name].join(" → ")}`);
    const resolved = inlineSchema(target, components, [...seen, name]) as JsonSchema;
    // Siblings of a $ref (3.1 allows a description next to it) refine the target.
    const { $ref: _ref, ...siblings } = node;
    return { ...resolved, ...(inlineSchema(siblings, components, seen) as JsonSchema) };
  }
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (isDroppedKeyword(keyword)) continue;
    // Under `properties` the keys are field names, not keywords: a field called `example` stays.
    out[keyword] =
      keyword === "properties" && typeof value === "object" && value !== null ? inlineProperties(value as JsonSchema, components, seen) : inlineSchema(value, components, seen);
  }
  return out;
}

function inlineProperties(properties: JsonSchema, components: Readonly<Record<string, unknown>>, seen: readonly string[]): JsonSchema {
  return Object.fromEntries(Object.entries(properties).map(([field, schema]) => [field, inlineSchema(schema, components, seen)]));
}
