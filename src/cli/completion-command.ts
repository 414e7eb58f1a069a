// `statsig-console completion <shell>`: prints the completion script for bash, zsh or fish.
import { Argument, type Command } from "commander";
import type { CommandAction, ExtraCommand } from "./build-program.js";
import { completionScript, SHELLS } from "./completion.js";
import { EXIT } from "./exit-codes.js";
import { BIN_NAME } from "./help-text.js";

export const completionCommand: ExtraCommand = {
  add(program: Command, run: (action: CommandAction) => void) {
    program
      .command("completion")
      .summary("print a shell completion script")
      .description(`Prints a completion script. bash: eval "$(${BIN_NAME} completion bash)"; zsh: eval "$(${BIN_NAME} completion zsh)"; fish: ${BIN_NAME} completion fish | source`)
      .addArgument(new Argument("<shell>", "the shell").choices(SHELLS))
      .action((shell: string) => {
        run(async (_program, io) => {
          io.stdout.write(completionScript(shell));
          return EXIT.ok;
        });
      });
  },
};
