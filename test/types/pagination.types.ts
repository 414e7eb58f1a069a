// Compile-only type tests for pagination and progress options (checked by `npm run typecheck`,
// never executed). Every line preceded by an expect-error directive must fail to compile.
import type { ChunkProgress, GatesListItem, ListProgress, Page, PagePromise, PaginationError, StatsigConsole } from "../../src/index.js";

export async function paginationTypeTests(sc: StatsigConsole, ids: string[]): Promise<void> {
  // A page of gates is a page of anything gates are (Page stays covariant in its item type).
  const named: Page<{ name: string }> = await sc.gates.list({ limit: 50 });
  void named.data[0]?.name;
  const promise: PagePromise<GatesListItem> = sc.gates.list();

  const all: GatesListItem[] = await promise.toArray({ concurrency: 4, maxItems: 1_000, onProgress: ({ done, total }: ListProgress) => void [done, total] });
  void all;
  for await (const page of promise.pages({ concurrency: 8 })) void page.data;
  const next: number | undefined = named.nextPageNumber();
  void next;
  if (named.hasNextPage()) await named.getNextPage({ signal: AbortSignal.timeout(1_000) });

  const total: number | undefined = ({} as ListProgress).total;
  void total;
  // @ts-expect-error concurrency is a number
  await promise.toArray({ concurrency: "4" });
  // @ts-expect-error onProgress receives a progress object
  await promise.toArray({ onProgress: (done: number) => void done });

  await sc.segments.idList.addInChunks("beta", { ids }, { onProgress: ({ done, total }: ChunkProgress) => void (done / total) });
  // @ts-expect-error progress is for the chunked variants only
  await sc.segments.idList.add("beta", { ids }, { onProgress: () => {} });

  const error = {} as PaginationError;
  void [error.status, error.method, error.path];
}
