// How a field's `@description` becomes the main text of its JSDoc (scripts/lib/plain-descriptions.ts),
// on comment texts shaped as openapi-typescript writes them (the text between `/*` and `*/`).
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { plainDescription, plainDescriptions } from "../../scripts/lib/plain-descriptions.js";

describe("plainDescription", () => {
  it("turns a one-line `@description` comment into a one-line comment of the text", () => {
    expect(plainDescription("* @description The gate's name. ")).toBe("* The gate's name. ");
  });

  it("puts the summary first, the description as its own paragraph, then Format and the tags", () => {
    const comment = ["*", " * Gate", " * @description What the gate controls.", " *     Second line.", " * Format: date-time", " * @deprecated", " * @example x", " "].join("\n");
    expect(plainDescription(comment)).toBe(
      ["*", " * Gate", " *", " * What the gate controls.", " * Second line.", " *", " * Format: date-time", " * @deprecated", " * @example x", " "].join("\n"),
    );
  });

  it("keeps a multi-line tag's continuation lines under it", () => {
    const comment = ["*", " * @description Kinds.", " * @example {", ' *       "a": 1', " *     }", " "].join("\n");
    expect(plainDescription(comment)).toBe(["*", " * Kinds.", " * @example {", ' *       "a": 1', " *     }", " "].join("\n"));
  });

  it("writes a description alone on several lines as a block", () => {
    expect(plainDescription(["*", " * @description One.", " *     Two.", " "].join("\n"))).toBe(["*", " * One.", " * Two.", " "].join("\n"));
  });

  it("leaves alone comments without `@description`, and shapes openapi-typescript does not write", () => {
    expect(plainDescription("* Just a summary. ")).toBeUndefined();
    expect(plainDescription(["*", " * Summary", " * @deprecated", " "].join("\n"))).toBeUndefined();
    expect(plainDescription(" @description not JSDoc ")).toBeUndefined();
    expect(plainDescription("* @description first\nsecond ")).toBeUndefined(); // continuation without the `*` block form
    expect(plainDescription(["*", " * @description A", " * trailing text"].join("\n"))).toBeUndefined(); // no closing line
    expect(plainDescription(["*", " *     @description continuation first", " "].join("\n"))).toBeUndefined();
    expect(plainDescription(["*", " * @description A", "stray line", " "].join("\n"))).toBeUndefined();
    expect(plainDescription(["*", " *  @description indented", " "].join("\n"))).toBeUndefined();
    expect(plainDescription(["*", " * ", " "].join("\n"))).toBeUndefined();
  });

  it("leaves the whole comment alone when any line is of another shape, even with a `@description` after it", () => {
    const after = " * @description D";
    expect(plainDescription(["*", " *     continuation before any item", after, " "].join("\n"))).toBeUndefined();
    expect(plainDescription(["*", " * ", after, " "].join("\n"))).toBeUndefined();
    expect(plainDescription(["*", " *  indented item", after, " "].join("\n"))).toBeUndefined();
  });
});

describe("plainDescriptions", () => {
  it("rewrites the synthetic JSDoc of nested nodes, and only the comments that carry a description", () => {
    const member = ts.factory.createPropertySignature(undefined, "name", undefined, ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword));
    ts.setSyntheticLeadingComments(member, [
      { kind: ts.SyntaxKind.MultiLineCommentTrivia, text: "* @description The name. ", pos: -1, end: -1, hasTrailingNewLine: true },
      { kind: ts.SyntaxKind.MultiLineCommentTrivia, text: "* untouched ", pos: -1, end: -1, hasTrailingNewLine: true },
    ]);
    const literal = ts.factory.createTypeLiteralNode([member]);
    const alias = ts.factory.createTypeAliasDeclaration(undefined, "Named", undefined, literal);
    const other = ts.factory.createTypeAliasDeclaration(undefined, "Plain", undefined, ts.factory.createKeywordTypeNode(ts.SyntaxKind.NumberKeyword));
    ts.setSyntheticLeadingComments(other, [{ kind: ts.SyntaxKind.MultiLineCommentTrivia, text: "* kept ", pos: -1, end: -1, hasTrailingNewLine: true }]);
    const described = ts.factory.createTypeAliasDeclaration(undefined, "Described", undefined, ts.factory.createKeywordTypeNode(ts.SyntaxKind.BooleanKeyword));
    ts.setSyntheticLeadingComments(described, [{ kind: ts.SyntaxKind.MultiLineCommentTrivia, text: "* @description Only this. ", pos: -1, end: -1, hasTrailingNewLine: true }]);
    plainDescriptions([alias, other, described]);
    expect(ts.getSyntheticLeadingComments(described)?.map((comment) => comment.text)).toEqual(["* Only this. "]);
    expect(ts.getSyntheticLeadingComments(member)?.map((comment) => comment.text)).toEqual(["* The name. ", "* untouched "]);
    expect(ts.getSyntheticLeadingComments(member)?.[0]?.hasTrailingNewLine).toBe(true);
    expect(ts.getSyntheticLeadingComments(other)?.map((comment) => comment.text)).toEqual(["* kept "]);
  });
});
