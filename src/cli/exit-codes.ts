// What the CLI's exit status means, and the error for input it refuses before sending anything.

export const EXIT = {
  ok: 0,
  /** The API answered with an error (or an answer the client cannot use), or the user declined a mutation. */
  apiError: 1,
  /** Bad input: unknown command or option, missing argument, invalid JSON, a body the spec rejects, no key. Nothing was sent. */
  usage: 2,
  /** No complete answer: connection refused or reset, timeout, a redirect. */
  network: 3,
} as const;

/** Input the CLI refuses before sending; exit status 2. */
export class CliUsageError extends Error {
  override readonly name = "CliUsageError";
}
