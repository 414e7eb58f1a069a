// The client-side rate-limit groups the spec declares at its root (`x-rate-limit-groups`): each
// group's name, what it covers, and its sliding windows, which become the runtime's defaults.
import { isObject, type JsonObject } from "../../src/core/json.js";
import { UNLIMITED_GROUP } from "../../src/core/operation.js";
import { SpecError } from "./load-spec.js";

export interface RateLimitWindowModel {
  /** Most requests that may start in any span of `intervalMs`. */
  limit: number;
  intervalMs: number;
}

export interface RateLimitGroupModel {
  name: string;
  description: string;
  windows: RateLimitWindowModel[];
}

const GROUP_NAME = /^[a-z][A-Za-z0-9]*$/;

function positiveInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 1;
}

/** The groups of `x-rate-limit-groups`, in spec order; none when the extension is absent. */
export function readRateLimitGroups(doc: JsonObject): RateLimitGroupModel[] {
  const declared = doc["x-rate-limit-groups"];
  if (declared === undefined) return [];
  if (!isObject(declared)) throw new SpecError("x-rate-limit-groups must map group names to { description, windows }");
  return Object.entries(declared).map(([name, group]) => {
    const where = `x-rate-limit-groups.${name}`;
    if (!GROUP_NAME.test(name) || name === UNLIMITED_GROUP) {
      throw new SpecError(`${where}: a group name is a camelCase identifier other than "${UNLIMITED_GROUP}" (which means no limit)`);
    }
    if (!isObject(group) || typeof group.description !== "string" || group.description.trim() === "") {
      throw new SpecError(`${where}: needs a description of the requests it covers`);
    }
    if (!Array.isArray(group.windows) || group.windows.length === 0) throw new SpecError(`${where}: needs at least one window`);
    const windows = group.windows.map((window: unknown, index) => {
      if (!isObject(window) || !positiveInteger(window.limit) || !positiveInteger(window.intervalMs)) {
        throw new SpecError(`${where}.windows[${index}]: a window is { limit, intervalMs }, both positive integers`);
      }
      return { limit: window.limit, intervalMs: window.intervalMs };
    });
    return { name, description: group.description.trim(), windows };
  });
}

/** `10000` → `10 s`, `900000` → `15 min`: the largest whole unit. */
function duration(intervalMs: number): string {
  if (intervalMs % 3_600_000 === 0) return `${intervalMs / 3_600_000} h`;
  if (intervalMs % 60_000 === 0) return `${intervalMs / 60_000} min`;
  if (intervalMs % 1000 === 0) return `${intervalMs / 1000} s`;
  return `${intervalMs} ms`;
}

/** `100 per 10 s and 900 per 15 min`. */
export function describeWindows(windows: readonly RateLimitWindowModel[]): string {
  const parts = windows.map((window) => `${window.limit} per ${duration(window.intervalMs)}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)!}` : parts[0]!;
}
