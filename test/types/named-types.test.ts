// What users' editors and compilers show: the TypeScript language service, run on user code that
// is never written to disk, prints results, bodies and errors with the spec's names (`Gate`,
// `GatesCreateBody`) instead of spelling the structures out, and shows field descriptions as
// the main text of their documentation.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { typeStem } from "../../scripts/lib/naming.js";
import { manifest, repoRoot } from "../helpers/spec.js";

const userFile = join(repoRoot, "test", "types", "named-types.user.ts");
const userCode = `import { StatsigConsole } from "../../src/index.js";
const sc = new StatsigConsole({ apiKey: "console-names" });
export async function userCode(): Promise<unknown> {
  const gate = await sc.gates.get("my_gate");
  const config = await sc.dynamicConfigs.get("my_config");
  const experiment = await sc.experiments.get("my_experiment");
  const gates = await sc.gates.list({ tags: ["checkout"] }).toArray();
  for await (const listedGate of sc.gates.list()) void listedGate;
  const rules = await sc.dynamicConfigs.rules.list("my_config");
  await sc.gates.create({ name: "new_gate", rules: [{ name: "r", passPercentage: 5, conditions: [{ type: "public" }] }] });
  return [gate.checksPerHour, config, experiment, gates, rules];
}
export const wrongField = () => sc.gates.create({ nme: "new_gate" });
const built = { nme: "new_gate" };
export const wrongShape = () => sc.gates.create(built);
export const facade = sc;
`;

// The project's strictest settings (tsconfig.json), as a strict user would have them.
const options: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
  types: ["node"],
  skipLibCheck: true,
  noEmit: true,
};

let service: ts.LanguageService;
let program: ts.Program;
let checker: ts.TypeChecker;
let source: ts.SourceFile;

/** A language service over the repository, with `extraFiles` existing only in memory. */
function languageService(extraFiles: Map<string, string>): ts.LanguageService {
  const read = (name: string): string | undefined => extraFiles.get(name) ?? ts.sys.readFile(name);
  return ts.createLanguageService({
    getCompilationSettings: () => options,
    getScriptFileNames: () => [...extraFiles.keys()],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => {
      const text = read(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => repoRoot,
    getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
    fileExists: (name) => extraFiles.has(name) || ts.sys.fileExists(name),
    readFile: read,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  });
}

/** The variable declared as `name` in the user code. */
function variable(name: string): ts.Identifier {
  let found: ts.Identifier | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) found = node.name;
    else ts.forEachChild(node, visit);
  };
  visit(source);
  if (!found) throw new Error(`no variable ${name} in the user code`);
  return found;
}

const printed = (node: ts.Node): string => checker.typeToString(checker.getTypeAtLocation(node));

/** The documentation and tags the editor shows on hovering the first `needle` in the user code. */
function hover(needle: string): { text: string; tags: string[] } {
  const position = userCode.indexOf(needle);
  expect(position, needle).toBeGreaterThanOrEqual(0);
  const info = service.getQuickInfoAtPosition(userFile, position);
  return { text: ts.displayPartsToString(info?.documentation), tags: (info?.tags ?? []).map((tag) => tag.name) };
}

beforeAll(() => {
  service = languageService(new Map([[userFile, userCode]]));
  program = service.getProgram()!;
  checker = program.getTypeChecker();
  source = program.getSourceFile(userFile)!;
}, 60_000);

