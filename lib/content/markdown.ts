import type { Root as HastRoot } from "hast";
import type { Root as MdastRoot } from "mdast";
import { toString } from "mdast-util-to-string";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";

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

  let firstParagraph: string | undefined;
  const first = tree.children[0];
  if (first && first.type === "paragraph") {
    firstParagraph = toString(first).replace(/\s+/g, " ").trim() || undefined;
    if (takeLead && firstParagraph) tree.children.shift();
  }

  const text = tree.children.map((node) => toString(node).trim()).filter(Boolean).join("\n\n");
  const hast = toHtml.runSync(tree);
  const html = String(toHtml.stringify(hast));
  return { html, text, ...(firstParagraph ? { firstParagraph } : {}) };
}
