// One operation command, from parsed arguments to output: the query and body checked against
// the spec, a dry run or a confirmation, then the call and its result in the chosen format.
import type { Page, PagePromise } from "../core/pagination.js";
import type { CliOperation } from "./catalog.js";
import { confirm, needsConfirmation } from "./confirm.js";
import { createClient, type ConnectionOptions } from "./create-client.js";
import { recordingFetch } from "./dry-run.js";
import { CliUsageError, EXIT } from "./exit-codes.js";
import { invoke, type CallOptions } from "./invoke.js";
import type { CliIo } from "./io.js";
import { parseFields } from "./output/fields.js";
import { writeItems, writeValue, type OutputFormat, type OutputOptions } from "./output/writer.js";
import { createProgress, type Progress } from "./progress.js";
import { buildQuery } from "./query-values.js";
import { parseBody, readBodySource } from "./read-body.js";
import { validateBody } from "./validate-body.js";

export interface GlobalFlags extends ConnectionOptions {
  output: OutputFormat;
  fields?: string | undefined;
  dryRun: boolean;
  yes: boolean;
  /** Set by --progress / --no-progress; otherwise whether stderr is a terminal. */
  progress?: boolean | undefined;
}

export interface CommandInput {
  operation: CliOperation;
  pathValues: readonly string[];
  queryFlags: ReadonlyMap<string, readonly (string | true)[]>;
  queryPairs: readonly string[];
  data: string | undefined;
  all: boolean;
  maxPages: number | undefined;
  flags: GlobalFlags;
}

function exampleHint(operation: CliOperation): string {
  const example = operation.body?.example;
  return example === undefined ? "" : `, for example --data '${JSON.stringify(example)}'`;
}

async function readBody(input: CommandInput, io: CliIo): Promise<{ body: unknown; fromStdin: boolean }> {
  const { operation, data } = input;
  if (data === undefined) {
    if (operation.body?.required)
      throw new CliUsageError(`${operation.words.join(" ")} needs a request body: --data <json>, --data @file.json or --data -${exampleHint(operation)}`);
    return { body: undefined, fromStdin: false };
  }
  const source = await readBodySource(data, io);
  const body = parseBody(source);
  await validateBody(operation, body);
  return { body, fromStdin: source.fromStdin };
}

async function* itemsOfEveryPage(pages: AsyncIterable<Page<unknown>>, progress: Progress): AsyncGenerator<unknown> {
  let pageNumber = 0;
  let items = 0;
  for await (const page of pages) {
    pageNumber++;
    items += page.data.length;
    progress.pageFetched(pageNumber, items);
    yield* page.data;
  }
}

async function writeResult(input: CommandInput, result: unknown, output: OutputOptions, progress: Progress, io: CliIo): Promise<void> {
  if (input.operation.response !== "list") {
    await writeValue(await result, output, io);
    return;
  }
  const pages = result as PagePromise<unknown>;
  if (input.all) {
    await writeItems(itemsOfEveryPage(pages.pages(), progress), output, io);
    return;
  }
  const page = await pages;
  await writeValue(page.data, output, io);
  if (page.hasNextPage()) progress.note(`more items on page ${page.nextPageNumber() ?? "?"}: pass --all for every page, or --page`);
}

export async function executeOperation(input: CommandInput, io: CliIo): Promise<number> {
  const { operation, flags } = input;
  const query = buildQuery(operation, input.queryFlags, input.queryPairs);
  const fields = parseFields(flags.fields);
  const { body, fromStdin } = await readBody(input, io);
  const showProgress = flags.progress ?? io.stderrIsTTY;
  const progress = createProgress(io, showProgress);
  const output: OutputOptions = { format: flags.output, fields, pretty: io.stdoutIsTTY, columnsChars: io.columns };
  const callOptions: CallOptions = { maxPages: input.maxPages };
  if (operation.chunk) callOptions.onProgress = ({ done, total }) => progress.chunkSent(done, total);

  if (flags.dryRun) {
    let secrets: readonly string[] = [];
    const recorder = recordingFetch(() => secrets);
    const resolved = await createClient(flags, { fetch: recorder.fetch, maxRetries: 0, showProgress: false, dryRun: true, maxPages: input.maxPages }, io);
    secrets = resolved.secrets;
    try {
      const result = invoke(resolved.client, operation, input.pathValues, query, body, callOptions);
      await (operation.response === "list" ? (result as PagePromise<unknown>) : result);
    } catch (error) {
      if (!recorder.recorded) throw error;
    }
    await writeValue({ dryRun: true, ...recorder.recorded }, { ...output, format: "json", fields: undefined }, io);
    return EXIT.ok;
  }

  if (needsConfirmation(operation, io, flags) && !(await confirm({ operation, pathValues: input.pathValues, query, body }, io, fromStdin))) {
    io.stderr.write("Not sent.\n");
    return EXIT.apiError;
  }
  const { client } = await createClient(flags, { showProgress, dryRun: false, maxPages: input.maxPages }, io);
  const result = invoke(client, operation, input.pathValues, query, body, callOptions);
  await writeResult(input, result, output, progress, io);
  return EXIT.ok;
}
