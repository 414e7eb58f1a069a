// generated/resources/*.ts: the facade, one file per top-level resource group. Each operation is a
// standalone function over a ResourceClient (`gatesGet(client, id)`), which references only its
// own descriptor, so that a bundler drops every operation a program does not call; one class per
// namespace groups the same calls as methods (`sc.gates.get(id)`).
// Built as ts-morph structures and printed in one go.
import {
  IndentationText,
  Project,
  StructureKind,
  type ClassDeclarationStructure,
  type FunctionDeclarationStructure,
  type MethodDeclarationStructure,
  type OptionalKind,
  type PropertyDeclarationStructure,
  type StatementStructures,
} from "ts-morph";
import { SpecError } from "./load-spec.js";
import { className, descriptorName, functionName, GENERATED_HEADER, kebab } from "./naming.js";
import type { OperationModel } from "./operation-model.js";
import { operationTypeNames } from "./emit-types.js";

interface NamespaceNode {
  path: string[];
  methods: OperationModel[];
  children: Map<string, NamespaceNode>;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED_ARGUMENT_NAMES = new Set(["client", "body", "query", "options"]);
/** generated/resources/index.ts: ConsoleResources and the re-exports of every group's file. */
const INDEX_FILE = "index.ts";

function buildTree(models: OperationModel[]): NamespaceNode {
  const root: NamespaceNode = { path: [], methods: [], children: new Map() };
  for (const model of models) {
    let node = root;
    for (const segment of model.segments.slice(0, -1)) {
      let child = node.children.get(segment);
      if (!child) {
        child = { path: [...node.path, segment], methods: [], children: new Map() };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.methods.push(model);
  }
  const check = (node: NamespaceNode): void => {
    for (const method of node.methods) {
      const name = method.segments.at(-1)!;
      if (node.children.has(name)) {
        throw new SpecError(`${method.operationId}: "${name}" is both a method and a namespace under ${node.path.join(".")}`);
      }
      if (name.endsWith("InChunks")) throw new SpecError(`${method.operationId}: method names ending in InChunks are reserved`);
    }
    for (const child of node.children.values()) check(child);
  };
  check(root);
  return root;
}

function jsDocText(text: string): string {
  return text.replace(/\*\//g, "*\\/").trim();
}

function argumentName(name: string): string {
  const camel = name.replace(/[-_ ]+([A-Za-z0-9])/g, (_m, letter: string) => letter.toUpperCase());
  if (!IDENTIFIER.test(camel) || RESERVED_ARGUMENT_NAMES.has(camel)) throw new SpecError(`path parameter "${name}" cannot be a facade argument name`);
  return camel;
}

interface MethodParts {
  params: { name: string; type: string; optional: boolean; doc: string }[];
  /** The `{ path, query, body }` the method hands to the ResourceClient, as an expression. */
  request: string;
  optionsType: string;
  /** Options of the `…InChunks` variant: the request options plus `onProgress`. */
  chunkedOptionsType: string;
}

function methodParts(model: OperationModel): MethodParts {
  const names = operationTypeNames(model);
  const params: MethodParts["params"] = model.pathParams.map((p) => ({
    name: argumentName(p.name),
    type: p.tsType,
    optional: false,
    doc: p.description ? jsDocText(p.description) : `The \`${p.name}\` path parameter.`,
  }));
  // Path parameters by their spec name (the argument may be spelt differently: `unit_id` → `unitId`).
  const pathEntries = model.pathParams.map((p) => (argumentName(p.name) === p.name ? p.name : `${JSON.stringify(p.name)}: ${argumentName(p.name)}`));
  const fields = pathEntries.length > 0 ? [`path: { ${pathEntries.join(", ")} }`] : [];
  if (model.body && names.body) {
    params.push({ name: "body", type: names.body, optional: !model.body.required, doc: "The request body." });
    // With a body as the main argument, the query (if any) comes in `options.query`.
    if (names.query) fields.push("query: options?.query");
    fields.push("body");
  } else if (names.query) {
    params.push({ name: "query", type: names.query, optional: !model.queryParams.some((p) => p.required), doc: "Query parameters." });
    fields.push("query");
  }
  const optionsQuery = model.body && names.query ? `<${names.query}>` : "";
  const optionsType = `${model.success.kind === "list" ? "ListRequestOptions" : "RequestOptions"}${optionsQuery}`;
  return { params, request: `{ ${fields.join(", ")} }`.replace("{  }", "{}"), optionsType, chunkedOptionsType: `ChunkedRequestOptions${optionsQuery}` };
}

const CLIENT_DOC = "client - A client from createConsoleClient().";

/** A method's JSDoc: summary, description and `extra` as paragraphs, then its parameters (without `client`). */
interface MethodDoc {
  description: string;
  tags: { tagName: string; text: string }[];
}

function methodDoc(model: OperationModel, parts: MethodParts, extra?: string): MethodDoc {
  const paragraphs = [model.summary, model.description, extra].filter((text): text is string => Boolean(text)).map(jsDocText);
  const tags = parts.params.map((p) => ({ tagName: "param", text: `${p.name} - ${p.doc}` }));
  tags.push({ tagName: "param", text: "options - Per-call options (headers, signal, timeoutMs, maxRetries…)." });
  if (model.deprecated) tags.push({ tagName: "deprecated", text: "The API no longer documents this operation." });
  tags.push({ tagName: "see", text: `\`${model.method} ${model.path}\` (operationId \`${model.operationId}\`)` });
  return { description: paragraphs.join("\n\n"), tags };
}

/** An operation's function, and its `…InChunks` variant if it has one: the name, docs and signature its class method shares. */
interface OperationFunction {
  name: string;
  /** Docs without the `client` parameter: the method's. */
  doc: MethodDoc;
  parameters: { name: string; type: string; hasQuestionToken: boolean }[];
  returnType: string;
  /** The body, over the ResourceClient given (`client` in the function, `this._client` in the method). */
  statement(client: string): string;
}

function operationFunctions(model: OperationModel): OperationFunction[] {
  const names = operationTypeNames(model);
  const parts = methodParts(model);
  const parameters = [
    ...parts.params.map((p) => ({ name: p.name, type: p.type, hasQuestionToken: p.optional })),
    { name: "options", type: parts.optionsType, hasQuestionToken: true },
  ];
  const op = descriptorName(model.operationId);
  const isList = model.success.kind === "list";
  const name = functionName(model.operationId);
  const functions: OperationFunction[] = [
    {
      name,
      doc: methodDoc(model, parts),
      parameters,
      returnType: isList ? `PagePromise<${names.result}>` : `APIPromise<${names.result}>`,
      statement: (client) => `return ${client}.${isList ? "list" : "call"}<${names.result}>(${op}, ${parts.request}, options);`,
    },
  ];
  if (model.chunk) {
    const { field, maxItems } = model.chunk;
    functions.push({
      name: `${name}InChunks`,
      doc: methodDoc(
        model,
        parts,
        `Sends \`body.${field}\` in consecutive requests of at most ${maxItems} entries (the API's limit per request), ` +
          `in the same rate-limit group, and resolves to each request's result. If a request fails, a ChunkedRequestError ` +
          `reports how many chunks were already applied. \`options.onProgress\` is called with \`{ done, total }\` chunks after each one.`,
      ),
      parameters: parameters.map((p) => (p.name === "body" ? { ...p, hasQuestionToken: false } : p.name === "options" ? { ...p, type: parts.chunkedOptionsType } : p)),
      returnType: `Promise<${names.result}[]>`,
      statement: (client) => `return ${client}.callInChunks<${names.result}>(${op}, ${parts.request}, ${JSON.stringify({ field, maxItems })}, options);`,
    });
  }
  return functions;
}

/** The standalone function: the tree-shakable form of the operation. */
function functionStructure(fn: OperationFunction): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: fn.name,
    isExported: true,
    docs: [{ ...fn.doc, tags: [{ tagName: "param", text: CLIENT_DOC }, ...fn.doc.tags] }],
    parameters: [{ name: "client", type: "ResourceClient" }, ...fn.parameters],
    returnType: fn.returnType,
    statements: [fn.statement("client")],
  };
}

/**
 * The class method: the same call through `this._client`. Written out rather than forwarded to the
 * function, so that a bundle of StatsigConsole carries the call once, not a function per operation too.
 */
function methodStructure(model: OperationModel, fn: OperationFunction): OptionalKind<MethodDeclarationStructure> {
  const methodName = fn.name.endsWith("InChunks") ? `${model.segments.at(-1)!}InChunks` : model.segments.at(-1)!;
  return {
    name: methodName,
    docs: [fn.doc],
    parameters: fn.parameters,
    returnType: fn.returnType,
    statements: [fn.statement("this._client")],
  };
}

function classStructures(node: NamespaceNode, out: ClassDeclarationStructure[], functions: FunctionDeclarationStructure[], typeImports: Set<string>): void {
  for (const child of node.children.values()) classStructures(child, out, functions, typeImports);
  const properties: OptionalKind<PropertyDeclarationStructure>[] = [...node.children.entries()].map(([segment, child]) => ({
    name: segment,
    isReadonly: true,
    type: className(child.path),
    initializer: `new ${className(child.path)}(this._client)`,
    docs: [`Operations under \`${child.path.join(".")}\`.`],
  }));
  const methods = node.methods.flatMap((model) => {
    const names = operationTypeNames(model);
    for (const name of [names.query, names.body, names.result]) if (name) typeImports.add(name);
    for (const param of model.pathParams) if (/^[A-Z]\w*$/.test(param.tsType)) typeImports.add(param.tsType);
    const operationFns = operationFunctions(model);
    functions.push(...operationFns.map(functionStructure));
    return operationFns.map((fn) => methodStructure(model, fn));
  });
  out.push({
    kind: StructureKind.Class,
    name: className(node.path),
    isExported: true,
    extends: "APIResource",
    docs: [`\`sc.${node.path.join(".")}\`: ${node.methods.length} operation(s)${node.children.size ? ` and ${node.children.size} sub-resource(s)` : ""}.`],
    properties,
    methods,
  });
}

export interface FacadeFiles {
  /** File name (relative to generated/resources/) → content. */
  files: Map<string, string>;
  /** Top-level namespaces and their class names, in order. */
  groups: { property: string; className: string; file: string }[];
  /** Names of the standalone operation functions, all exported from the package. */
  functions: string[];
}

export function emitFacade(models: OperationModel[]): FacadeFiles {
  const tree = buildTree(models);
  if (tree.methods.length > 0) throw new SpecError(`operationIds need a namespace: ${tree.methods.map((m) => m.operationId).join(", ")}`);
  const project = new Project({ useInMemoryFileSystem: true, manipulationSettings: { indentationText: IndentationText.TwoSpaces } });
  const files = new Map<string, string>();
  const groups: FacadeFiles["groups"] = [];
  const functionNames: string[] = [];
  for (const [segment, node] of tree.children) {
    const file = `${kebab(segment)}.ts`;
    if (file === INDEX_FILE) throw new SpecError(`the resource group "${segment}" would be written to resources/${INDEX_FILE}, which is the index of the groups; rename it`);
    const classes: ClassDeclarationStructure[] = [];
    const functions: FunctionDeclarationStructure[] = [];
    const typeImports = new Set<string>();
    classStructures(node, classes, functions, typeImports);
    functions.sort((a, b) => a.name!.localeCompare(b.name!));
    functionNames.push(...functions.map((f) => f.name!));
    const usesList = [...collectModels(node)].some((m) => m.success.kind === "list");
    const usesCall = [...collectModels(node)].some((m) => m.success.kind !== "list");
    const usesChunks = [...collectModels(node)].some((m) => m.chunk !== null);
    const coreImports: StatementStructures[] = [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: "../../src/core/resource.js", namedImports: ["APIResource", { name: "ResourceClient", isTypeOnly: true }] },
    ];
    const typeOnly = [
      ...(usesCall ? [{ module: "../../src/core/api-promise.js", names: ["APIPromise"] }] : []),
      ...(usesList ? [{ module: "../../src/core/pagination.js", names: ["PagePromise"] }] : []),
      {
        module: "../../src/core/request-options.js",
        names: [...(usesCall ? ["RequestOptions"] : []), ...(usesList ? ["ListRequestOptions"] : []), ...(usesChunks ? ["ChunkedRequestOptions"] : [])],
      },
      { module: "../types.js", names: [...typeImports].sort() },
    ];
    for (const { module, names } of typeOnly) {
      coreImports.push({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: module, namedImports: names });
    }
    const descriptors = [...collectModels(node)].map((m) => descriptorName(m.operationId)).sort();
    coreImports.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: "../operations.js", namedImports: descriptors });
    files.set(file, printed(project, file, [...coreImports, ...functions, ...classes]));
    groups.push({ property: segment, className: className(node.path), file });
  }
  files.set(INDEX_FILE, printed(project, INDEX_FILE, indexStatements(groups)));
  return { files, groups, functions: functionNames };
}

