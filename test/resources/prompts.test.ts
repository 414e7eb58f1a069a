// prompts: a version's path puts the prompt ID before the version ID.
import { describe, expect, it } from "vitest";
import { useMockApi } from "../helpers/mock-api.js";

const api = useMockApi();

describe("prompt versions", () => {
  it("puts the prompt ID before the version ID in the path", async () => {
    api.respondJson({ message: "Prompt version evaluation started.", data: { id: "pv_3mK8sQ2w", name: "v3" } });
    const sc = api.client();
    const version = await sc.prompts.versions.startEvals("prompt_support_reply", "pv_3mK8sQ2w");
    expect(version).toEqual({ id: "pv_3mK8sQ2w", name: "v3" });
    expect(api.requests[0]!.method).toBe("POST");
    expect(api.requests[0]!.url.pathname).toBe("/console/v1/prompts/prompt_support_reply/versions/pv_3mK8sQ2w/start_evals");
  });
});
