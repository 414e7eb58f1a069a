// Secrets with awkward characters, and every encoding they may be echoed in, for scrubbing tests.

/** A key with every character JSON or URLs escape; its two alphanumeric runs survive any encoding, so tests look for them. */
export const SPECIAL_KEY = 'console-Zq7Xw9"\\/+%&=?#Kp4Rt2';
export const KEY_MARKERS = ["Zq7Xw9", "Kp4Rt2"];
/** A secret path parameter with a space, a slash and non-ASCII. */
export const PATH_SECRET = "Mv3Ns8 key/é+Lb6Hd1";
export const PATH_MARKERS = ["Mv3Ns8", "Lb6Hd1"];

function unicodeEscaped(text: string, upper: boolean): string {
  return [...text]
    .map((character) => {
      if (/[A-Za-z0-9]/.test(character)) return character;
      let out = "";
      for (let index = 0; index < character.length; index++) {
        const hex = character.charCodeAt(index).toString(16).padStart(4, "0");
        out += `\\u${upper ? hex.toUpperCase() : hex}`;
      }
      return out;
    })
    .join("");
}

/** The secret as it can appear in text: raw, inside a JSON string, URL-encoded. */
export function encodings(secret: string): [string, string][] {
  const jsonEscaped = JSON.stringify(secret).slice(1, -1);
  return [
    ["raw", secret],
    ["JSON-escaped", jsonEscaped],
    ["JSON-escaped with \\/", jsonEscaped.replace(/\//g, "\\/")],
    ["JSON \\u escapes, lower case", unicodeEscaped(secret, false)],
    ["JSON \\u escapes, upper case", unicodeEscaped(secret, true)],
    ["JSON-escaped twice (JSON in a JSON string)", JSON.stringify(jsonEscaped).slice(1, -1)],
    ["encodeURIComponent", encodeURIComponent(secret)],
    ["encodeURIComponent, lower-case hex", encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())],
    ["form encoding (+ for a space)", new URLSearchParams({ k: secret }).toString().slice(2)],
    ["encodeURI", encodeURI(secret)],
  ];
}
