// generated/operations.ts: each operation's runtime descriptor as its own const, which the facade
// references, so that a bundle keeps only the descriptors of the operations it calls; the table of
// them all, which `sc.raw` and the simulator read; the rate-limit groups with their default
// windows. (The manifest other tools read, operations.json, is emit-manifest.ts.)
import { UNLIMITED_GROUP } from "../../src/core/operation.js";
import { descriptorName, GENERATED_HEADER } from "./naming.js";
import type { OperationModel } from "./operation-model.js";
import { pathOverlaps } from "./path-overlaps.js";
import { describeWindows, type RateLimitGroupModel } from "./rate-limit-groups.js";

function jsDoc(text: string, indent: string): string {
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
  const overlaps = pathOverlaps(models);
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
    "// What the runtime needs to know about each operation, from the spec: one const per operation, so",
    "// that a bundler keeps only the descriptors of the operations a program calls.",
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
      ...(overlaps.has(m.operationId) ? { overlaps: overlaps.get(m.operationId) } : {}),
    };
    lines.push(
      "// biome-ignore format: one operation per line (Biome would spread each over ten)",
      `export const ${descriptorName(m.operationId)}: OperationDescriptor = ${JSON.stringify(descriptor)};`,
    );
  }
  lines.push(
    "",
    "/** Every operation's descriptor by operationId (`sc.raw` finds a request's operation here; a facade call carries its own). */",
    "export const operations: Readonly<Record<OperationId, OperationDescriptor>> = {",
    ...models.map((m) => `  ${JSON.stringify(m.operationId)}: ${descriptorName(m.operationId)},`),
    "};",
    "",
  );
  return lines.join("\n");
}
