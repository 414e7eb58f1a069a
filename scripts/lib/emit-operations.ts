// generated/operations.ts (the runtime table the facade and the transport read) and
// generated/operations.json (the manifest other tools consume).
import { GENERATED_HEADER, GENERATED_JSON_NOTE } from "./naming.js";
import type { OperationModel } from "./operation-model.js";

export function emitOperationsTable(models: OperationModel[]): string {
  const lines = [
    GENERATED_HEADER,
    `import type { OperationDescriptor } from "../src/core/operation.js";`,
    "",
    "/** Every operationId of the spec. */",
    `export type OperationId =\n${models.map((m) => `  | ${JSON.stringify(m.operationId)}`).join("\n")};`,
    "",
    "/** What the runtime needs to know about each operation, from the spec. */",
    "export const operations: Readonly<Record<OperationId, OperationDescriptor>> = {",
  ];
  for (const m of models) {
    const descriptor = {
      id: m.operationId,
      method: m.method,
      path: m.path,
      pathParams: m.pathParams.map((p) => p.name),
      hasBody: m.body !== null,
      response: m.success.kind,
      paginated: m.pagination === "page",
      idempotent: m.idempotent,
      rateLimitGroup: m.rateLimitGroup,
    };
    lines.push(`  ${JSON.stringify(m.operationId)}: ${JSON.stringify(descriptor)},`);
  }
  lines.push("};", "");
  return lines.join("\n");
}

export function emitManifest(models: OperationModel[], apiVersion: string): string {
  const manifest = {
    $comment: GENERATED_JSON_NOTE,
    apiVersion,
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
    })),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
