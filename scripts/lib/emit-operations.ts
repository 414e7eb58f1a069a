// generated/operations.ts (the runtime table the facade and the transport read, and the
// rate-limit groups with their default windows) and generated/operations.json (the manifest other
// tools consume).
import { UNLIMITED_GROUP } from "../../src/core/operation.js";
import { GENERATED_HEADER, GENERATED_JSON_NOTE } from "./naming.js";
import type { OperationModel } from "./operation-model.js";
import { describeWindows, type RateLimitGroupModel } from "./rate-limit-groups.js";

function jsDoc(text: string, indent = ""): string {
  return `${indent}/** ${text.replace(/\*\//g, "*\\/").replace(/\s*\n\s*/g, " ")} */`;
}

/** `RateLimitGroup`, `DEFAULT_RATE_LIMITS` and the `rateLimit` option's type, from `x-rate-limit-groups`. */
function rateLimitDeclarations(groups: readonly RateLimitGroupModel[]): string[] {
  const names = [...groups.map((g) => JSON.stringify(g.name)), JSON.stringify(UNLIMITED_GROUP)];
  return [
    `/** The client-side rate-limit groups of the spec (\`x-rate-limit-groups\`), and \`${UNLIMITED_GROUP}\` for requests no window applies to. */`,
    `export type RateLimitGroup = ${names.join(" | ")};`,
    "",
    "// biome-ignore format: a data table, one group per line",
    "/** Each group's sliding windows, from the spec: the defaults of the `rateLimit` option. */",
    `export const DEFAULT_RATE_LIMITS: Record<Exclude<RateLimitGroup, ${JSON.stringify(UNLIMITED_GROUP)}>, Window[]> = {`,
    ...groups.map((g) => `  ${g.name}: ${JSON.stringify(g.windows)},`),
    "};",
    "",
    "/** The `rateLimit` option: sliding windows per group; a group given here replaces its defaults. */",
    "export type RateLimitOptions = {",
    ...groups.flatMap((g) => [jsDoc(`${g.description} Default: ${describeWindows(g.windows)}.`, "  "), `  ${g.name}?: Window[] | undefined;`]),
    "};",
  ];
}

export function emitOperationsTable(models: OperationModel[], groups: readonly RateLimitGroupModel[]): string {
  const lines = [
    GENERATED_HEADER,
    `import type { OperationDescriptor } from "../src/core/operation.js";`,
    `import type { Window } from "../src/core/transport/rate-limiter.js";`,
    "",
    "/** Every operationId of the spec. */",
    `export type OperationId =\n${models.map((m) => `  | ${JSON.stringify(m.operationId)}`).join("\n")};`,
    "",
    ...rateLimitDeclarations(groups),
    "",
    "// biome-ignore format: a data table, one operation per line (Biome would spread each over ten)",
    "/** What the runtime needs to know about each operation, from the spec. */",
    "export const operations: Readonly<Record<OperationId, OperationDescriptor>> = {",
  ];
  for (const m of models) {
    const descriptor = {
      id: m.operationId,
      method: m.method,
      path: m.path,
      pathParams: m.pathParams.map((p) => p.name),
      response: m.success.kind,
      idempotent: m.idempotent,
      rateLimitGroup: m.rateLimitGroup,
      ...(m.bareData ? { bareData: true } : {}),
      ...(m.carriesSecrets ? { carriesSecrets: true, secretPathParams: m.pathParams.filter((p) => p.secret).map((p) => p.name) } : {}),
    };
    lines.push(`  ${JSON.stringify(m.operationId)}: ${JSON.stringify(descriptor)},`);
  }
  lines.push("};", "");
  return lines.join("\n");
}

export function emitManifest(models: OperationModel[], groups: readonly RateLimitGroupModel[], apiVersion: string): string {
  const manifest = {
    $comment: GENERATED_JSON_NOTE,
    apiVersion,
    rateLimitGroups: Object.fromEntries(groups.map((g) => [g.name, { description: g.description, windows: g.windows }])),
    operations: models.map((m) => ({
      operationId: m.operationId,
      method: m.method,
      path: m.path,
      summary: m.summary ?? null,
      tags: m.tags,
      deprecated: m.deprecated,
      pathParams: m.pathParams.map((p) => p.name),
      queryParams: m.queryParams.map((p) => ({ name: p.name, required: p.required, array: p.array })),
      body: m.body ? { required: m.body.required, contentType: m.body.contentType } : null,
      response: { status: Number(m.success.status), contentType: m.success.contentType, kind: m.success.kind },
      errorStatuses: m.errorStatuses,
      pagination: m.pagination,
      idempotent: m.idempotent,
      rateLimitGroup: m.rateLimitGroup,
      chunk: m.chunk,
      secretPathParams: m.pathParams.filter((p) => p.secret).map((p) => p.name),
      carriesSecrets: m.carriesSecrets,
    })),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
