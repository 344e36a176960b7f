import type { Element, ElementContent, Root as HastRoot } from "hast";
import type { Root as MdastRoot } from "mdast";
import { toString } from "mdast-util-to-string";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { markdownShapeProblem } from "./markdown-limits";
import { rehypeTypography } from "./typography";

/** The longest first block read for a lead: it runs for every article indexed, so its input is kept small. */
export const MAX_LEAD_SOURCE_CHARS = 4000;

const parser = unified().use(remarkParse).use(remarkGfm);

/**
 * What a body may hold once rendered: GitHub's schema, with links limited to the web, mail and
 * phone. Exported so the feed importer sanitises partner HTML by the very same rules before it
 * becomes Markdown: what it keeps is then what the site would show.
 */
export const BODY_SANITIZE_SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto", "tel"] },
};

// Raw HTML in Markdown is dropped by remark-rehype (no allowDangerousHtml); the sanitizer is the
// second fence for anything the Markdown itself can express, such as javascript: links.
const toHtml = unified()
  .use(remarkRehype)
  .use(rehypeSanitize, BODY_SANITIZE_SCHEMA)
  .use(rehypeExternalLinks)
  // Runs on the sanitised tree, so it only ever sees text the reader will see.
  .use(rehypeTypography)
  .use(rehypeStringify);

/** Links that leave the site get no window.opener and send no referrer. */
function rehypeExternalLinks() {
  return (tree: HastRoot) => {
    visit(tree, "element", (node) => {
      const href = node.properties?.href;
      if (node.tagName === "a" && typeof href === "string" && /^https?:\/\//i.test(href)) {
        node.properties.rel = ["noopener", "noreferrer"];
      }
    });
  };
}

export interface RenderedBody {
  html: string;
  /** The body as plain text, blocks separated by blank lines (for feeds that want no markup). */
  text: string;
}

/**
 * Renders an article body to sanitised HTML. With `takeLead`, the first paragraph becomes the
 * lead and is left out of the body so the reader does not see it twice.
 */
export function renderBody(markdown: string, { takeLead }: { takeLead: boolean }): RenderedBody {
  const tree = parser.parse(markdown) as MdastRoot;

  // The page title is the only h1; body headings start at h2.
  visit(tree, "heading", (node) => {
    if (node.depth === 1) node.depth = 2;
  });

  // The plain text is taken from the finished tree, so it is sanitised and typeset exactly like
  // the HTML.
  const startsWithParagraph = tree.children[0]?.type === "paragraph";
  const hast = toHtml.runSync(tree) as HastRoot;
  const blocks = hast.children.filter((node): node is Element => node.type === "element");

  const first = blocks[0];
  // A first paragraph with no text is no lead, and stays.
  if (takeLead && startsWithParagraph && first?.tagName === "p" && textOf(first).trim()) {
    const at = hast.children.indexOf(first);
    // The paragraph and the line break that follows it.
    hast.children.splice(at, hast.children[at + 1]?.type === "text" ? 2 : 1);
    blocks.shift();
  }

  const text = blocks.map((node) => textOf(node).trim()).filter(Boolean).join("\n\n");
  const html = String(toHtml.stringify(hast));
  return { html, text };
}

/**
 * The body's first paragraph as plain text, without rendering the whole body: only the first block
 * (up to the first blank line) is parsed. The index needs this for the lead of every article at
 * start-up, where a full render of a large archive would cost minutes.
 */
export function firstParagraphOf(markdown: string): string | undefined {
  const trimmed = markdown.replace(/^(?:[ \t]*\r?\n)+/, "");
  const end = /\n[ \t]*\n/.exec(trimmed);
  const chunk = end ? trimmed.slice(0, end.index) : trimmed;
  // A lead is a paragraph a reader takes in at a glance; a longer or odd-shaped first block is none.
  if (chunk.length > MAX_LEAD_SOURCE_CHARS || markdownShapeProblem(chunk)) return undefined;
  if (isPlainProse(chunk)) return chunk.replace(/\s+/g, " ").trim() || undefined;
  return parsedFirstParagraph(chunk);
}

