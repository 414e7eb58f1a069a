import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { StatsigConsole } from "../../src/index.js";
import type { DynamicConfig, DynamicConfigUpdateBody } from "../../generated/types.js";
import { useMockApi } from "../helpers/mock-api.js";

const api = useMockApi();

const client = api.client;

const config: DynamicConfig = {
  id: "config_checkout_copy",
  description: "Checkout texts",
  idType: "userID",
  createdTime: 1767139200000,
  creatorName: "Jordan Example",
  creatorID: "usr_4f2a9c",
  creatorEmail: "jordan@example.com",
  lastModifiedTime: 1767312000000,
  lastModifierID: "key_console_01",
  lastModifierName: "CONSOLE API",
  lastModifierEmail: null,
  isEnabled: true,
  rules: [
    {
      id: "3kQm8vTzP1nXw0aYbC7dEf:100.00:2",
      baseID: "3kQm8vTzP1nXw0aYbC7dEf",
      name: "Canada",
      passPercentage: 100,
      conditions: [{ type: "country", operator: "any", targetValue: ["CA"] }],
      environments: null,
      returnValue: { buttonLabel: "Payer maintenant" },
      variants: [{ name: "Short", passPercentage: 100, returnValue: { buttonLabel: "Payer" } }],
    },
  ],
  defaultValue: { buttonLabel: "Pay now", nested: { list: [1, 2, 3] } },
};

describe("dynamicConfigs.rules.list", () => {
  it("resolves to the API's list of { rules } items and sends no paging parameters", async () => {
    const rules = config.rules;
    api.respondJson({
      message: "Dynamic Config rules read successfully.",
      data: [{ rules }],
      pagination: { itemsPerPage: 20000, pageNumber: 1, totalItems: 1, nextPage: null, previousPage: null, all: "" },
    });
    const result = await client().dynamicConfigs.rules.list("config_checkout_copy");
    expect(result).toEqual([{ rules }]);
    expect(result[0]?.rules[0]?.returnValue).toEqual({ buttonLabel: "Payer maintenant" });
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]?.method).toBe("GET");
    expect(api.requests[0]?.url.pathname).toBe("/console/v1/dynamic_configs/config_checkout_copy/rules");
    expect(api.requests[0]?.url.search).toBe("");
  });
});

describe("dynamicConfigs.archive / unarchive / enable / disable", () => {
  it("archives without a body when none is given", async () => {
    api.respondJson({ message: "archived", data: { ...config, isEnabled: false, status: "Archived" } });
    const result = await client().dynamicConfigs.archive("config_checkout_copy");
    expect(result.status).toBe("Archived");
    expect(api.requests[0]?.method).toBe("PUT");
    expect(api.requests[0]?.url.pathname).toBe("/console/v1/dynamic_configs/config_checkout_copy/archive");
    expect(api.requests[0]?.bodyText).toBe("");
  });

  it("sends the archive reason as JSON when given", async () => {
    api.respondJson({ message: "archived", data: config });
    await client().dynamicConfigs.archive("config_checkout_copy", { archiveReason: "Moved to the CMS", forceArchive: true });
    expect(JSON.parse(api.requests[0]?.bodyText ?? "")).toEqual({ archiveReason: "Moved to the CMS", forceArchive: true });
    expect(api.requests[0]?.headers.get("content-type")).toContain("application/json");
  });

  it("enables and disables with a bodiless PUT", async () => {
    api.respondJson({ message: "ok", data: config });
    const sc = client();
    await sc.dynamicConfigs.disable("config_checkout_copy");
    await sc.dynamicConfigs.enable("config_checkout_copy");
    expect(api.requests.map((r) => [r.method, r.url.pathname, r.bodyText])).toEqual([
      ["PUT", "/console/v1/dynamic_configs/config_checkout_copy/disable", ""],
      ["PUT", "/console/v1/dynamic_configs/config_checkout_copy/enable", ""],
    ]);
  });
});

describe("dryRun next to a request body", () => {
  it("sends dryRun in the query of a full update and the body unchanged", async () => {
    api.respondJson({ message: "Dynamic config updated successfully.", data: config });
    const body: DynamicConfigUpdateBody = {
      isEnabled: true,
      description: "Checkout texts",
      rules: [{ id: "3kQm8vTzP1nXw0aYbC7dEf:100.00:2", name: "Canada", passPercentage: 100, conditions: [] }],
      defaultValue: { buttonLabel: "Pay now" },
    };
    const result = await client().dynamicConfigs.update("config_checkout_copy", body, { query: { dryRun: true } });
    expect(result).toEqual(config);
    expect(api.requests[0]?.method).toBe("POST");
    expect(api.requests[0]?.url.searchParams.get("dryRun")).toBe("true");
    expect(JSON.parse(api.requests[0]?.bodyText ?? "")).toEqual(body);
  });

  it("sends dryRun on a rule patch", async () => {
    api.respondJson({ message: "Dynamic Config rules updated successfully.", data: config });
    await client().dynamicConfigs.rules.patch("config_checkout_copy", "3kQm8vTzP1nXw0aYbC7dEf", { passPercentage: 25 }, { query: { dryRun: false } });
    expect(api.requests[0]?.method).toBe("PATCH");
    expect(api.requests[0]?.url.pathname).toBe("/console/v1/dynamic_configs/config_checkout_copy/rule/3kQm8vTzP1nXw0aYbC7dEf");
    expect(api.requests[0]?.url.searchParams.get("dryRun")).toBe("false");
    expect(JSON.parse(api.requests[0]?.bodyText ?? "")).toEqual({ passPercentage: 25 });
  });
});

