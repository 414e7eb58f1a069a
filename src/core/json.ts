// JSON-shaped data, as parsed from a response or a YAML spec.

export type JsonObject = { [key: string]: unknown };

/** A plain object: not null, not an array. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
