// openapi-typescript writes a schema's description as a JSDoc `@description` tag. Editors show a
// tag as a labelled footnote, after the summary, and not at all in some completion lists; the
// description of a field belongs in the comment's main text. This rewrites each such comment in
// the AST: summary first, then the description as plain text, then everything else unchanged
// (`Format: …`, `@deprecated`, `@example`, `@enum`, `@constant`).
import ts from "typescript";

const DESCRIPTION_TAG = "@description ";
/** openapi-typescript's continuation lines: ` * ` and four more spaces (openapi-typescript's `LB_RE` replacement). */
const CONTINUATION = " *     ";
const ITEM = " * ";

/**
 * The items of a comment openapi-typescript wrote (`* one ` or `*\n * one\n * two\n `), each with
 * its continuation lines; undefined for any other shape, which is then left alone.
 */
function commentItems(text: string): string[] | undefined {
  if (!text.startsWith("*")) return undefined;
  if (!text.startsWith("*\n")) return text.includes("\n") ? undefined : [text.slice(1).trim()];
  const lines = text.split("\n").slice(1);
  if (lines.pop()?.trim() !== "") return undefined;
  const items: string[] = [];
  for (const line of lines) {
    if (line.startsWith(CONTINUATION) && items.length > 0) items[items.length - 1] += `\n${line.slice(CONTINUATION.length)}`;
    else if (line.startsWith(ITEM) && line.length > ITEM.length && line[ITEM.length] !== " ") items.push(line.slice(ITEM.length));
    else return undefined;
  }
  return items;
}

/** The comment text with the description as the main text, or undefined when it has no `@description`. */
export function plainDescription(text: string): string | undefined {
  const items = commentItems(text);
  const index = items?.findIndex((item) => item.startsWith(DESCRIPTION_TAG)) ?? -1;
  if (!items || index < 0) return undefined;
  const description = items[index]!.slice(DESCRIPTION_TAG.length).split("\n");
  const others = items.filter((_, i) => i !== index);
  // Titles and summaries come first, then the description, each a paragraph of its own; then
  // `Format: …` (a paragraph too, so Markdown does not run it into the description) and the tags.
  const headings = others.filter((item) => !item.startsWith("@") && !item.startsWith("Format: "));
  const formats = others.filter((item) => item.startsWith("Format: "));
  const tags = others.filter((item) => item.startsWith("@"));
  const paragraphs = [...headings.map((item) => item.split("\n")), description, ...formats.map((item) => [item])];
  const lines = paragraphs.flatMap((paragraph, i) => (i === 0 ? paragraph : ["", ...paragraph]));
  const tail = tags.map((item) => item.replace(/\n/g, `\n${CONTINUATION}`));
  if (lines.length === 1 && tail.length === 0) return `* ${lines[0]} `;
  return `*\n${[...lines.map((line) => (line === "" ? " *" : `${ITEM}${line}`)), ...tail.map((item) => `${ITEM}${item}`)].join("\n")}\n `;
}

/** Rewrites, in place, every JSDoc comment in `nodes` that carries a `@description` tag. */
export function plainDescriptions(nodes: readonly ts.Node[]): void {
  const visit = (node: ts.Node): void => {
    const comments = ts.getSyntheticLeadingComments(node);
    if (comments?.some((comment) => plainDescription(comment.text) !== undefined)) {
      ts.setSyntheticLeadingComments(
        node,
        comments.map((comment) => ({ ...comment, text: plainDescription(comment.text) ?? comment.text })),
      );
    }
    ts.forEachChild(node, visit);
  };
  for (const node of nodes) visit(node);
}
