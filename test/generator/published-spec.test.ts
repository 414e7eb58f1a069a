// publishedSpec: the openapi.json users get leaves out our x-reference-decisions (root and
// operations) and keeps everything else; the operations' decisions are kept apart by path and method.
import { describe, expect, it } from "vitest";
import { publishedSpec } from "../../scripts/lib/published-spec.js";

describe("publishedSpec", () => {
  it("moves each operation's decisions out by path and method, drops the root's, and keeps every other field", () => {
    const bundled = {
      openapi: "3.1.0",
      "x-reference-decisions": [{ about: "root" }],
      "x-rate-limit-groups": { read: {} },
      paths: {
        "/a": {
          summary: "kept",
          parameters: [{ name: "id", in: "path" }],
          get: { operationId: "a.get", "x-reference-decisions": [{ about: "get" }], "x-secret": true },
          post: { operationId: "a.create", "x-reference-decisions": [{ about: "post" }] },
          put: { operationId: "a.update" },
        },
        "/b": { delete: { operationId: "b.delete", "x-reference-decisions": [] } },
        "/odd": "not a path item",
      },
    };
    expect(publishedSpec(bundled)).toEqual({
      spec: {
        openapi: "3.1.0",
        "x-rate-limit-groups": { read: {} },
        paths: {
          "/a": {
            summary: "kept",
            parameters: [{ name: "id", in: "path" }],
            get: { operationId: "a.get", "x-secret": true },
            post: { operationId: "a.create" },
            put: { operationId: "a.update" },
          },
          "/b": { delete: { operationId: "b.delete" } },
          "/odd": "not a path item",
        },
      },
      decisions: { "/a": { get: [{ about: "get" }], post: [{ about: "post" }] }, "/b": { delete: [] } },
    });
    // The bundled document is left as it was: the generator writes it out too.
    expect(bundled.paths["/a"].get["x-reference-decisions"]).toEqual([{ about: "get" }]);
  });

  it("reads a document without paths as one without operations", () => {
    expect(publishedSpec({ openapi: "3.1.0" })).toEqual({ spec: { openapi: "3.1.0", paths: {} }, decisions: {} });
  });
});
