// Samples for the drift report: enough to see the shape of a value, never a secret or a whole id.

const MAX_STRING_CHARS = 6;
const MAX_DEPTH = 2;
const MAX_ITEMS = 3;
const MAX_KEYS = 8;
/** Prefixes of Statsig keys (console, server, client): such a string is replaced whole. */
const KEY_PREFIX = /^(console|secret|client)-/i;

/** A redacted copy of `value`; with `secret` set (the operation carries secrets), every string is replaced. */
export function redactSample(value: unknown, secret = false, depth = 0): unknown {
  if (typeof value === "string") {
    if (secret || KEY_PREFIX.test(value)) return "[redacted]";
    return value.length <= MAX_STRING_CHARS ? value : `${value.slice(0, MAX_STRING_CHARS)}…(${value.length} chars)`;
  }
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? `[array of ${value.length}]` : "{object}";
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => redactSample(item, secret, depth + 1));
    return value.length > MAX_ITEMS ? [...items, `…${value.length - MAX_ITEMS} more`] : items;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries.slice(0, MAX_KEYS)) out[key] = redactSample(item, secret, depth + 1);
  if (entries.length > MAX_KEYS) out["…"] = `${entries.length - MAX_KEYS} more fields`;
  return out;
}