describe("rules addressed by name", () => {
  it("encodes a rule name with spaces and slashes as one path segment", async () => {
    api.respondJson({ message: "Dynamic Config rule deleted successfully.", data: { ...config, rules: [] } });
    const result = await client().dynamicConfigs.rules.deleteByName("config_checkout_copy", "Canada / Quebec");
    expect(result.rules).toEqual([]);
    expect(api.requests[0]?.method).toBe("DELETE");
    expect(api.requests[0]?.url.pathname).toBe("/console/v1/dynamic_configs/config_checkout_copy/rule/name/Canada%20%2F%20Quebec");
  });
});

describe("idempotency from the spec", () => {
  it("retries a full update (POST /dynamic_configs/{id}) after a 503", async () => {
    api.failOnceThen({ message: "Dynamic config updated successfully.", data: config });
    const result = await client({ maxRetries: 2 }).dynamicConfigs.update("config_checkout_copy", {
      isEnabled: true,
      description: "Checkout texts",
      rules: [],
    });
    expect(result.id).toBe("config_checkout_copy");
    expect(api.requests.map((r) => r.method)).toEqual(["POST", "POST"]);
  });

  it("does not retry adding a rule (POST /dynamic_configs/{id}/rule) after a 503", async () => {
    api.respondJson({ status: 503, message: "Service unavailable" }, 503);
    await expect(
      client({ maxRetries: 2 }).dynamicConfigs.rules.create("config_checkout_copy", {
        name: "Mexico",
        passPercentage: 100,
        conditions: [{ type: "country", operator: "any", targetValue: ["MX"] }],
        returnValue: { buttonLabel: "Pagar ahora" },
      }),
    ).rejects.toMatchObject({ status: 503 });
    expect(api.requests).toHaveLength(1);
  });
});

describe("rule operations that vanished from the published reference", () => {
  const manifest = JSON.parse(readFileSync(new URL("../../generated/operations.json", import.meta.url), "utf8")) as {
    operations: { operationId: string; deprecated: boolean }[];
  };
  const deprecated = (id: string) => manifest.operations.find((op) => op.operationId === id)?.deprecated;

  it("are flagged deprecated, unlike the rule operations still documented", () => {
    for (const id of ["create", "createMany", "updateMany", "patchByName", "deleteByName"]) {
      expect(deprecated(`dynamicConfigs.rules.${id}`), id).toBe(true);
    }
    for (const id of ["get", "list", "patch", "delete"]) {
      expect(deprecated(`dynamicConfigs.rules.${id}`), id).toBe(false);
    }
  });

  it("still send their request: the list update patches rules matched by id", async () => {
    api.respondJson({ message: "Dynamic Config rules updated successfully.", data: config });
    await client().dynamicConfigs.rules.updateMany("config_checkout_copy", {
      rules: [{ id: "3kQm8vTzP1nXw0aYbC7dEf:100.00:2", passPercentage: 50, returnValue: { buttonLabel: "Payer" } }],
    });
    expect(api.requests[0]?.method).toBe("PATCH");
    expect(api.requests[0]?.url.pathname).toBe("/console/v1/dynamic_configs/config_checkout_copy/rules");
    expect(JSON.parse(api.requests[0]?.bodyText ?? "")).toEqual({
      rules: [{ id: "3kQm8vTzP1nXw0aYbC7dEf:100.00:2", passPercentage: 50, returnValue: { buttonLabel: "Payer" } }],
    });
  });
});

// Compile-time checks (tsc runs over test/): never called.
export function dynamicConfigTypeChecks(sc: StatsigConsole): void {
  // @ts-expect-error a config value is a JSON object, not a scalar
  void sc.dynamicConfigs.patch("config_checkout_copy", { defaultValue: true });
  // @ts-expect-error a full update needs isEnabled, description and rules
  void sc.dynamicConfigs.update("config_checkout_copy", { description: "Checkout texts" });
  // @ts-expect-error dryRun is a boolean
  void sc.dynamicConfigs.patch("config_checkout_copy", {}, { query: { dryRun: "yes" } });
  // @ts-expect-error variants need a name and a pass percentage
  void sc.dynamicConfigs.rules.patch("config_checkout_copy", "3kQm8vTzP1nXw0aYbC7dEf", { variants: [{ returnValue: {} }] });
}
