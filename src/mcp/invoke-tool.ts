// Runs one operation tool: checks the arguments against the tool's input schema (nothing is sent
// when they do not match), splits them into path, query and body, and calls the operation through
// the normal client (auth, rate limits, retries, typed errors). A list answers with one page and
// the number of the next one, never the whole list.
import type { JsonSchemaValidator, jsonSchemaValidator } from "@modelcontextprotocol/sdk/validation";
import type { ResourceClient } from "../core/resource.js";
import type { OperationTool } from "./operation-tools.js";
import { errorResult, type Redact, successResult, thrownResult, type ToolResult } from "./tool-result.js";

export class ToolInvoker {
  readonly #client: ResourceClient;
  readonly #validatorProvider: jsonSchemaValidator;
  readonly #redact: Redact;
  readonly #validators = new Map<string, JsonSchemaValidator<Record<string, unknown>>>();

  constructor(client: ResourceClient, validatorProvider: jsonSchemaValidator, redact: Redact) {
    this.#client = client;
    this.#validatorProvider = validatorProvider;
    this.#redact = redact;
  }

  /** Compiled on a tool's first call: compiling all 276 schemas up front would slow every start. */
  #validator(tool: OperationTool): JsonSchemaValidator<Record<string, unknown>> {
    let validator = this.#validators.get(tool.name);
    if (!validator) {
      validator = this.#validatorProvider.getValidator<Record<string, unknown>>(tool.inputSchema);
      this.#validators.set(tool.name, validator);
    }
    return validator;
  }

  async invoke(tool: OperationTool, input: unknown): Promise<ToolResult> {
    const checked = this.#validator(tool)(input ?? {});
    // The schema itself is not repeated: the agent has it from tools/list or search_operations.
    if (!checked.valid) return errorResult({ error: "InvalidArguments", tool: tool.name, message: checked.errorMessage }, this.#redact);
    const args = checked.data;
    const pick = (names: readonly string[]): Record<string, unknown> => Object.fromEntries(names.filter((name) => args[name] !== undefined).map((name) => [name, args[name]]));
    const { plan, operation } = tool;
    const request = { path: pick(plan.path), query: pick(plan.query), body: plan.body === undefined ? undefined : args[plan.body] };
    try {
      if (operation.response === "list") {
        const page = await this.#client.list<unknown>(operation, request, undefined);
        return successResult({ data: page.data, pagination: page.pagination, nextPage: page.nextPageNumber() ?? null }, this.#redact);
      }
      return successResult(await this.#client.call<unknown>(operation, request, undefined), this.#redact);
    } catch (error) {
      return thrownResult(error, this.#redact);
    }
  }
}
