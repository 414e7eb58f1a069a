// The `overlaps` each generated descriptor lists agree with the router over the whole table: for
// every two operations of one method whose paths some filled-in path fits, the path is refused
// (listed) exactly when the router would send it to the other operation.
import { describe, expect, it } from "vitest";
import { operations } from "../../generated/operations.js";
import type { OperationModel } from "../../scripts/lib/operation-model.js";
import { pathOverlaps } from "../../scripts/lib/path-overlaps.js";
import type { OperationDescriptor } from "../../src/core/operation.js";
import { createOperationRoutes, overlapReached } from "../../src/core/operation-routes.js";
import { operationModel } from "../helpers/operation-model.js";

const isParameter = (segment: string): boolean => segment.startsWith("{") && segment.endsWith("}");

/** A concrete path both templates fit (a literal wherever either has one), or undefined. */
function sharedPath(a: OperationDescriptor, b: OperationDescriptor): string | undefined {
  const as = a.path.split("/");
  const bs = b.path.split("/");
  if (as.length !== bs.length) return undefined;
  const segments: string[] = [];
  for (let i = 0; i < as.length; i++) {
    const x = as[i]!;
    const y = bs[i]!;
    if (x === y) segments.push(isParameter(x) ? "value" : x);
    else if (isParameter(x)) segments.push(y.startsWith("{") ? "value" : y);
    else if (isParameter(y)) segments.push(x);
    else return undefined;
  }
  return segments.join("/");
}

describe("generated path overlaps", () => {
  const all = Object.values(operations);
  const routes = createOperationRoutes(all);

  it("list exactly the operations the router would reach instead", () => {
    const disagreements: string[] = [];
    let overlappingPairs = 0;
    for (const operation of all) {
      for (const other of all) {
        if (other === operation || other.method !== operation.method) continue;
        const path = sharedPath(operation, other);
        if (path === undefined || isParameter(path)) continue;
        overlappingPairs++;
        const routed = routes.match(operation.method, path);
        const refused = overlapReached(operation, `${path}?limit=1`);
        const expected = routed === operation ? undefined : routed?.id;
        if ((refused?.id ?? undefined) !== expected) disagreements.push(`${operation.id} with ${path}: router → ${routed?.id}, refused for ${refused?.id}`);
      }
    }
    expect(overlappingPairs).toBeGreaterThan(30);
    expect(disagreements).toEqual([]);
  });

  it("are listed on the operations the API's overlapping paths affect, and only there", () => {
    expect(operations["metrics.get"].overlaps?.map((o) => o.id)).toContain("metrics.list");
    expect(operations["gates.get"].overlaps).toBeUndefined();
    expect(overlapReached(operations["metrics.get"], "/console/v1/metrics/my_metric")).toBeUndefined();
    expect(overlapReached(operations["metrics.get"], "/console/v1/metrics/list")).toMatchObject({ id: "metrics.list", path: "/console/v1/metrics/list" });
  });
});

const model = (operationId: string, method: string, path: string): OperationModel => operationModel(operationId, method, path);
const overlapsOf = (...models: OperationModel[]) => Object.fromEntries([...pathOverlaps(models)].map(([id, list]) => [id, list.map((o) => `${o.id} ${o.path}`)]));

describe("pathOverlaps", () => {
  it("lists, for a parameter path, the literal path of the same method and length a filled-in value reaches", () => {
    const models = [model("metrics.get", "GET", "/metrics/{id}"), model("metrics.list", "GET", "/metrics/list"), model("metrics.delete", "DELETE", "/metrics/{id}")];
    expect(overlapsOf(...models)).toEqual({ "metrics.get": ["metrics.list /metrics/list"] });
  });

  it("ignores paths of another length, and segments that are literal on both sides and differ", () => {
    expect(overlapsOf(model("a.get", "GET", "/a/{id}"), model("a.deep", "GET", "/a/b/c"), model("b.get", "GET", "/b/list"))).toEqual({});
  });

  it("reads a segment as a parameter only when all of it is one", () => {
    expect(overlapsOf(model("files.get", "GET", "/files/{name}.json"), model("files.list", "GET", "/files/list.json"))).toEqual({});
    expect(overlapsOf(model("files.get", "GET", "/files/{name"), model("files.list", "GET", "/files/list"))).toEqual({});
    expect(overlapsOf(model("files.get", "GET", "/files/name}"), model("files.list", "GET", "/files/list"))).toEqual({});
  });

  it("breaks a tie in literal segments by operationId, whatever order the models come in", () => {
    const first = model("a.first", "GET", "/x/{p}/c");
    const second = model("z.second", "GET", "/x/b/{q}");
    expect(overlapsOf(second, first)).toEqual({ "z.second": ["a.first /x/{p}/c"] });
    expect(overlapsOf(first, second)).toEqual({ "z.second": ["a.first /x/{p}/c"] });
  });

  it("lists several in the order the router tries them: most literal segments first, then by operationId", () => {
    const models = [model("x.both", "GET", "/x/{a}/{b}"), model("x.zLeft", "GET", "/x/y/{b}"), model("x.aRight", "GET", "/x/{a}/z"), model("x.none", "GET", "/x/y/z")];
    expect(overlapsOf(...models)["x.both"]).toEqual(["x.none /x/y/z", "x.aRight /x/{a}/z", "x.zLeft /x/y/{b}"]);
    expect(overlapsOf(...models.reverse())["x.both"]).toEqual(["x.none /x/y/z", "x.aRight /x/{a}/z", "x.zLeft /x/y/{b}"]);
  });
});
