// exposureCount: each id list goes out as a repeated query parameter.
import { describe, expect, it } from "vitest";
import { useMockApi } from "../helpers/mock-api.js";

const api = useMockApi();
const client = api.client;
const query = api.query;

describe("exposureCount.get", () => {
  it("sends each id list as a repeated query parameter", async () => {
    api.respondJson({ message: "ok", data: { gates: [], experiments: [], dynamicConfigs: [] } });
    await client().exposureCount.get({ gates: ["new_checkout_flow", "dark_mode"], experiments: ["pricing_page_test"] });
    expect(query()).toEqual(["gates=new_checkout_flow", "gates=dark_mode", "experiments=pricing_page_test"]);
  });
});
