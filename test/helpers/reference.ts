// Access to ../shared/reference (the published documents). A fresh clone has no ../shared:
// tests that need it skip with a visible notice.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, type Json, type JsonObject } from "./spec.js";

export const referenceDir = join(repoRoot, "..", "shared", "reference");
export const hasReference = existsSync(join(referenceDir, "endpoints.csv"));

export function referenceNotice(what: string): void {
  if (!hasReference) {
    console.warn(`[notice] ${what}: skipped, ${referenceDir} is not present (it only exists beside the project's own checkout and CI).`);
  }
}

export interface EndpointRow {
  operationId: string;
  method: string;
  path: string;
  group: string;
  area: string;
  documentedIn: string;
}

function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      cells.push(cell);
      cell = "";
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

export function readEndpoints(): EndpointRow[] {
  const text = readFileSync(join(referenceDir, "endpoints.csv"), "utf8");
  // Quoted cells may contain newlines: join physical lines until quotes balance.
  const records: string[] = [];
  let pending = "";
  for (const line of text.split(/\r?\n/)) {
    pending = pending ? `${pending}\n${line}` : line;
    if ((pending.match(/"/g)?.length ?? 0) % 2 === 0) {
      if (pending.trim()) records.push(pending);
      pending = "";
    }
  }
  const [header, ...rows] = records.map(parseCsvLine);
  const column = (name: string): number => header!.indexOf(name);
  return rows.map((cells) => ({
    operationId: cells[column("operationId")]!,
    method: cells[column("method")]!,
    path: cells[column("path")]!,
    group: cells[column("group")]!,
    area: cells[column("area")]!,
    documentedIn: cells[column("documented_in")]!,
  }));
}

const documents = new Map<string, JsonObject>();
export function referenceDocument(name: "2025-10" | "2025-03" | "2024-08" | "additions-2026-03"): JsonObject {
  let doc = documents.get(name);
  if (!doc) {
    const file = name === "additions-2026-03" ? "additions-2026-03.json" : `console-api.openapi.${name}.json`;
    doc = JSON.parse(readFileSync(join(referenceDir, file), "utf8")) as JsonObject;
    documents.set(name, doc);
  }
  return doc;
}

/** The reference's operation object for a method and path, from the newest document that has it. */
export function referenceOperation(method: string, path: string): { doc: JsonObject; operation: JsonObject } | undefined {
  for (const name of ["2025-10", "additions-2026-03", "2025-03"] as const) {
    const doc = referenceDocument(name);
    const item = (doc.paths as JsonObject | undefined)?.[path] as JsonObject | undefined;
    const operation = item?.[method.toLowerCase()] as JsonObject | undefined;
    if (operation) return { doc, operation };
  }
  return undefined;
}

export type { Json, JsonObject };
