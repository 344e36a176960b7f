/**
 * Partner HTML (or plain text) → the Markdown an article file holds.
 *
 * The output is judged by the site's own renderer (lib/content/markdown.ts): it is sanitised by the
 * same schema first, so nothing survives here that the site would drop later, and it is checked
 * against the same shape bounds (markdown-limits.ts), so a body never ends up refused for its shape.
 * Images are listed, not kept: the site never hot-links a partner's photos.
 */
import type { Element, ElementContent, Root, RootContent } from "hast";
import type { Root as MdastRoot, RootContent as MdastContent } from "mdast";
import rehypeParse from "rehype-parse";
import rehypeRemark from "rehype-remark";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import remarkStringify, { type Options as StringifyOptions } from "remark-stringify";
import { unified } from "unified";
import { SKIP, visit } from "unist-util-visit";
import { BODY_SANITIZE_SCHEMA } from "@/lib/content/markdown";
import { markdownShapeProblem } from "@/lib/content/markdown-limits";

export interface ConvertedBody {
  markdown: string;
  /** The body's images in reading order: absolute http(s) URLs, for the importer to download. */
  images: { url: string; alt?: string }[];
}

/** Elements kept after parsing; deeper ones are unwrapped into the element at this depth. */
export const MAX_HTML_DEPTH = 24;
/**
 * Nesting let through to the HTML parser at all. The hast conversion behind rehype-parse recurses
 * once per level and overflowed the stack at 2,000 nested elements, before any of our code could
 * bound the tree; so tags deeper than this are dropped from the source first (see boundNesting).
 */
const MAX_SOURCE_NESTING = 128;

/** Removed with everything inside them: code, embedded documents and the page's chrome. */
const REMOVED = new Set([
  "script",
  "style",
  "iframe",
  "object",
  "embed",
  "form",
  "nav",
  "aside",
  "footer",
  "header",
  "noscript",
  "template",
  "svg",
  "math",
  "button",
  "select",
  "textarea",
  "input",
  "link",
  "meta",
  "frame",
  "frameset",
  "applet",
  "canvas",
  "audio",
  "video",
  "dialog",
]);

/** Elements without content: kept as leaves when their deep ancestors are unwrapped. */
const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
  "param",
  "keygen",
  "frame",
  "basefont",
  "bgsound",
  "image",
]);

