// Which operation tools a server exposes: reads only unless writes are allowed, optionally only
// some tools (by tool name or operationId) or some tags. Names that match nothing are refused, so
// a typo in an agent's configuration does not silently expose nothing (or everything).
import { InvalidRequestError } from "../core/errors.js";
import { type OperationTool, toolNameOf } from "./operation-tools.js";

export interface ToolSelection {
  /** Expose operations that change data (every method but GET). Default false. */
  allowWrites?: boolean | undefined;
  /** Only these tools, by tool name (`gates_get`) or operationId (`gates.get`). */
  tools?: readonly string[] | undefined;
  /** Only operations carrying one of these spec tags (case-insensitive, e.g. `Gates`). */
  tags?: readonly string[] | undefined;
}

function checkNames(option: string, names: readonly string[] | undefined): void {
  if (names === undefined) return;
  if (!Array.isArray(names) || names.some((name) => typeof name !== "string" || name.trim() === "")) throw new InvalidRequestError(`${option} must be a list of non-empty names`);
}

export function selectTools(all: readonly OperationTool[], selection: ToolSelection): OperationTool[] {
  checkNames("tools", selection.tools);
  checkNames("tags", selection.tags);
  const allowWrites = selection.allowWrites === true;
  let selected = all.filter((tool) => allowWrites || tool.readOnly);
  if (selection.tags !== undefined) {
    const known = new Set(all.flatMap((tool) => tool.tags.map((tag) => tag.toLowerCase())));
    const wanted = new Set(selection.tags.map((tag) => tag.trim().toLowerCase()));
    const unknown = [...wanted].filter((tag) => !known.has(tag));
    if (unknown.length > 0) throw new InvalidRequestError(`unknown tag(s): ${unknown.join(", ")}; known: ${[...new Set(all.flatMap((tool) => tool.tags))].sort().join(", ")}`);
    selected = selected.filter((tool) => tool.tags.some((tag) => wanted.has(tag.toLowerCase())));
  }
  if (selection.tools !== undefined) {
    const byName = new Map(all.map((tool) => [tool.name, tool]));
    const wanted = selection.tools.map((name) => toolNameOf(name.trim()));
    const unknown = wanted.filter((name) => !byName.has(name));
    if (unknown.length > 0) throw new InvalidRequestError(`unknown tool(s): ${unknown.join(", ")} (names are operationIds, with . or _)`);
    const writes = wanted.filter((name) => !allowWrites && byName.get(name)?.readOnly === false);
    if (writes.length > 0) throw new InvalidRequestError(`tool(s) ${writes.join(", ")} change data: allow writes (--allow-writes) to expose them`);
    const set = new Set(wanted);
    selected = selected.filter((tool) => set.has(tool.name));
  }
  return selected;
}
