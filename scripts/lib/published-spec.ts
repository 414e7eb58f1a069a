// The openapi.json users get: the bundled spec without `x-reference-decisions`, our notes on where
// Statsig's published reference disagrees with itself or the API, which cite files users do not
// have. Every other extension stays (spec/README.md documents them). The operations' decisions are
// kept apart, by path and method, for the contract tests; the root's (decisions about the whole
// document) are only read from spec/ by the audit, so they are simply left out.
import { isObject, type JsonObject } from "../../src/core/json.js";

const INTERNAL_EXTENSION = "x-reference-decisions";

interface PublishedSpec {
  spec: JsonObject;
  /** path → method → the operation's decisions. */
  decisions: Record<string, Record<string, unknown>>;
}

export function publishedSpec(bundled: JsonObject): PublishedSpec {
  const decisions: PublishedSpec["decisions"] = {};
  const paths: JsonObject = {};
  for (const [path, item] of Object.entries(isObject(bundled.paths) ? bundled.paths : {})) {
    if (!isObject(item)) {
      paths[path] = item;
      continue;
    }
    const publishedItem: JsonObject = {};
    for (const [key, value] of Object.entries(item)) {
      if (isObject(value) && INTERNAL_EXTENSION in value) {
        const { [INTERNAL_EXTENSION]: decided, ...operation } = value;
        decisions[path] = { ...decisions[path], [key]: decided };
        publishedItem[key] = operation;
      } else publishedItem[key] = value;
    }
    paths[path] = publishedItem;
  }
  const { [INTERNAL_EXTENSION]: _rootDecisions, ...root } = bundled;
  return { spec: { ...root, paths }, decisions };
}