/** Elements whose content the HTML parser reads as text, so tags inside them are not tags. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"]);

/** Elements a second one of the same name closes (`<li>a<li>b`), as the HTML parser does. */
const CLOSED_BY_SIBLING = new Set(["p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "thead", "tbody", "tfoot"]);

/** Block-level elements: loose text beside them becomes a paragraph of its own. */
const BLOCK = new Set([
  "address",
  "article",
  "blockquote",
  "details",
  "dialog",
  "dd",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "li",
  "main",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
  "summary",
  "caption",
]);

/** Containers whose loose text is split into paragraphs at blank lines and doubled <br>. */
const PARAGRAPH_CONTAINERS = new Set(["div", "section", "article", "main", "blockquote"]);

const LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:", "tel:"]);

const htmlParser = unified().use(rehypeParse, { fragment: true });
const sanitizer = unified().use(rehypeSanitize, BODY_SANITIZE_SCHEMA);

/** Case-insensitive "javascript" before a colon, for remark-stringify's escaping. */
const JAVASCRIPT = [..."javascript"].map((c) => `[${c}${c.toUpperCase()}]`).join("");

const STRINGIFY_OPTIONS: StringifyOptions = {
  bullet: "-",
  // `*`, not `_`: CommonMark ignores `_` inside a word, and Russian text puts emphasis inside
  // words («сло<em>во</em>») often enough.
  emphasis: "*",
  strong: "*",
  fence: "`",
  fences: true,
  rule: "-",
  listItemIndent: "one",
  // `javascript\:` renders as «javascript:» but is never the string itself, so no later reader of
  // the file (a preview, a feed, a careless regex) can take it for a link.
  unsafe: [{ character: ":", before: JAVASCRIPT }],
};

const toMarkdown = unified().use(rehypeRemark).use(remarkGfm).use(remarkStringify, STRINGIFY_OPTIONS);

/** Converts partner HTML or plain text to Markdown the site renders as is, and lists its images. */
export function htmlToMarkdown(html: string, baseUrl: string): ConvertedBody {
  const tree = parseHtml(html);
  const textOnly = !tree.children.some((node) => node.type === "element");
  boundTree(tree);
  if (textOnly) paragraphsFromLines(tree);
  else paragraphize(tree);
  demoteH1(tree);
  const images = takeImages(tree, baseUrl);
  resolveLinks(tree, baseUrl);
  const clean = sanitizer.runSync(tree) as Root;
  unwrapBareLinks(clean);

  const markdown = finish(toMarkdownTree(clean));
  if (markdown !== undefined) return { markdown, images };
  // Shapes no news story has (see markdown-limits.ts): keep the words as plain paragraphs.
  return { markdown: plainMarkdown(blockTexts(clean)), images };
}

/** Plain text of HTML: entities decoded, tags and the page's chrome dropped, whitespace collapsed. */
export function htmlToText(html: string): string {
  const tree = parseHtml(html);
  boundTree(tree);
  return blockTexts(tree).join(" ").replace(/\s+/g, " ").trim();
}

// ---------------------------------------------------------------------------------------------
// Parsing and bounding

/** Parses a fragment; a shape the parser still cannot take falls back to the text between tags. */
function parseHtml(html: string): Root {
  try {
    return htmlParser.parse(boundNesting(html, MAX_SOURCE_NESTING));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // `[^<>]` keeps this linear: a `<` without a `>` is passed over, not scanned to the end again.
    return htmlParser.parse(html.replace(/<[^<>]*>/g, " ").replace(/</g, "&lt;"));
  }
}

/**
 * Drops start and end tags nested deeper than `cap`, in one pass over the source. It models the
 * parser's stack loosely (void elements, raw-text elements, `<li>` closing `<li>`) and errs towards
 * counting too deep, which only ever drops a tag from a document that was pathological anyway.
 */
export function boundNesting(html: string, cap: number): string {
  if (html.indexOf("<") < 0) return html;
  const out: string[] = [];
  const stack: string[] = [];
  const tagName = /[a-zA-Z][^\s/>]*/y;
  let copied = 0;
  let i = html.indexOf("<");
  while (i >= 0 && i < html.length) {
    const next = html.charCodeAt(i + 1);
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      // Comments, doctypes and processing instructions nest nothing.
      const end = html.startsWith("<!--", i) ? html.indexOf("-->", i + 4) : html.indexOf(">", i);
      i = end < 0 ? -1 : html.indexOf("<", end);
      continue;
    }
    const closing = next === 0x2f; /* / */
    tagName.lastIndex = closing ? i + 2 : i + 1;
    const m = tagName.exec(html);
    if (!m) {
      i = html.indexOf("<", i + 1);
      continue;
    }
    const name = m[0].toLowerCase();
    const end = tagEnd(html, tagName.lastIndex);
    let keep = true;
    if (closing) {
      // Searched near the top only, so stray end tags cannot make the pass quadratic.
      const at = nearTop(stack, name, 64);
      if (at >= 0) {
        keep = at < cap;
        stack.length = at;
      }
    } else if (!VOID.has(name)) {
      if (CLOSED_BY_SIBLING.has(name) && stack[stack.length - 1] === name) stack.pop();
      keep = stack.length < cap;
      stack.push(name);
    }
    let after = end;
    if (!closing && RAW_TEXT.has(name)) {
      // Its content is text up to its end tag; all of these are removed later anyway, so one
      // that is too deep goes whole rather than letting its content be read as markup.
      stack.pop();
      const close = new RegExp(`</${name}[\\s/>]`, "gi");
      close.lastIndex = end;
      const found = close.exec(html);
      const closeEnd = found ? tagEnd(html, found.index + 2) : html.length;
      if (!keep) after = closeEnd;
      else if (!found) break;
      else {
        i = html.indexOf("<", closeEnd);
        continue;
      }
    }
    if (!keep) {
      out.push(html.slice(copied, i));
      copied = after;
    }
    i = html.indexOf("<", after);
  }
  if (copied === 0) return html;
  out.push(html.slice(copied));
  return out.join("");
}

/** Index of the last `name` among the top `window` entries of `stack`, or -1. */
function nearTop(stack: readonly string[], name: string, window: number): number {
  for (let k = stack.length - 1; k >= 0 && k >= stack.length - window; k--) if (stack[k] === name) return k;
  return -1;
}

/** Index after the `>` that ends the tag whose attributes start at `from`, quotes respected. */
function tagEnd(html: string, from: number): number {
  let quote = 0;
  for (let j = from; j < html.length; j++) {
    const c = html.charCodeAt(j);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return j + 1;
  }
  return html.length;
}

/**
 * Removes comments and the REMOVED elements, and unwraps elements deeper than MAX_HTML_DEPTH into
 * their ancestor at that depth, without recursion: everything after this may recurse safely.
 */
function boundTree(root: Root): void {
  const work: { node: Root | Element; depth: number }[] = [{ node: root, depth: 0 }];
  for (let item = work.pop(); item; item = work.pop()) {
    const { node, depth } = item;
    const out: ElementContent[] = [];
    for (const child of node.children) {
      if (child.type === "text") out.push(child);
      else if (child.type === "element" && !REMOVED.has(child.tagName)) {
        if (depth + 1 >= MAX_HTML_DEPTH && child.children.length > 0) pushLeaves(child, out);
        else {
          out.push(child);
          work.push({ node: child, depth: depth + 1 });
        }
      }
    }
    setChildren(node, out);
  }
}

/** The text and empty elements (br, img) under `element`, in order, without their ancestors. */
function pushLeaves(element: Element, out: ElementContent[]): void {
  const stack: ElementContent[] = [...element.children].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === "text") out.push(node);
    else if (node.type === "element" && !REMOVED.has(node.tagName)) {
      if (node.children.length === 0) out.push(node);
      else for (let k = node.children.length - 1; k >= 0; k--) stack.push(node.children[k]!);
    }
  }
}