function* collectModels(node: NamespaceNode): Generator<OperationModel> {
  yield* node.methods;
  for (const child of node.children.values()) yield* collectModels(child);
}

/** A file's text: the header and the statements as ts-morph prints them. */
function printed(project: Project, file: string, statements: StatementStructures[]): string {
  return `${GENERATED_HEADER}\n${project.createSourceFile(file, { statements }).getFullText()}`;
}

function indexStatements(groups: FacadeFiles["groups"]): StatementStructures[] {
  return [
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: "../../src/core/resource.js", namedImports: ["ResourceClient"] },
    ...groups.map(
      (g): StatementStructures => ({
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: `./${g.file.replace(/\.ts$/, ".js")}`,
        namedImports: [g.className],
      }),
    ),
    {
      kind: StructureKind.Class,
      name: "ConsoleResources",
      isExported: true,
      docs: ["Every resource group of the Console API, as properties; StatsigConsole extends it."],
      properties: groups.map((g) => ({ name: g.property, isReadonly: true, type: g.className, docs: [`Operations under \`${g.property}\`.`] })),
      ctors: [
        {
          parameters: [{ name: "client", type: "ResourceClient" }],
          statements: groups.map((g) => `this.${g.property} = new ${g.className}(client);`),
        },
      ],
    },
    ...groups.map(
      (g): StatementStructures => ({
        kind: StructureKind.ExportDeclaration,
        moduleSpecifier: `./${g.file.replace(/\.ts$/, ".js")}`,
      }),
    ),
  ];
}
