// Query parameters from `--<name> value` and `--query name=value`, converted to the types the
// spec declares (integers, numbers, booleans, enums, repeated values) before anything is sent.
import type { CliOperation, ParameterInfo } from "./catalog.js";
import { CliUsageError } from "./exit-codes.js";

type QueryValue = string | number | boolean;

function convert(parameter: ParameterInfo, raw: string): QueryValue {
  const flag = `--${parameter.name}`;
  if (parameter.enum && !parameter.enum.includes(raw)) throw new CliUsageError(`${flag}: "${raw}" is not one of ${parameter.enum.join(", ")}`);
  switch (parameter.type) {
    case "integer": {
      if (!/^-?\d+$/.test(raw.trim())) throw new CliUsageError(`${flag}: expected an integer, got "${raw}"`);
      return Number(raw);
    }
    case "number": {
      const value = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(value)) throw new CliUsageError(`${flag}: expected a number, got "${raw}"`);
      return value;
    }
    case "boolean": {
      if (raw === "true" || raw === "") return true;
      if (raw === "false") return false;
      throw new CliUsageError(`${flag}: expected true or false, got "${raw}"`);
    }
    default:
      return raw;
  }
}

/** Splits each `name=value` of `--query`. */
function splitPairs(pairs: readonly string[]): [string, string][] {
  return pairs.map((pair) => {
    const at = pair.indexOf("=");
    if (at <= 0) throw new CliUsageError(`--query ${pair}: expected name=value`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  });
}

/**
 * The query object for the facade: `fromFlags` holds each flag's raw values (a boolean flag given
 * without a value holds `true`), `pairs` the `--query` entries. Unknown names are refused.
 */
export function buildQuery(operation: CliOperation, fromFlags: ReadonlyMap<string, readonly (string | true)[]>, pairs: readonly string[]): Record<string, unknown> | undefined {
  const raw = new Map<string, string[]>();
  for (const [name, values] of fromFlags)
    raw.set(
      name,
      values.map((value) => (value === true ? "true" : value)),
    );
  for (const [name, value] of splitPairs(pairs)) {
    if (!operation.queryParams.some((parameter) => parameter.name === name)) {
      const known = operation.queryParams.map((parameter) => parameter.name);
      throw new CliUsageError(`--query ${name}: ${operation.words.join(" ")} has ${known.length > 0 ? `the query parameters ${known.join(", ")}` : "no query parameters"}`);
    }
    raw.set(name, [...(raw.get(name) ?? []), value]);
  }
  const query: Record<string, unknown> = {};
  for (const parameter of operation.queryParams) {
    const values = raw.get(parameter.name);
    if (!values || values.length === 0) {
      if (parameter.required) throw new CliUsageError(`--${parameter.name} is required`);
      continue;
    }
    if (!parameter.array && values.length > 1) throw new CliUsageError(`--${parameter.name} takes one value, got ${values.length}`);
    const converted = values.map((value) => convert(parameter, value));
    query[parameter.name] = parameter.array ? converted : converted[0];
  }
  return Object.keys(query).length > 0 ? query : undefined;
}