function setChildren(node: Root | Element, children: ElementContent[]): void {
  if (node.type === "root") node.children = children as RootContent[];
  else node.children = children;
}

function paragraph(children: ElementContent[]): Element {
  return { type: "element", tagName: "p", properties: {}, children };
}

/** Text without any tag (Yandex full-text): each line is a paragraph. */
function paragraphsFromLines(root: Root): void {
  const text = root.children.map((node) => (node.type === "text" ? node.value : "")).join("");
  root.children = text
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => paragraph([{ type: "text", value: line }]));
}

/**
 * Loose text in the root and in div-like containers becomes paragraphs, split where the partner
 * left a blank line or two line breaks; otherwise a whole article would run together in one.
 */
function paragraphize(root: Root): void {
  const containers: (Root | Element)[] = [root];
  for (let node = containers.pop(); node; node = containers.pop()) {
    for (const child of node.children) {
      if (child.type === "element" && PARAGRAPH_CONTAINERS.has(child.tagName)) containers.push(child);
    }
    if (node.children.some((c) => c.type === "text" && /\n[ \t]*\n/.test(c.value)) || hasDoubleBreak(node) || mixesBlocks(node)) {
      setChildren(node, groupInline(node.children as ElementContent[]));
    }
  }
}

function mixesBlocks(node: Root | Element): boolean {
  const block = node.children.some((c) => c.type === "element" && BLOCK.has(c.tagName));
  const loose = node.children.some((c) => (c.type === "text" && c.value.trim() !== "") || (c.type === "element" && !BLOCK.has(c.tagName)));
  return block && loose;
}

