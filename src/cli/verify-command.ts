// `statsig-console verify`: the live drift check (src/verify) from a terminal. Read-only: it runs
// the GET operations against the user's project with their key and reports where the responses
// differ from the spec. Markdown for people, `--report json` for tools (and for sending to us).
import { InvalidArgumentError, Option, type Command } from "commander";
import { renderVerifyReportMarkdown, verifyAgainstLive } from "../verify/index.js";
import { globalFlags, type CommandAction, type ExtraCommand } from "./build-program.js";
import { createClient } from "./create-client.js";
import { EXIT } from "./exit-codes.js";
import { createProgress } from "./progress.js";

const REPORT_FORMATS = ["markdown", "json"] as const;

function pageSize(value: string): number {
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > 100) throw new InvalidArgumentError(`expected an integer from 1 to 100, got ${JSON.stringify(value)}`);
  return size;
}

export const verifyCommand: ExtraCommand = {
  add(program: Command, run: (action: CommandAction) => void) {
    program
      .command("verify")
      .summary("check the live API's responses against the spec (read-only)")
      .description(
        "Runs every read-only operation (lists, then the first item's get and sub-resources) against your project and reports each response that differs from the spec: missing required fields, unexpected types, unknown enum values, undeclared fields, with redacted samples. Never sends a mutation. Exit 0 when everything matches, 1 when anything differs or fails.",
      )
      .addOption(new Option("--report <format>", "markdown (for people) or json (for tools)").choices(REPORT_FORMATS).default("markdown"))
      .addOption(new Option("--only <operationIds...>", "check only these operations (e.g. gates.list gates.get)"))
      .addOption(new Option("--page-size <n>", "items asked of each list's first page").argParser(pageSize))
      .action((options: { report: (typeof REPORT_FORMATS)[number]; only?: string[]; pageSize?: number }) => {
        run(async (root, io) => {
          const flags = globalFlags(root);
          const showProgress = flags.progress ?? io.stderrIsTTY;
          const progress = createProgress(io, showProgress);
          const { client } = await createClient(flags, { showProgress, dryRun: false }, io);
          const report = await verifyAgainstLive(client, {
            operations: options.only,
            pageSize: options.pageSize,
            onProgress: ({ done, total, operationId, outcome }) => progress.note(`${done}/${total} ${operationId}: ${outcome}`),
          });
          io.stdout.write(options.report === "json" ? `${JSON.stringify(report, null, 2)}\n` : renderVerifyReportMarkdown(report));
          return report.summary.withMismatches > 0 || report.summary.failed > 0 ? EXIT.apiError : EXIT.ok;
        });
      });
  },
};
