// Progress lines on stderr (pages fetched, chunks sent): shown on a terminal, silent when stderr
// is piped, unless --progress or --no-progress says otherwise.
import type { CliIo } from "./io.js";

export interface Progress {
  readonly enabled: boolean;
  pageFetched(pageNumber: number, itemsSoFar: number): void;
  chunkSent(done: number, total: number): void;
  note(message: string): void;
}

export function createProgress(io: CliIo, enabled: boolean): Progress {
  const line = (message: string) => {
    if (enabled) io.stderr.write(`${message}\n`);
  };
  return {
    enabled,
    pageFetched: (pageNumber, itemsSoFar) => line(`page ${pageNumber} fetched (${itemsSoFar} items so far)`),
    chunkSent: (done, total) => line(`chunk ${done}/${total} sent`),
    note: line,
  };
}