function hasDoubleBreak(node: Root | Element): boolean {
  let breaks = 0;
  for (const c of node.children) {
    if (c.type === "element" && c.tagName === "br") {
      if (++breaks >= 2) return true;
    } else if (!(c.type === "text" && c.value.trim() === "")) breaks = 0;
  }
  return false;
}

function groupInline(children: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  let run: ElementContent[] = [];
  let breaks: ElementContent[] = [];
  const flush = () => {
    if (run.some((n) => n.type !== "text" || n.value.trim() !== "")) out.push(paragraph(run));
    run = [];
    breaks = [];
  };
  for (const child of children) {
    if (child.type === "element" && BLOCK.has(child.tagName)) {
      flush();
      out.push(child);
    } else if (child.type === "element" && child.tagName === "br") {
      breaks.push(child);
      if (breaks.filter((n) => n.type === "element").length === 2) flush();
    } else if (child.type === "text") {
      const parts = child.value.split(/\n[ \t]*\n/);
      parts.forEach((part, k) => {
        if (k > 0) flush();
        if (part.trim() === "") {
          if (breaks.length) breaks.push({ type: "text", value: part });
          return;
        }
        run.push(...breaks, { type: "text", value: part });
        breaks = [];
      });
    } else {
      run.push(...breaks, child);
      breaks = [];
    }
  }
  flush();
  return out;
}

/** The article's title is the page's only h1 (as lib/content/markdown.ts also enforces). */
function demoteH1(root: Root): void {
  visit(root, "element", (node) => {
    if (node.tagName === "h1") node.tagName = "h2";
  });
}

// ---------------------------------------------------------------------------------------------
// Images and links

