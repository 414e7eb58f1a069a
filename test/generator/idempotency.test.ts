// Which operations the runtime may repeat is data the generator derives from the spec: GET, PUT,
// DELETE (and HEAD) are idempotent and POST, PATCH are not, unless `x-idempotent` says otherwise
// (spec/README.md). A generator that got this wrong would silently stop retrying every PUT state
// change (archive, enable, start…) or start retrying creates, so the rule is checked three ways:
// on a fixture spec run through the generator, on the repository's generated files, and through
// the client.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { operations } from "../../generated/operations.js";
import { generate } from "../../scripts/generate.js";
import { StatsigConsole } from "../../src/index.js";
import { json, scriptedFetch } from "../helpers/core.js";
import { manifest, operationObject, repoRoot } from "../helpers/spec.js";

const GENERATE_TIMEOUT_MS = 60_000;
const fixture = join(repoRoot, "test", "fixtures", "mini-spec");
const scratch = mkdtempSync(join(tmpdir(), "idempotency-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The spec rule, as spec/README.md states it. */
function expectedIdempotent(method: string, extension: unknown): boolean {
  if (typeof extension === "boolean") return extension;
  return ["GET", "PUT", "DELETE", "HEAD"].includes(method.toUpperCase());
}

interface ManifestEntry {
  operationId: string;
  method: string;
  idempotent: boolean;
}

async function generatedIdempotency(specDir: string): Promise<{ manifest: Record<string, boolean>; table: string }> {
  const files = await generate(specDir);
  const entries = (JSON.parse(files.get("operations.json")!) as { operations: ManifestEntry[] }).operations;
  return { manifest: Object.fromEntries(entries.map((entry) => [entry.operationId, entry.idempotent])), table: files.get("operations.ts")! };
}

/** The runtime table's `idempotent` for one operation, read from the emitted source. */
function tableIdempotent(table: string, operationId: string): boolean {
  const line = table.split("\n").find((text) => text.includes(`OperationDescriptor = {"id":"${operationId}"`));
  if (!line) throw new Error(`no ${operationId} in operations.ts`);
  const match = /"idempotent":(true|false)/.exec(line);
  if (!match) throw new Error(`${operationId} has no idempotent field in operations.ts`);
  return match[1] === "true";
}

describe("the generator's idempotency rule, on the fixture spec", () => {
  it(
    "defaults by method and honours x-idempotent both ways, in the manifest and the runtime table",
    async () => {
      // One variant marks the PUT `x-idempotent: false` and the create `x-idempotent: true`.
      const variant = join(scratch, "flipped");
      cpSync(fixture, variant, { recursive: true });
      const file = join(variant, "paths", "widgets.yaml");
      const text = readFileSync(file, "utf8");
      const flipped = text
        .replace("      operationId: widgets.parts.archive\n", "      operationId: widgets.parts.archive\n      x-idempotent: false\n")
        .replace("      operationId: widgets.create\n", "      operationId: widgets.create\n      x-idempotent: true\n");
      expect(flipped.match(/x-idempotent/g)).toHaveLength(2);
      writeFileSync(file, flipped);

      const [plain, changed] = await Promise.all([generatedIdempotency(fixture), generatedIdempotency(variant)]);
      const byDefault = { "widgets.list": true, "widgets.get": true, "widgets.delete": true, "widgets.parts.archive": true, "widgets.create": false };
      expect(plain.manifest).toMatchObject(byDefault);
      expect(changed.manifest).toMatchObject({ ...byDefault, "widgets.parts.archive": false, "widgets.create": true });
      for (const [id, idempotent] of Object.entries(plain.manifest)) expect(tableIdempotent(plain.table, id), id).toBe(idempotent);
      for (const [id, idempotent] of Object.entries(changed.manifest)) expect(tableIdempotent(changed.table, id), id).toBe(idempotent);
    },
    GENERATE_TIMEOUT_MS,
  );
});

describe("the generated files of this repository", () => {
  it("mark every operation as the spec rule says: every PUT state change idempotent, creates not", () => {
    for (const op of manifest.operations) {
      expect(op.idempotent, op.operationId).toBe(expectedIdempotent(op.method, operationObject(op)["x-idempotent"]));
    }
    const puts = manifest.operations.filter((op) => op.method === "PUT");
    expect(puts.length).toBeGreaterThanOrEqual(20);
    for (const id of ["gates.archive", "gates.enable", "gates.disable", "gates.launch", "experiments.start", "experiments.makeDecision"]) {
      expect(
        manifest.operations.find((op) => op.operationId === id),
        id,
      ).toMatchObject({ method: "PUT", idempotent: true });
    }
    expect(manifest.operations.find((op) => op.operationId === "gates.create")).toMatchObject({ method: "POST", idempotent: false });
    // Full updates are POSTs the spec marks idempotent.
    expect(manifest.operations.find((op) => op.operationId === "gates.update")).toMatchObject({ method: "POST", idempotent: true });
  });

  it("the runtime table agrees with the manifest on every operation", () => {
    const table = operations as Record<string, { idempotent: boolean }>;
    expect(Object.keys(table).sort()).toEqual(manifest.operations.map((op) => op.operationId).sort());
    for (const op of manifest.operations) expect(table[op.operationId]!.idempotent, op.operationId).toBe(op.idempotent);
  });
});

describe("the client", () => {
  const busy = () => json({ status: 503, message: "busy" }, 503, { "retry-after": "0" });
  const ok = () => json({ message: "ok", data: { id: "g1", name: "g1" } });
  const client = (fetch: ReturnType<typeof scriptedFetch>["fetch"]) => new StatsigConsole({ apiKey: "console-idempotency-test", fetch, rateLimit: false });

  it.each([
    ["a PUT state change (gates.archive)", (sc: StatsigConsole) => sc.gates.archive("g1")],
    ["a PUT state change (experiments.start)", (sc: StatsigConsole) => sc.experiments.start("e1")],
    ["a full update the spec marks idempotent (gates.update)", (sc: StatsigConsole) => sc.gates.update("g1", { isEnabled: true, description: "d", rules: [] })],
  ])("retries %s after a 503", async (_label, call) => {
    const { fetch, calls } = scriptedFetch(busy, ok);
    await call(client(fetch));
    expect(calls).toHaveLength(2);
  });

  it("does not retry a create after a 503: it may already have been applied", async () => {
    const { fetch, calls } = scriptedFetch(busy, ok);
    await expect(client(fetch).gates.create({ name: "g1" })).rejects.toMatchObject({ status: 503 });
    expect(calls).toHaveLength(1);
  });
});
