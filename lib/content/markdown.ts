import type { Element, ElementContent, Root as HastRoot } from "hast";
import type { Root as MdastRoot } from "mdast";
import { toString } from "mdast-util-to-string";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { CONTINUE, SKIP, visit } from "unist-util-visit";
import { rehypeTypography } from "./typography";

const parser = unified().use(remarkParse).use(remarkGfm);

// Raw HTML in Markdown is dropped by remark-rehype (no allowDangerousHtml); the sanitizer is the
// second fence for anything the Markdown itself can express, such as javascript: links.
const toHtml = unified()
  .use(remarkRehype)
  .use(rehypeSanitize, {
    ...defaultSchema,
    protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto", "tel"] },
  })
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
  /** Plain text of the first paragraph, when the body starts with one. */
  firstParagraph?: string;
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

  // The lead and the plain text are taken from the finished tree, so they are sanitised and
  // typeset exactly like the HTML.
  const startsWithParagraph = tree.children[0]?.type === "paragraph";
  const hast = toHtml.runSync(tree) as HastRoot;
  const blocks = hast.children.filter((node): node is Element => node.type === "element");

  let firstParagraph: string | undefined;
  const first = blocks[0];
  if (startsWithParagraph && first?.tagName === "p") {
    // Collapses line breaks only: \s would also eat the typeset non-breaking spaces.
    firstParagraph = textOf(first).replace(/[ \t\r\n]+/g, " ").trim() || undefined;
    if (takeLead && firstParagraph) {
      const at = hast.children.indexOf(first);
      // The paragraph and the line break that follows it.
      hast.children.splice(at, hast.children[at + 1]?.type === "text" ? 2 : 1);
      blocks.shift();
    }
  }

  const text = blocks.map((node) => textOf(node).trim()).filter(Boolean).join("\n\n");
  const html = String(toHtml.stringify(hast));
  return { html, text, ...(firstParagraph ? { firstParagraph } : {}) };
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
  const first = (parser.parse(chunk) as MdastRoot).children[0];
  if (!first || first.type !== "paragraph") return undefined;
  return toString(first).replace(/\s+/g, " ").trim() || undefined;
}

/**
 * The words of a body as plain text, for the search index: what `renderBody(…).text` holds, less
 * the typesetting, which changes no word. With `maxWords`, only the blocks that hold that many
 * words are parsed, and nothing is rendered to HTML: indexing 100,000 articles would otherwise
 * render every body in full to keep its first few dozen words.
 */
export function bodyWordsOf(markdown: string, { takeLead, maxWords }: { takeLead: boolean; maxWords?: number }): string {
  let source = markdown;
  if (maxWords !== undefined) {
    // Blocks up to a blank line at a time, until they hold enough words (and the lead, if it goes).
    const gap = /\n[ \t]*\n/g;
    let words = 0;
    let blocks = 0;
    let end = markdown.length;
    for (let start = 0; ; ) {
      const m = gap.exec(markdown);
      const stop = m ? m.index : markdown.length;
      const n = countMarkdownWords(markdown.slice(start, stop));
      if (n > 0) blocks++;
      if (!(takeLead && blocks === 1)) words += n;
      if (!m || words >= maxWords) {
        end = stop;
        break;
      }
      start = gap.lastIndex;
    }
    source = markdown.slice(0, end);
  }
  const tree = parser.parse(source) as MdastRoot;
  const children = takeLead && tree.children[0]?.type === "paragraph" ? tree.children.slice(1) : tree.children;
  // Text blocks one by one, so that list items or table cells do not run into each other. Raw
  // HTML never reaches the page (see toHtml), and alt texts are not part of the text.
  const out: string[] = [];
  for (const child of children) {
    visit(child, (node) => {
      if (node.type !== "paragraph" && node.type !== "heading" && node.type !== "code" && node.type !== "tableCell") return CONTINUE;
      const text = toString(node, { includeHtml: false, includeImageAlt: false }).trim();
      if (text) out.push(text);
      return SKIP;
    });
  }
  return out.join("\n\n");
}

/** Words a reader reads: link targets, image sources, HTML tags and Markdown marks are not words. */
export function countMarkdownWords(markdown: string): number {
  const prose = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, " ")
    .replace(/\]\([^)]*\)/g, "] ")
    .replace(/<[^>]+>/g, " ")
    .replace(/https?:\/\/\S+/g, " ");
  return countWords(prose);
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