/** Lists and removes every img: the importer downloads what it wants and places it itself. */
function takeImages(root: Root, baseUrl: string): { url: string; alt?: string }[] {
  const images: { url: string; alt?: string }[] = [];
  const seen = new Set<string>();
  visit(root, "element", (node, index, parent) => {
    if (node.tagName !== "img" || !parent || index === undefined) return;
    const url = imageSource(node, baseUrl);
    if (url && !seen.has(url)) {
      seen.add(url);
      const alt = typeof node.properties.alt === "string" ? node.properties.alt.replace(/\s+/g, " ").trim() : "";
      images.push(alt ? { url, alt } : { url });
    }
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
  return images;
}

/** src, or the lazy-loading attributes partners put the real address in, or srcset's first. */
function imageSource(img: Element, baseUrl: string): string | undefined {
  const p = img.properties;
  // hast splits srcset on commas: its first entry is "url [descriptor]".
  const rawSrcset: unknown = p.srcSet;
  const srcset = typeof rawSrcset === "string" ? rawSrcset : Array.isArray(rawSrcset) ? rawSrcset.map(String).join(",") : undefined;
  const candidates = [p.dataSrc, p.dataOriginal, p.dataLazySrc, p.src, srcset?.trim().split(/\s+/)[0]];
  for (const candidate of candidates) {
    if (typeof candidate !== "string" || candidate.trim() === "") continue;
    // Pictures beside a `file:` feed are files too (the fetcher keeps them inside its folder).
    const url = absoluteUrl(candidate, baseUrl, baseUrl.startsWith("file:") ? ["http:", "https:", "file:"] : ["http:", "https:"]);
    if (url) return url;
  }
  return undefined;
}

/** Links made absolute against the page, and dropped unless they lead to the web, mail or a phone. */
function resolveLinks(root: Root, baseUrl: string): void {
  visit(root, "element", (node) => {
    if (node.tagName !== "a") return;
    const href = node.properties.href;
    const url = typeof href === "string" ? absoluteUrl(href, baseUrl, [...LINK_PROTOCOLS]) : undefined;
    // Encoding the colon changes nothing a server reads, and keeps the file free of the string.
    if (url) node.properties.href = url.replace(/javascript:/gi, "javascript%3A");
    else delete node.properties.href;
  });
}

/** `url` resolved against `base`, when it is well-formed and uses one of `protocols`. */
export function absoluteUrl(url: string, base: string, protocols: readonly string[]): string | undefined {
  try {
    const resolved = new URL(url.trim(), base);
    return protocols.includes(resolved.protocol) ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

/** A link without a target is its text. */
function unwrapBareLinks(root: Root): void {
  visit(root, "element", (node, index, parent) => {
    if (node.tagName !== "a" || typeof node.properties.href === "string" || !parent || index === undefined) return;
    parent.children.splice(index, 1, ...node.children);
    return [SKIP, index];
  });
}

// ---------------------------------------------------------------------------------------------
// Markdown

function toMarkdownTree(hast: Root): MdastRoot {
  const mdast = toMarkdown.runSync(hast) as MdastRoot;
  // Raw HTML never reaches a body, and an empty paragraph is only a gap.
  visit(mdast, (node, index, parent) => {
    if (!parent || index === undefined) return;
    if (node.type === "html" || (node.type === "paragraph" && isBlank(node.children))) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    if (node.type === "code" || node.type === "inlineCode") {
      // A code sample may mention it; a word joiner keeps it reading the same.
      node.value = node.value.replace(/(javascript)(:)/gi, "$1\u2060$2");
    }
  });
  return mdast;
}

function isBlank(children: readonly MdastContent[]): boolean {
  return children.every((c) => (c.type === "text" && c.value.trim() === "") || c.type === "break");
}

/** The Markdown, or undefined when it breaks a shape bound or still holds a script link. */
function finish(mdast: MdastRoot): string | undefined {
  const markdown = toMarkdown.stringify(mdast).trim();
  if (/javascript:/i.test(markdown) || markdownShapeProblem(markdown)) return undefined;
  return markdown;
}

/**
 * The texts of the blocks of a tree, without recursion: paragraphs, headings, list items and cells
 * each give one text, so that words of neighbouring blocks never run together.
 */
function blockTexts(root: Root): string[] {
  const blocks: string[] = [];
  let current = "";
  const end = () => {
    const text = current.replace(/\s+/g, " ").trim();
    if (text) blocks.push(text);
    current = "";
  };
  // An element's close is marked by a sentinel entry so blocks end where they end.
  const stack: (RootContent | "end-block")[] = [...root.children].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node === "end-block") end();
    else if (node.type === "text") current += node.value;
    else if (node.type === "element" && !REMOVED.has(node.tagName)) {
      if (node.tagName === "br") current += " ";
      if (BLOCK.has(node.tagName)) {
        end();
        stack.push("end-block");
      }
      for (let k = node.children.length - 1; k >= 0; k--) stack.push(node.children[k]!);
    }
  }
  end();
  return blocks;
}

/** Longest paragraph of the fallback, well under the shape bounds on one block. */
const PLAIN_BLOCK_CHARS = 2000;

/**
 * Plain paragraphs that pass the shape bounds whatever the text: long blocks are cut at spaces, and
 * runs of one punctuation mark are shortened (no sentence needs 33 «!» in a row).
 */
function plainMarkdown(texts: readonly string[], lastResort = false): string {
  const paragraphs = texts.flatMap((text) => chunk(text.replace(/([^\p{L}\p{N}\s])\1{7,}/gu, "$1$1$1"), PLAIN_BLOCK_CHARS));
  const mdast: MdastRoot = {
    type: "root",
    children: paragraphs.map((value) => ({ type: "paragraph", children: [{ type: "text", value }] })),
  };
  const markdown = toMarkdown.stringify(mdast).trim();
  if (lastResort || !markdownShapeProblem(markdown)) return markdown;
  // Only a flood of one kind of mark can get here; the words stay, the marks go.
  return plainMarkdown(
    texts.map((text) => text.replace(/[`*_~[\]()<!|\\]/g, " ")),
    true,
  );
}

function chunk(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const space = rest.lastIndexOf(" ", max);
    const at = space > max / 2 ? space : max;
    out.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) out.push(rest);
  return out;
}