describe("named types in editors and errors", () => {
  it("a result shows as the spec's component: Gate, DynamicConfig, Experiment; a list's items too", () => {
    expect(printed(variable("gate"))).toBe("Gate");
    expect(printed(variable("config"))).toBe("DynamicConfig");
    expect(printed(variable("experiment"))).toBe("Experiment");
    expect(printed(variable("gates"))).toBe("Gate[]");
    expect(printed(variable("listedGate"))).toBe("Gate");
    expect(printed(variable("rules"))).toBe("DynamicConfigsRulesListResponse"); // DynamicConfigRuleList[]
  });

  it("a body shows as the operation's body type, a query as its query type", () => {
    const gates = checker.getTypeOfSymbol(checker.getTypeAtLocation(variable("facade")).getProperty("gates")!);
    const parameters = (method: string) =>
      checker
        .getTypeOfSymbol(gates.getProperty(method)!)
        .getCallSignatures()[0]!
        .getParameters()
        .map((parameter) => checker.typeToString(checker.getTypeOfSymbol(parameter)));
    expect(parameters("create")).toEqual(["GatesCreateBody", "RequestOptions<never> | undefined"]);
    expect(parameters("list")).toEqual(["GatesListQuery | undefined", "ListRequestOptions<never> | undefined"]);
  });

  it("an error on a wrong body names GatesCreateBody, never a spelled-out structure", () => {
    const messages = program.getSemanticDiagnostics(source).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    expect(messages).toHaveLength(2); // the two wrong calls, nothing else
    expect(messages[0]).toBe("Object literal may only specify known properties, but 'nme' does not exist in type 'GatesCreateBody'. Did you mean to write 'name'?");
    expect(messages[1]).toBe(
      "Argument of type '{ nme: string; }' is not assignable to parameter of type 'GatesCreateBody'.\n  Property 'name' is missing in type '{ nme: string; }' but required in type 'GatesCreateBody'.",
    );
  });

  it("every facade method's result and parameters show as names (or a short literal), never an intersection", () => {
    const seen: string[] = [];
    const problems: string[] = [];
    const walk = (type: ts.Type, path: string): void => {
      for (const member of type.getProperties()) {
        if (member.name.startsWith("_") || member.name === "raw") continue;
        const memberType = checker.getTypeOfSymbol(member);
        const declaration = memberType.getSymbol()?.valueDeclaration;
        if (declaration && ts.isClassDeclaration(declaration)) {
          walk(memberType, `${path}.${member.name}`);
          continue;
        }
        for (const signature of memberType.getCallSignatures()) {
          const result = checker.typeToString(signature.getReturnType()).replace(/^(APIPromise|PagePromise)<(.*)>$/, "$2");
          const parameters = signature.getParameters().map((parameter) => checker.typeToString(checker.getTypeOfSymbol(parameter)).replace(/ \| undefined$/, ""));
          seen.push(`${path}.${member.name}`);
          for (const shown of [result, ...parameters]) {
            const isName = /^[A-Z]\w*(<(never|[A-Z]\w*(\[\])?)>)?(\[\])?$/.test(shown) || shown === "string";
            if (!isName && (shown.includes("&") || shown.length > 30)) problems.push(`${path}.${member.name}: ${shown}`);
          }
        }
      }
    };
    walk(checker.getTypeAtLocation(variable("facade")), "sc");
    expect(seen.length).toBeGreaterThanOrEqual(manifest.operations.length);
    expect(problems).toEqual([]);
  });

  it("a field's description is the main text of its documentation, not a @description tag", () => {
    // A field of a result, of a body (nested in a rule) and of a query.
    expect(hover("checksPerHour")).toEqual({ text: "Recent SDK checks per hour; `null` when unknown.", tags: [] });
    expect(hover("passPercentage")).toEqual({ text: "Percent (0–100, up to two decimals) of matching users that pass.", tags: [] });
    expect(hover("tags")).toEqual({ text: "Only gates carrying these tags.", tags: ["example"] });
    expect(readFileSync(join(repoRoot, "generated", "schema.d.ts"), "utf8")).not.toContain("@description");
  });
});

describe("generated/schema.d.ts", () => {
  it("compiles on its own, declaration checks included (the project's skipLibCheck would hide its errors)", () => {
    const file = join(repoRoot, "generated", "schema.d.ts");
    const own = ts.createProgram([file], { ...options, skipLibCheck: false, lib: ["lib.es2022.d.ts"], types: [] });
    expect(ts.getPreEmitDiagnostics(own, own.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
  }, 30_000);
});

describe("each named type is the type the operation has", () => {
  it("results named after their component equal what the response declares; bodies under the operation's name equal their schema", () => {
    const pairs: { what: string; named: string; declared: string }[] = [];
    for (const op of manifest.operations.filter((op) => op.response.kind === "data" || op.response.kind === "list")) {
      const list = op.response.kind === "list";
      pairs.push({
        what: `${op.operationId} result`,
        named: `named.${typeStem(op.operationId)}${list ? "Item" : "Response"}`,
        declared: `schema.operations["${op.operationId}"]["responses"][${op.response.status}]["content"]["${op.response.contentType}"]["data"]${list ? "[number]" : ""}`,
      });
    }
    const schemaText = readFileSync(join(repoRoot, "generated", "schema.d.ts"), "utf8");
    for (const [, body, schema] of schemaText.matchAll(/^export type (\w+Body) = \{\n\s+\[K in keyof ([\w.]+)\]/gm)) {
      pairs.push({ what: `${body} body`, named: `named.${body}`, declared: `schema.${schema}` });
    }
    const file = join(repoRoot, "test", "types", "named-types.equal.ts");
    const text = [
      `import type * as named from "../../generated/types.js";`,
      `import type * as schema from "../../generated/schema.js";`,
      ...pairs.flatMap((pair, i) => [`export declare const named${i}: ${pair.named};`, `export declare const declared${i}: ${pair.declared};`]),
    ].join("\n");
    const equalProgram = languageService(new Map([[file, text]])).getProgram()!;
    const equalChecker = equalProgram.getTypeChecker();
    const equalSource = equalProgram.getSourceFile(file)!;
    expect(equalProgram.getSemanticDiagnostics(equalSource).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
    const declarations = new Map(
      equalSource.statements.flatMap((s) => (ts.isVariableStatement(s) ? s.declarationList.declarations.map((d) => [d.name.getText(equalSource), d.name] as const) : [])),
    );
    const typeOf = (name: string): ts.Type => equalChecker.getTypeAtLocation(declarations.get(name)!);
    const different = pairs.filter((_, i) => {
      const [named, declared] = [typeOf(`named${i}`), typeOf(`declared${i}`)];
      return !equalChecker.isTypeAssignableTo(named, declared) || !equalChecker.isTypeAssignableTo(declared, named);
    });
    expect(pairs.filter((pair) => pair.what.endsWith("result")).length).toBeGreaterThan(150);
    expect(pairs.filter((pair) => pair.what.endsWith("body")).length).toBeGreaterThan(100);
    expect(different.map((pair) => pair.what)).toEqual([]);
  }, 60_000);
});
