// Keys: secrets returned by create/rotate stay out of logs; the spec marks every secret.
import { describe, expect, it } from "vitest";
import type { Logger } from "../../src/index.js";
import type { KeysPatchResponse } from "../../generated/types.js";
import { useMockApi } from "../helpers/mock-api.js";
import { operationById, componentSchema } from "../helpers/spec.js";

const api = useMockApi();

const NEW_SECRET = "secret-9f8e7d6c5b4a39281706fedcbaNEW";

function key(value: string) {
  return { key: value, type: "SERVER", description: "Checkout service", scopes: [], status: "active" };
}

function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = (message: string, fields?: Record<string, unknown>) => lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  return { logger: { error: sink, warn: sink, info: sink, debug: sink }, lines };
}

describe("keys in the spec", () => {
  it("marks the key value and the key path parameter as secrets", () => {
    const schema = componentSchema("Key");
    expect((schema.properties as Record<string, Record<string, unknown>>).key!["x-secret"]).toBe(true);
    for (const id of ["keys.get", "keys.patch", "keys.delete", "keys.deactivate", "keys.rotate"]) {
      const params = operationById(id).parameters as { in: string; name: string; "x-secret"?: boolean }[];
      expect(params.find((p) => p.in === "path" && p.name === "id")?.["x-secret"], id).toBe(true);
    }
  });

  it("documents on create and rotate that the secret is never logged nor put in errors", () => {
    for (const id of ["keys.create", "keys.rotate"]) {
      const description = String(operationById(id).description);
      expect(description, id).toMatch(/never logs it/);
      expect(description, id).toMatch(/error message/);
    }
  });
});

describe("keys facade", () => {
  // Bodies are never logged: the runtime cannot scrub a secret it has not seen before, so this is
  // what keeps a new key out of logs. Every answer here carries the secret, a retried 429 included.
  it("returns the new secret from create; debug lines carry no response body, so never the secret", async () => {
    const { logger, lines } = capturingLogger();
    let answers = 0;
    api.respond(() =>
      ++answers === 1
        ? Response.json({ status: 429, message: `slow down, ${NEW_SECRET}` }, { status: 429, headers: { "retry-after": "0" } })
        : Response.json({ message: "Key created successfully.", data: key(NEW_SECRET) }, { status: 201 }),
    );
    const sc = api.client({ logger, logLevel: "debug", maxRetries: 1 });
    const created = await sc.keys.create({ type: "SERVER", description: "Checkout service", environments: ["production"] });
    expect(created.key).toBe(NEW_SECRET);
    expect(api.requests).toHaveLength(2);
    expect(JSON.parse(api.requests[0]!.bodyText)).toEqual({ type: "SERVER", description: "Checkout service", environments: ["production"] });
    const attempts = lines.filter((line) => line.startsWith("POST /console/v1/keys -> "));
    expect(attempts.map((line) => line.split(" {")[0])).toEqual(["POST /console/v1/keys -> 429", "POST /console/v1/keys -> 201"]);
    for (const line of attempts) {
      expect(Object.keys(JSON.parse(line.slice(line.indexOf(" {") + 1)) as object).sort()).toEqual(["attempt", "durationMs", "headers", "method", "path", "status"]);
    }
    expect(lines.join("\n")).not.toContain(NEW_SECRET);
  });

  it("returns the rotated secret; the debug line shows the path with the old key redacted, never either key", async () => {
    const existing = "secret-0000exampleServerKey0000";
    const { logger, lines } = capturingLogger();
    api.respondJson({ message: "Key rotated successfully.", data: key(NEW_SECRET) });
    const sc = api.client({ logger, logLevel: "debug" });
    const rotated = await sc.keys.rotate(existing);
    expect(rotated.key).toBe(NEW_SECRET);
    expect(api.requests[0]!.method).toBe("PATCH");
    expect(api.requests[0]!.url.pathname).toBe(`/console/v1/keys/${existing}/rotate`);
    expect(lines.some((line) => line.startsWith("PATCH /console/v1/keys/[redacted]/rotate -> 200"))).toBe(true);
    expect(lines.join("\n")).not.toContain(NEW_SECRET);
    expect(lines.join("\n")).not.toContain(existing);
  });

  it("types an update's result as the applied changes", async () => {
    api.respondJson({ message: "Key updated successfully.", data: { environments: ["staging"], secondaryTargetAppIDs: null } });
    const sc = api.client();
    const applied: KeysPatchResponse = await sc.keys.patch("secret-0000exampleServerKey0000", { environments: ["staging"], secondaryTargetAppIDs: null });
    expect(applied).toEqual({ environments: ["staging"], secondaryTargetAppIDs: null });
  });

  // The key being read, updated or rotated is part of the request path (the API has no other key
  // ID). The spec marks that path parameter `x-secret: true`, and the runtime redacts it.
  it("redacts an x-secret path parameter from log lines and error messages", async () => {
    const existing = "secret-0000exampleServerKey0000";
    const { logger, lines } = capturingLogger();
    api.respondJson({ status: 404, message: `No key ${existing}` }, 404);
    const sc = api.client({ logger, logLevel: "debug" });
    const error = (await sc.keys.get(existing).catch((caught: unknown) => caught)) as Error & { path: string };
    expect(api.requests[0]!.url.pathname).toBe(`/console/v1/keys/${existing}`);
    expect(error.path).toBe("/console/v1/keys/[redacted]");
    expect(`${error.message} ${String(error.stack)} ${JSON.stringify(error)}`).not.toContain(existing);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain(existing);
  });

  it("quotes no body in the error when a key response cannot be parsed", async () => {
    api.respond(() => new Response(`{"message":"ok","data":{"key":"${NEW_SECRET}"`, { status: 201 }));
    const error = (await api
      .client()
      .keys.create({ type: "SERVER", description: "d", environments: [] })
      .catch((caught: unknown) => caught)) as Error;
    expect(error.name).toBe("APIResponseError");
    expect(error.message).not.toContain(NEW_SECRET);
  });
});
