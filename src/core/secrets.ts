// The one place that knows how a secret can show up in text, and removes it.
//
// A server, a proxy or a runtime can echo the API key (or a secret path parameter) back to us
// in several encodings: raw, escaped inside a JSON string (`\"`, `\\`, `\/`, `\n`, `\u00XX`), or
// URL-encoded (`%XX` in either case, `+` for a space). The scrubber matches every character of a
// secret in any of those forms, so mixed encodings are caught too, and replaces every occurrence.

/** What a secret is replaced with. */
export const REDACTED = "[redacted]";

/** Removes every occurrence of the scrubber's secrets, in any encoding, from a text. */
export type Scrub = (text: string) => string;

/**
 * Header names whose values are credentials: never logged, never kept on an error.
 * Compared in lower case.
 */
export const SECRET_HEADER_NAMES: ReadonlySet<string> = new Set(["statsig-api-key", "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"]);

/** The letter after the backslash in JSON's short escapes (`\n`); `"` and `/` may also appear bare. */
const JSON_SHORT_ESCAPE_LETTERS: Readonly<Record<string, string>> = {
  '"': '"',
  "/": "/",
  "\b": "b",
  "\f": "f",
  "\n": "n",
  "\r": "r",
  "\t": "t",
};

/**
 * A JSON escape's backslash, which is itself escaped again each time the text is put in another
 * JSON string (`\"`, then `\\\"`, 2^depth − 1 of them): so 1 to 64 backslashes (six levels),
 * taken from the start of a run of backslashes only. Both bounds keep the scan linear: unbounded,
 * a body of a million backslashes would be rescanned from each of them (a hang on a hostile body).
 */
const ESCAPE_BACKSLASHES = "(?<!\\\\)\\\\{1,64}";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A hex number as a pattern matching either letter case: `2f` → `2[fF]`. */
function hexPattern(value: number, digits: number): string {
  return value
    .toString(16)
    .padStart(digits, "0")
    .replace(/[a-f]/g, (letter) => `[${letter}${letter.toUpperCase()}]`);
}

/** Every way one character (a code point) of a secret may be written in the texts we scrub. */
function characterPattern(character: string): string {
  const forms = new Set<string>([escapeRegExp(character)]);
  // JSON, at any nesting depth: `\\`, `\"`, `\/`, `\n`…, and `\uXXXX` per UTF-16 code unit.
  if (character === "\\") forms.add(ESCAPE_BACKSLASHES);
  const letter = JSON_SHORT_ESCAPE_LETTERS[character];
  if (letter !== undefined) forms.add(ESCAPE_BACKSLASHES + escapeRegExp(letter));
  let unicodeEscape = "";
  for (let index = 0; index < character.length; index++) unicodeEscape += `${ESCAPE_BACKSLASHES}u${hexPattern(character.charCodeAt(index), 4)}`;
  forms.add(unicodeEscape);
  // Percent-encoding of the UTF-8 bytes; `+` is the form encoding of a space.
  let percentEncoded = "";
  for (const byte of new TextEncoder().encode(character)) percentEncoded += `%${hexPattern(byte, 2)}`;
  forms.add(percentEncoded);
  if (character === " ") forms.add("\\+");
  // Always several forms (the character, its \u escape, its percent-encoding): always a group.
  return `(?:${[...forms].join("|")})`;
}

/** What a text cut off in the middle of an escape ends with: `%2`, `\`, `\u00`. */
const PARTIAL_ESCAPE = "(?:%[0-9A-Fa-f]?|\\\\{1,64}(?:u[0-9A-Fa-f]{0,3})?)?";

/** Shortest start of a secret that is scrubbed when a text ends with it (a body cut off mid-secret). */
const MIN_TRAILING_PREFIX_CHARACTERS = 8;

/**
 * The whole secret anywhere, or, at the very end of the text, any start of it at least
 * MIN_TRAILING_PREFIX_CHARACTERS long: a truncated body must not show most of a key either.
 */
function secretPattern(secret: string): string {
  const characters = [...secret].map(characterPattern);
  const whole = characters.join("");
  const required = Math.min(characters.length, MIN_TRAILING_PREFIX_CHARACTERS);
  let optionalRest = "";
  for (let index = characters.length - 1; index >= required; index--) optionalRest = `(?:${characters[index]!}${optionalRest})?`;
  return `${whole}|${characters.slice(0, required).join("")}${optionalRest}${PARTIAL_ESCAPE}$`;
}

/**
 * A scrubber for these secrets (empty strings are ignored). Longer secrets are matched first, so
 * a secret that contains another is removed whole.
 */
export function createScrubber(secrets: readonly string[]): Scrub {
  const distinct = [...new Set(secrets.filter((secret) => secret.length > 0))].sort((a, b) => b.length - a.length);
  if (distinct.length === 0) return (text) => text;
  const pattern = new RegExp(distinct.map(secretPattern).join("|"), "g");
  return (text) => text.replace(pattern, REDACTED);
}

/** Deepest nesting scrubValue walks; a hostile body nested deeper would overflow the stack. */
const MAX_SCRUB_DEPTH = 256;

/**
 * A deep copy of JSON-like data with every string (values and property names) scrubbed. Parsed
 * JSON has its escapes already decoded, so this also catches forms the text scrub cannot see.
 * Copies are built with data properties, so a `__proto__` key stays a key. Throws a RangeError
 * past MAX_SCRUB_DEPTH levels of nesting.
 */
export function scrubValue(value: unknown, scrub: Scrub, depth = 0): unknown {
  if (typeof value === "string") return scrub(value);
  if (typeof value !== "object" || value === null) return value;
  if (depth >= MAX_SCRUB_DEPTH) throw new RangeError(`data nested deeper than ${MAX_SCRUB_DEPTH} levels`);
  if (Array.isArray(value)) return value.map((item: unknown) => scrubValue(item, scrub, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [scrub(name), scrubValue(item, scrub, depth + 1)]));
}

/** Request headers for a log line: credential headers replaced, every other value scrubbed. */
export function redactHeaders(headers: Record<string, string>, scrub: Scrub = (text) => text): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = SECRET_HEADER_NAMES.has(name.toLowerCase()) ? REDACTED : scrub(value);
  return out;
}

/**
 * A copy of response headers safe to keep on an error (errors get printed with `util.inspect`):
 * credential headers such as `set-cookie` replaced, every other value scrubbed.
 */
export function scrubHeaders(headers: Headers, scrub: Scrub): Headers {
  const out = new Headers();
  headers.forEach((value, name) => {
    out.append(name, SECRET_HEADER_NAMES.has(name) ? REDACTED : scrub(value));
  });
  return out;
}
