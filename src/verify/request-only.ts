// The spec's `x-request-only-constraints` (maximum, maxLength, pattern, …) state what the API
// accepts in a request; a response is not held to them. Schemas shared by requests and responses
// keep them, so the live check removes them from its copy of the spec before validating responses.
import { isObject, type JsonObject } from "../core/json.js";

/** Maps whose keys are names, not keywords: a property called `pattern` is not the keyword. */
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "schemas",
  "parameters",
  "responses",
  "paths",
  "content",
  "headers",
  "mapping",
]);
/** Values that are data, not schemas. */
const DATA = new Set(["example", "examples", "enum", "const", "default"]);

export function withoutRequestOnlyConstraints(spec: JsonObject): JsonObject {
  const listed = spec["x-request-only-constraints"];
  const keywords = new Set(Array.isArray(listed) ? listed.map(String) : []);
  if (keywords.size === 0) return spec;
  const strip = (node: unknown, namesHere: boolean): unknown => {
    if (Array.isArray(node)) return node.map((item) => strip(item, false));
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (!namesHere && keywords.has(key) && !isObject(value) && !Array.isArray(value)) continue;
      out[key] = !namesHere && DATA.has(key) ? value : strip(value, !namesHere && NAME_MAPS.has(key));
    }
    return out;
  };
  return strip(spec, false) as JsonObject;
}
