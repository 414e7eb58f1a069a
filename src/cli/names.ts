// Command and flag names derived from operationIds: each dotted segment in kebab case.

/** `idList` → `id-list`, `addInChunks` → `add-in-chunks`. */
function kebabCase(segment: string): string {
  return segment.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

/** The words of an operation's command: `segments.idList.add` → ["segments", "id-list", "add"]. */
export function commandWords(operationId: string): string[] {
  return operationId.split(".").map(kebabCase);
}

/** The facade method name of an operation's chunked twin (`add` → `addInChunks`). */
export function inChunksName(verb: string): string {
  return `${verb}InChunks`;
}
