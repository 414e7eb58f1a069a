// `--dry-run`: the request the client would send (method, URL, headers with credentials masked,
// body), recorded from the client's own fetch, so what is printed is what would go out. Nothing
// leaves the process.
import { SECRET_HEADER_NAMES } from "../core/secrets.js";
import type { FetchFunction } from "../core/transport/send.js";

const MASK = "[hidden]";

interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Thrown by the recording fetch: the request stops there. */
class DryRunStop extends Error {
  override readonly name = "DryRunStop";
}

export interface Recorder {
  fetch: FetchFunction;
  readonly recorded: RecordedRequest | undefined;
}

function parseBody(text: string, contentType: string | null): unknown {
  if (text === "") return undefined;
  if (contentType?.includes("json")) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

export function recordingFetch(secrets: () => readonly string[]): Recorder {
  let recorded: RecordedRequest | undefined;
  const fetch: FetchFunction = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const hidden = secrets();
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = SECRET_HEADER_NAMES.has(name) || hidden.includes(value) ? MASK : value;
    });
    recorded = { method: request.method, url: request.url, headers, body: parseBody(await request.text(), request.headers.get("content-type")) };
    throw new DryRunStop("dry run: not sent");
  };
  return {
    fetch,
    get recorded() {
      return recorded;
    },
  };
}
