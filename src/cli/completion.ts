// Shell completion for bash, zsh and fish: each script is a few lines that ask the CLI itself
// (`statsig-console __complete <words…>`) for candidates, so completion follows the command tree
// (and so the spec) with nothing generated per shell.
import type { Command, Option } from "commander";
import { CliUsageError } from "./exit-codes.js";
import { BIN_NAME } from "./help-text.js";

export const COMPLETE_COMMAND = "__complete";
export const SHELLS = ["bash", "zsh", "fish"] as const;
type Shell = (typeof SHELLS)[number];

const FUNCTION = "_statsig_console";

const SCRIPTS: Record<Shell, string> = {
  bash: `# bash completion for ${BIN_NAME}: eval "$(${BIN_NAME} completion bash)"
${FUNCTION}() {
  local IFS=$'\\n'
  COMPREPLY=($(${BIN_NAME} ${COMPLETE_COMMAND} "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F ${FUNCTION} ${BIN_NAME}
`,
  zsh: `#compdef ${BIN_NAME}
# zsh completion for ${BIN_NAME}: eval "$(${BIN_NAME} completion zsh)"
${FUNCTION}() {
  local -a candidates
  candidates=("\${(@f)$(${BIN_NAME} ${COMPLETE_COMMAND} "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  compadd -a candidates
}
compdef ${FUNCTION} ${BIN_NAME}
`,
  fish: `# fish completion for ${BIN_NAME}: ${BIN_NAME} completion fish | source
complete -c ${BIN_NAME} -f -a '(${BIN_NAME} ${COMPLETE_COMMAND} (commandline -opc)[2..-1] (commandline -ct))'
`,
};

export function completionScript(shell: string): string {
  if (!(SHELLS as readonly string[]).includes(shell)) throw new CliUsageError(`completion: unknown shell "${shell}"; choose one of ${SHELLS.join(", ")}`);
  return SCRIPTS[shell as Shell];
}

function visibleOptions(command: Command): Option[] {
  return command.options.filter((option) => !option.hidden);
}

function findOption(commands: readonly Command[], flag: string): Option | undefined {
  for (const command of commands) {
    const found = command.options.find((option) => option.long === flag || option.short === flag);
    if (found) return found;
  }
  return undefined;
}

/**
 * Candidates for the last of `words` (the word being typed, possibly ""), given the words before
 * it: subcommands, options of the command reached and the global ones, or an option's choices.
 */
export function completionCandidates(program: Command, words: readonly string[]): string[] {
  const partial = words.at(-1) ?? "";
  const before = words.slice(0, -1);
  let command = program;
  const chain: Command[] = [program];
  for (let index = 0; index < before.length; index++) {
    const word = before[index] ?? "";
    if (word.startsWith("-")) {
      const option = findOption(chain, word);
      if (option && (option.required || option.optional) && !word.includes("=")) index++;
      continue;
    }
    const sub = command.commands.find((candidate) => candidate.name() === word);
    if (sub) {
      command = sub;
      chain.unshift(sub);
    }
  }
  const previous = before.at(-1);
  const awaitingValue = previous?.startsWith("-") ? findOption(chain, previous) : undefined;
  let candidates: string[];
  if (awaitingValue?.required || awaitingValue?.optional) candidates = awaitingValue.argChoices ?? [];
  else if (partial.startsWith("-")) candidates = [...new Set(chain.flatMap((c) => visibleOptions(c).map((option) => option.long ?? option.short ?? "")))];
  else candidates = command.commands.map((sub) => sub.name());
  return candidates.filter((candidate) => candidate !== "" && candidate.startsWith(partial)).sort();
}
