// settings: project visibility is read in either case but sent in upper case only.
import { describe, expect, it } from "vitest";
import type { ProjectSettings } from "../../generated/types.js";
import { matchesComponent } from "../helpers/ajv.js";
import { useMockApi } from "../helpers/mock-api.js";

const api = useMockApi();

describe("project settings", () => {
  it("reads visibility in either case but only sends upper case", async () => {
    api.respondJson({ message: "Settings updated successfully.", data: { name: "Storefront", visibility: "closed" } });
    const sc = api.client();
    const settings: ProjectSettings = await sc.settings.project.update({ name: "Storefront", visibility: "CLOSED" });
    expect(settings.visibility.toUpperCase()).toBe("CLOSED");
    expect(JSON.parse(api.requests[0]!.bodyText)).toEqual({ name: "Storefront", visibility: "CLOSED" });
    expect(matchesComponent("ProjectSettings", { name: "Storefront", visibility: "OPEN" })).toBe(true);
    expect(matchesComponent("ProjectSettings", { name: "Storefront", visibility: "public" })).toBe(false);
    expect(matchesComponent("ProjectSettingsUpdateBody", { name: "Storefront", visibility: "closed" })).toBe(false);
    // That the request type takes only upper case is checked at compile time in settings.types.ts.
  });
});
