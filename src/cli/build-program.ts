// The command tree: one command per operation (and per chunked twin), grouped by the words of
// its operationId, with help from the spec; plus `completion` and `simulate`.
import { Command, Option } from "commander";
import { operationCatalog, type CliOperation } from "./catalog.js";
import { executeOperation, type GlobalFlags } from "./execute-operation.js";
import { CliUsageError } from "./exit-codes.js";
import { globalFlagNames, globalOptions } from "./global-options.js";
import { BIN_NAME, operationHelpAfter, parameterLabel } from "./help-text.js";
import type { CliIo } from "./io.js";
import { API_KEY_FLAG_REFUSED } from "./key-source.js";

/** Runs once the line is parsed; returns the exit status. */
export type CommandAction = (program: Command, io: CliIo) => Promise<number>;

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function checkedMaxPages(value: string): number {
  const pages = Number(value);
  if (!Number.isInteger(pages) || pages < 1) throw new CliUsageError(`--max-pages: expected an integer ≥ 1, got "${value}"`);
  return pages;
}

export function globalFlags(program: Command): GlobalFlags {
  const options = program.opts();
  if (options.apiKey !== undefined) throw new CliUsageError(API_KEY_FLAG_REFUSED);
  return {
    output: options.output,
    fields: options.fields,
    dryRun: options.dryRun === true,
    yes: options.yes === true,
    progress: options.progress,
    respectReviewSettings: options.respectReviewSettings === true,
    baseUrl: options.baseUrl,
    apiKeyFile: options.apiKeyFile,
    simulator: options.simulator === true,
  };
}

function addOperation(group: Command, operation: CliOperation, reserved: ReadonlySet<string>, run: (action: CommandAction) => void): void {
  const verb = operation.words.at(-1) ?? "";
  const summary = `${operation.deprecated ? "[deprecated] " : ""}${operation.summary}`;
  const command = group
    .command(verb)
    .summary(summary)
    .description(operation.description ? `${summary}\n\n${operation.description}` : summary);
  for (const parameter of operation.pathParams) command.argument(`<${parameter.name}>`, parameterLabel(parameter));
  // The attribute commander stores each query flag under, back to the parameter's name.
  const queryFlags = new Map<string, string>();
  for (const parameter of operation.queryParams) {
    const flag = `--${parameter.name}`;
    if (reserved.has(flag)) continue;
    const option = new Option(parameter.type === "boolean" ? `${flag} [value]` : `${flag} <value>`, parameterLabel(parameter)).argParser(collect);
    if (parameter.type === "boolean") option.preset("true");
    command.addOption(option);
    queryFlags.set(option.attributeName(), parameter.name);
  }
  if (operation.queryParams.length > 0) command.addOption(new Option("--query <name=value>", "a query parameter by its name in the spec (repeatable)").argParser(collect));
  if (operation.body) command.addOption(new Option("--data <json>", `the request body: JSON, @file.json, or - for standard input${operation.body.required ? " (required)" : ""}`));
  if (operation.response === "list") {
    command.addOption(new Option("--all", "every page's items, streamed as pages arrive"));
    command.addOption(new Option("--max-pages <n>", "stop with an error after this many pages (default 1000)").argParser(checkedMaxPages));
  }
  command.addHelpText("after", operationHelpAfter(operation));
  command.action((...args: unknown[]) => {
    const self = args.at(-1) as Command;
    run(async (program, io) => {
      const options = self.opts();
      const fromFlags = new Map<string, (string | true)[]>();
      for (const [attribute, name] of queryFlags) if (options[attribute] !== undefined) fromFlags.set(name, options[attribute]);
      return executeOperation(
        {
          operation,
          pathValues: self.processedArgs.slice(0, operation.pathParams.length) as string[],
          queryFlags: fromFlags,
          queryPairs: options.query ?? [],
          data: options.data,
          all: options.all === true,
          maxPages: options.maxPages,
          flags: globalFlags(program),
        },
        io,
      );
    });
  });
}

const ROOT_HELP_AFTER = `
Examples:
  $ ${BIN_NAME} gates get checkout_v2
  $ ${BIN_NAME} gates list --all --output ndjson --fields id,name
  $ ${BIN_NAME} gates rules patch checkout_v2 r1 --data '{"passPercentage":50}'
  $ ${BIN_NAME} segments id-list add-in-chunks beta --data @ids.json --yes
  $ ${BIN_NAME} --simulator gates create --data '{"name":"try_me"}'

Environment:
  STATSIG_CONSOLE_API_KEY    the Console API key (or --api-key-file; never a flag)
  STATSIG_CONSOLE_BASE_URL   the API's base URL (or --base-url)
  STATSIG_CONSOLE_SIMULATOR  1: without a key, use the embedded simulator
  STATSIG_CONSOLE_LOG        off, error, warn, info or debug: the client's log lines on stderr

Exit status: 0 done; 1 the API answered with an error (or a mutation was declined);
2 bad input, nothing sent; 3 no complete answer (connection, timeout, redirect).`;

function groupSummary(children: readonly string[]): string {
  const shown = children.slice(0, 6).join(", ");
  return `${shown}${children.length > 6 ? ", …" : ""} (${children.length} command${children.length === 1 ? "" : "s"})`;
}

/** Commands beyond the operations (completion, simulate), added by the caller. */
export interface ExtraCommand {
  add(program: Command, run: (action: CommandAction) => void): void;
}

/**
 * The program for one command line. Only the groups named on the line get their commands (the
 * others just their summary, for the root's help): a line reaches one group, and building all
 * 280 commands would cost every invocation tens of milliseconds.
 */
export function buildProgram(io: CliIo, extras: readonly ExtraCommand[], run: (action: CommandAction) => void, argv: readonly string[]): Command {
  const program = new Command(BIN_NAME);
  program
    .description("The Statsig Console API from a terminal: every operation of the spec, one command each.")
    .usage("<group> [<sub>…] <verb> [path params…] [options]")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      getOutHelpWidth: () => io.columns,
      getErrHelpWidth: () => io.columns,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .configureHelp({ showGlobalOptions: true, sortSubcommands: true })
    .showSuggestionAfterError(true)
    .helpCommand(false);
  for (const option of globalOptions()) program.addOption(option);
  program.addHelpText("after", ROOT_HELP_AFTER);
  const reserved = globalFlagNames();
  const groups = new Map<string, Command>([["", program]]);
  const childrenOf = new Map<string, string[]>();
  const groupFor = (words: readonly string[]): Command => {
    const key = words.join(" ");
    const existing = groups.get(key);
    if (existing) return existing;
    const parent = groupFor(words.slice(0, -1));
    const group = parent.command(words.at(-1) ?? "").helpCommand(false);
    groups.set(key, group);
    return group;
  };
  const named = new Set(argv);
  for (const operation of operationCatalog()) {
    const parentWords = operation.words.slice(0, -1);
    if (named.has(operation.words[0] ?? "")) addOperation(groupFor(parentWords), operation, reserved, run);
    else groupFor(operation.words.slice(0, 1));
    for (let depth = 0; depth < operation.words.length; depth++) {
      const key = operation.words.slice(0, depth).join(" ");
      const child = operation.words[depth] ?? "";
      const list = childrenOf.get(key) ?? [];
      if (!list.includes(child)) list.push(child);
      childrenOf.set(key, list);
    }
  }
  for (const [key, group] of groups) if (key !== "") group.summary(groupSummary((childrenOf.get(key) ?? []).slice().sort())).usage("<command> [options]");
  for (const extra of extras) extra.add(program, run);
  return program;
}