// A first block with no character Markdown could read as markup is a paragraph whose text is the
// block itself: most leads taken from a body are such plain sentences, and parsing each one
// (micromark combines its GFM extensions anew on every call) was an eighth of indexing's CPU.
// Left to the parser: emphasis, code, links, escapes, entities, HTML, tables, autolinked
// addresses (@), a line that starts with a space, a tab or a block mark (-, +, =, "1."), and a
// hard line break (two spaces before a newline).
const MARKUP_CHARS = /[*_`~[\]\\<>&|#@\r\t\f\v]/;
const BLOCK_START = /(?:^|\n)(?:[ \-+=]|\d{1,9}[.)])/;

function isPlainProse(chunk: string): boolean {
  return !MARKUP_CHARS.test(chunk) && !BLOCK_START.test(chunk) && !/ {2}\n/.test(chunk);
}

/** The first block's paragraph text as the Markdown parser reads it (exported for the fast path's test). */
export function parsedFirstParagraph(chunk: string): string | undefined {
  const first = (parser.parse(chunk) as MdastRoot).children[0];
  if (!first || first.type !== "paragraph") return undefined;
  return toString(first).replace(/\s+/g, " ").trim() || undefined;
}

/**
 * Words a reader reads: link targets, image sources, HTML tags and Markdown marks are not words.
 * Every pattern stops at the next bracket or line break and after a few hundred characters, so each
 * character is looked at a bounded number of times: an unbounded `[^)]*` ran to the end of the body
 * from each of 100,000 unclosed `](` and never finished.
 */
export function countMarkdownWords(markdown: string): number {
  return countWords(proseOf(markdown));
}

/** The Markdown less what is not words (see countMarkdownWords); also what the search index reads of a body. */
export function proseOf(markdown: string): string {
  return withoutFencedCode(markdown)
    .replace(/!\[[^[\]\n]{0,500}\]\([^()\n]{0,2000}\)/g, " ")
    .replace(/\]\([^()\n]{0,2000}\)/g, "] ")
    .replace(/<[^<>\n]{1,500}>/g, " ")
    .replace(/https?:\/\/\S+/g, " ");
}

/**
 * A body's reading text without rendering it, for search passages: proseOf, less what is left of
 * the Markdown (heading, quote and list marks, emphasis, brackets, entities). Rendering 20 bodies
 * for their passages was most of a search page's time when none was in the cache; the page
 * already shows the rendered text of those that are. Each block ends with a full stop when it
 * has none, so that a passage never runs a heading into the paragraph after it.
 */
export function plainTextOf(markdown: string): string {
  return proseOf(markdown)
    // An ATX heading is a block of its own even with no blank line after it ("## Итоги\nТекст").
    .replace(/^([ \t]{0,3}#{1,6}[ \t].*)$/gm, "\n$1\n")
    .split(/\n[ \t]*\n/)
    .map((block) =>
      block
        .replace(/^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)/gm, "")
        .replace(/[*_~`]+|\\(?=\S)|[[\]]/g, "")
        .replace(/&(?:nbsp|#160);/g, " ")
        .replace(/&#?\w{1,32};/g, " ")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter(Boolean)
    .map(asSentence)
    .join(" ");
}

/** A block of text as a sentence: with a full stop when it ends without punctuation (a heading). */
function asSentence(block: string): string {
  return /[.!?…:;»"]$/.test(block) ? block : `${block}.`;
}

/**
 * A rendered body's text (blocks separated by blank lines) as one run for a search passage, each
 * block a sentence as plainTextOf makes it: a subheading never runs into the paragraph after it.
 */
export function passageTextOf(text: string): string {
  return text
    .split(/\n[ \t]*\n/)
    .map((block) => block.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .map(asSentence)
    .join(" ");
}

/** The text without its fenced code blocks (``` or ~~~), in one pass over the lines. */
function withoutFencedCode(markdown: string): string {
  if (!markdown.includes("```") && !markdown.includes("~~~")) return markdown;
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split("\n")) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === undefined) {
      if (m) fence = m[1];
      else out.push(line);
    } else if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && /^ {0,3}[`~]+[ \t]*$/.test(line)) {
      fence = undefined;
    }
  }
  return out.join("\n");
}

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** The text a reader sees in an element (no alt texts, no URLs). */
function textOf(node: Element | ElementContent): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}
