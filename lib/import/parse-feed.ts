/**
 * RSS 2.0 (with the Yandex News, content, Media RSS and Dublin Core extensions), RSS 1.0 and Atom
 * 1.0 → plain, bounded FeedItems.
 *
 * Security: the XML is read by saxes, which never loads a DTD and never expands a declared entity;
 * a document that declares any (a DOCTYPE with an internal subset) is refused outright, so neither
 * external entities (XXE) nor entity expansion (billion laughs) can ever reach this code. Nesting
 * and every field are bounded, so a hostile feed costs time and memory in proportion to its size.
 */
import { createHash } from "node:crypto";
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from "saxes";
import { imageTypeOf } from "../mime";
import { feedDate } from "./feed-dates";
import { absoluteUrl, htmlToText } from "./html-to-markdown";
import { type FeedImage, type FeedItem, ImportError, type ParsedFeed } from "./types";

export const MAX_ITEMS = 1000;
export const MAX_TITLE_CHARS = 500;
/** summary and full text each: 1 MiB of characters. */
export const MAX_TEXT_CHARS = 1 << 20;
export const MAX_CATEGORIES = 50;
export const MAX_CATEGORY_CHARS = 200;
export const MAX_AUTHOR_CHARS = 200;
/** Longer guids are replaced by their hash: cutting them could make two items one. */
export const MAX_GUID_CHARS = 500;
export const MAX_URL_CHARS = 4000;
/** Real feeds nest a dozen levels at most; an Atom xhtml body a few more. */
export const MAX_XML_DEPTH = 64;

export const ENTITIES_REFUSED = "the feed declares entities (DOCTYPE); refused: external entities and entity expansion are never processed";

const NS = {
  atom: "http://www.w3.org/2005/Atom",
  rss1: "http://purl.org/rss/1.0/",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  content: "http://purl.org/rss/1.0/modules/content/",
  dc: "http://purl.org/dc/elements/1.1/",
  media: "http://search.yahoo.com/mrss/",
  yandex: "http://news.yandex.ru",
  xml: "http://www.w3.org/XML/1998/namespace",
} as const;

/** Namespace spellings seen in the wild besides the official one (a trailing slash, or none). */
const ALIASES: Readonly<Record<string, string>> = {
  "http://search.yahoo.com/mrss": NS.media,
  "http://news.yandex.ru/": NS.yandex,
  "https://news.yandex.ru": NS.yandex,
  "https://news.yandex.ru/": NS.yandex,
  "http://purl.org/rss/1.0/modules/content": NS.content,
  "http://purl.org/dc/elements/1.1": NS.dc,
};

/**
 * Prefixes some feeds use without declaring them (a Yandex feed without xmlns:yandex is common).
 * Only consulted for an undeclared prefix; a declared one is always read by its URI.
 */
const UNDECLARED_PREFIXES: Readonly<Record<string, string>> = {
  media: NS.media,
  yandex: NS.yandex,
  dc: NS.dc,
  content: NS.content,
  atom: NS.atom,
};

/**
 * HTML named entities sloppy feeds use outside CDATA. Each is one character, so nothing expands;
 * any other name is still an error, as XML says.
 */
const HTML_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: "\u00a0",
  ensp: "\u2002",
  emsp: "\u2003",
  thinsp: "\u2009",
  shy: "\u00ad",
  zwnj: "\u200c",
  zwj: "\u200d",
  mdash: "—",
  ndash: "–",
  minus: "−",
  hellip: "…",
  laquo: "«",
  raquo: "»",
  lsaquo: "‹",
  rsaquo: "›",
  lsquo: "‘",
  rsquo: "’",
  sbquo: "‚",
  ldquo: "“",
  rdquo: "”",
  bdquo: "„",
  prime: "′",
  Prime: "″",
  bull: "•",
  middot: "·",
  para: "¶",
  sect: "§",
  copy: "©",
  reg: "®",
  trade: "™",
  deg: "°",
  plusmn: "±",
  times: "×",
  divide: "÷",
  frac12: "½",
  frac14: "¼",
  frac34: "¾",
  sup1: "¹",
  sup2: "²",
  sup3: "³",
  micro: "µ",
  euro: "€",
  pound: "£",
  yen: "¥",
  cent: "¢",
  curren: "¤",
  iexcl: "¡",
  iquest: "¿",
  larr: "←",
  rarr: "→",
  uarr: "↑",
  darr: "↓",
  harr: "↔",
  le: "≤",
  ge: "≥",
  ne: "≠",
  asymp: "≈",
  infin: "∞",
  numero: "№",
  dagger: "†",
  Dagger: "‡",
  permil: "‰",
  ordm: "º",
  ordf: "ª",
  not: "¬",
  macr: "¯",
  acute: "´",
  agrave: "à",
  aacute: "á",
  acirc: "â",
  atilde: "ã",
  auml: "ä",
  aring: "å",
  aelig: "æ",
  ccedil: "ç",
  egrave: "è",
  eacute: "é",
  ecirc: "ê",
  euml: "ë",
  igrave: "ì",
  iacute: "í",
  icirc: "î",
  iuml: "ï",
  ntilde: "ñ",
  ograve: "ò",
  oacute: "ó",
  ocirc: "ô",
  otilde: "õ",
  ouml: "ö",
  oslash: "ø",
  ugrave: "ù",
  uacute: "ú",
  ucirc: "û",
  uuml: "ü",
  yacute: "ý",
  yuml: "ÿ",
  szlig: "ß",
  Agrave: "À",
  Aacute: "Á",
  Acirc: "Â",
  Auml: "Ä",
  Aring: "Å",
  Ccedil: "Ç",
  Egrave: "È",
  Eacute: "É",
  Ecirc: "Ê",
  Ntilde: "Ñ",
  Oacute: "Ó",
  Ouml: "Ö",
  Oslash: "Ø",
  Uacute: "Ú",
  Uuml: "Ü",
};

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

interface XmlElement {
  uri: string;
  local: string;
  /** The qualified name, as written. */
  name: string;
  attrs: readonly { uri: string; local: string; value: string }[];
  children: (XmlElement | string)[];
  /** xml:base in effect, resolved against the feed URL. */
  base: string;
  /** Characters of text held directly, to stop storing past the field bounds. */
  chars: number;
}

/** Parses a feed; throws ImportError with a reason for the operator when it cannot. */
export function parseFeed(xml: string, feedUrl: string): ParsedFeed {
  const root = readXml(xml, feedUrl);
  if (root.local === "rss" || (root.local === "RDF" && root.uri === NS.rdf)) return readRss(root);
  if (root.local === "feed" && (root.uri === NS.atom || root.uri === "")) return readAtom(root);
  throw new ImportError(`not a feed: the document's root element is <${root.name}>`);
}

// ---------------------------------------------------------------------------------------------
// XML → a small bounded tree

function readXml(xml: string, feedUrl: string): XmlElement {
  // A BOM or blank lines before the XML declaration are common and harmless; they are skipped,
  // and counted so error positions still match the file.
  const lead = /^\uFEFF?\s*/.exec(xml)?.[0] ?? "";
  const skippedLines = (lead.match(/\n/g) ?? []).length;

  const parser = new SaxesParser({ xmlns: true, position: true, resolvePrefix: (prefix: string) => UNDECLARED_PREFIXES[prefix] });
  parser.ENTITIES = Object.assign(Object.create(null) as Record<string, string>, XML_ENTITIES, HTML_ENTITIES);

  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let items = 0;
  // Elements past the item bound are read (the XML must still be well-formed) but not kept.
  let skipFrom = -1;

  parser.on("error", (error) => {
    const message = error.message.replace(/^\d+:\d+: /, "");
    throw new ImportError(`broken XML at line ${parser.line + skippedLines}, column ${parser.column}: ${message}`);
  });
  parser.on("doctype", (doctype) => {
    // An internal subset is where entities are declared; without one, a DOCTYPE declares nothing
    // (an external DTD is never fetched).
    if (/[[<%]/.test(doctype) || /ENTITY/i.test(doctype)) throw new ImportError(ENTITIES_REFUSED);
  });
  parser.on("opentag", (tag: SaxesTagNS) => {
    if (stack.length >= MAX_XML_DEPTH) {
      throw new ImportError(`the feed nests elements more than ${MAX_XML_DEPTH} deep (line ${parser.line + skippedLines}); refused`);
    }
    const parent = stack[stack.length - 1];
    const element = makeElement(tag, parent?.base ?? feedUrl);
    if (parent && skipFrom < 0 && isItem(element, parent)) {
      if (++items > MAX_ITEMS) skipFrom = stack.length;
    }
    if (!parent) root = element;
    else if (skipFrom < 0) parent.children.push(element);
    stack.push(element);
  });
  parser.on("closetag", () => {
    stack.pop();
    if (skipFrom >= 0 && stack.length <= skipFrom) skipFrom = -1;
  });
  const onText = (text: string) => {
    const parent = stack[stack.length - 1];
    if (!parent || skipFrom >= 0 || parent.chars > MAX_TEXT_CHARS) return;
    const kept = text.slice(0, MAX_TEXT_CHARS + 1 - parent.chars);
    parent.chars += kept.length;
    parent.children.push(kept);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);

  parser.write(xml.slice(lead.length)).close();
  if (!root) throw new ImportError("broken XML: the document is empty");
  return root;
}

function makeElement(tag: SaxesTagNS, parentBase: string): XmlElement {
  const attrs = Object.values(tag.attributes).map((a: SaxesAttributeNS) => ({ uri: a.uri, local: a.local, value: a.value }));
  const xmlBase = attrs.find((a) => a.uri === NS.xml && a.local === "base")?.value;
  const base = (xmlBase !== undefined && absoluteUrl(xmlBase, parentBase, ["http:", "https:", "file:"])) || parentBase;
  const uri = ALIASES[tag.uri] ?? tag.uri;
  return { uri, local: tag.local, name: tag.name, attrs, children: [], base, chars: 0 };
}

/** An RSS item or Atom entry, where the format puts them. */
function isItem(element: XmlElement, parent: XmlElement): boolean {
  if (element.local === "item") return parent.local === "channel" || parent.local === "RDF";
  return element.local === "entry" && parent.local === "feed";
}

// ---------------------------------------------------------------------------------------------
// Tree helpers

function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== "string");
}

function find(el: XmlElement, uris: readonly string[], local: string): XmlElement | undefined {
  return childElements(el).find((c) => c.local === local && uris.includes(c.uri));
}

function findAll(el: XmlElement, uris: readonly string[], local: string): XmlElement[] {
  return childElements(el).filter((c) => c.local === local && uris.includes(c.uri));
}

function attr(el: XmlElement, local: string): string | undefined {
  return el.attrs.find((a) => a.uri === "" && a.local === local)?.value;
}

/** All the text inside an element (the tree is at most MAX_XML_DEPTH deep). */
function textOf(el: XmlElement | undefined): string {
  if (!el) return "";
  return el.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("");
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Cuts at a character boundary, never through a surrogate pair. */
function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, cut);
}

/** Plain text for a title: a feed's title may hold escaped HTML (`&lt;b&gt;`) or CDATA markup. */
function plainTitle(text: string): string {
  const plain = /[<&]/.test(text) ? htmlToText(text) : collapse(text);
  return cap(plain, MAX_TITLE_CHARS).trim();
}

function bodyText(text: string): string | undefined {
  const trimmed = cap(text, MAX_TEXT_CHARS).trim();
  return trimmed || undefined;
}

function webUrl(url: string | undefined, base: string): string | undefined {
  if (!url || url.length > MAX_URL_CHARS) return undefined;
  return absoluteUrl(url, base, ["http:", "https:"]);
}

/**
 * A photo's address: http(s), or a file beside a `file:` feed (an agency that drops feed files
 * with their photos into a folder; the fetcher keeps it inside that folder). A feed read over the
 * network never names a file on this machine.
 */
function imageUrl(url: string | undefined, base: string): string | undefined {
  if (!url || url.length > MAX_URL_CHARS) return undefined;
  return absoluteUrl(url, base, base.startsWith("file:") ? ["http:", "https:", "file:"] : ["http:", "https:"]);
}

/** Trimmed, whitespace-collapsed, bounded, deduplicated regardless of case, in feed order. */
function categoriesOf(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const category = cap(collapse(value), MAX_CATEGORY_CHARS).trim();
    const key = category.toLocaleLowerCase("ru");
    if (!category || seen.has(key)) continue;
    seen.add(key);
    out.push(category);
    if (out.length === MAX_CATEGORIES) break;
  }
  return out;
}

/** RSS `author` is "mail@example.org (Имя)"; a bare address is not a byline. */
function authorOf(text: string): string | undefined {
  const plain = collapse(text);
  const named = /^\S+@\S+\s*\((.+)\)$/.exec(plain);
  const name = named ? named[1]!.trim() : /^\S+@\S+$/.test(plain) ? "" : plain;
  const bounded = cap(name, MAX_AUTHOR_CHARS).trim();
  return bounded || undefined;
}

function guidOf(id: string, link: string | undefined, title: string, published: string | undefined): string {
  const trimmed = id.trim();
  if (trimmed && trimmed.length <= MAX_GUID_CHARS) return trimmed;
  if (trimmed) return `sha1:${sha1(trimmed)}`;
  if (link && link.length <= MAX_GUID_CHARS) return link;
  return `sha1:${sha1(`${title}|${published ?? ""}`)}`;
}

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

function firstDate(elements: readonly (XmlElement | undefined)[]): string | undefined {
  for (const el of elements) {
    const date = el && feedDate(textOf(el));
    if (date) return date;
  }
  return undefined;
}

/** Leaves out the fields that are undefined, so items compare and serialise cleanly. */
function item(fields: FeedItem): FeedItem {
  const out: FeedItem = { ...fields };
  for (const key of Object.keys(out) as (keyof FeedItem)[]) {
    if (out[key] === undefined) delete out[key];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Images

function isImageType(type: string | undefined): boolean {
  return type !== undefined && /^image\//i.test(type.trim());
}

/** A Media RSS content or thumbnail, with the credit and description next to it or above it. */
function mediaImage(el: XmlElement, context: readonly XmlElement[]): FeedImage | undefined {
  const url = imageUrl(attr(el, "url"), el.base);
  if (!url) return undefined;
  const near = [el, ...context];
  const credit = near.map((n) => collapse(textOf(find(n, [NS.media], "credit") ?? find(n, [NS.media], "copyright")))).find(Boolean);
  const alt = near.map((n) => collapse(textOf(find(n, [NS.media], "description") ?? find(n, [NS.media], "title")))).find(Boolean);
  return {
    url,
    ...(credit ? { credit: cap(credit, MAX_AUTHOR_CHARS) } : {}),
    ...(alt ? { alt: cap(alt, MAX_TITLE_CHARS) } : {}),
  };
}

/** A media:content is an image when it says so, or says nothing and its file looks like one. */
function isImageContent(el: XmlElement): boolean {
  const medium = attr(el, "medium");
  const type = attr(el, "type");
  if (medium !== undefined) return medium === "image";
  if (type !== undefined) return isImageType(type);
  return imageTypeOf(attr(el, "url") ?? "") !== undefined;
}

/** The item's photo: enclosure, Media RSS (directly or in a group), Atom enclosure link. */
function feedImage(el: XmlElement): FeedImage | undefined {
  const enclosure = findAll(el, ["", NS.rss1], "enclosure").find((e) => isImageType(attr(e, "type")));
  const enclosureUrl = enclosure && imageUrl(attr(enclosure, "url"), enclosure.base);
  if (enclosureUrl) return mediaImage(enclosure, [el]) ?? { url: enclosureUrl };

  const groups = findAll(el, [NS.media], "group");
  const contents = [
    ...findAll(el, [NS.media], "content").map((c) => ({ c, context: [el] })),
    ...groups.flatMap((g) => findAll(g, [NS.media], "content").map((c) => ({ c, context: [g, el] }))),
  ];
  for (const { c, context } of contents) {
    const image = isImageContent(c) ? mediaImage(c, context) : undefined;
    if (image) return image;
  }
  const thumbs = [
    ...findAll(el, [NS.media], "thumbnail").map((t) => ({ t, context: [el] })),
    ...groups.flatMap((g) => findAll(g, [NS.media], "thumbnail").map((t) => ({ t, context: [g, el] }))),
  ];
  for (const { t, context } of thumbs) {
    const image = mediaImage(t, context);
    if (image) return image;
  }

  const atomEnclosure = findAll(el, [NS.atom], "link").find((l) => attr(l, "rel") === "enclosure" && isImageType(attr(l, "type")));
  const atomUrl = atomEnclosure && imageUrl(attr(atomEnclosure, "href"), atomEnclosure.base);
  return atomUrl ? { url: atomUrl } : undefined;
}

/**
 * The first <img> of the item's HTML, for feeds that name no photo otherwise. Looked for with
 * bounded steps (a few tags, each read up to its `>`), as the text may be a megabyte of anything.
 */
function firstHtmlImage(html: string | undefined, base: string): FeedImage | undefined {
  if (!html) return undefined;
  const tags = /<img\b/gi;
  for (let tries = 0; tries < 20; tries++) {
    const m = tags.exec(html);
    if (!m) return undefined;
    const end = html.indexOf(">", m.index);
    const tag = html.slice(m.index, end < 0 ? m.index + 2000 : Math.min(end, m.index + 2000));
    const src = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(tag);
    const url = src && imageUrl(htmlToText(src[1] ?? src[2] ?? src[3] ?? ""), base);
    if (url) {
      const altMatch = /\salt\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
      const alt = altMatch ? cap(htmlToText(altMatch[1] ?? altMatch[2] ?? ""), MAX_TITLE_CHARS) : "";
      return alt ? { url, alt } : { url };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// RSS

function readRss(root: XmlElement): ParsedFeed {
  // RSS 2.0 has no namespace, RSS 1.0 its own; a few 2.0 feeds declare a default one on <rss>.
  const rss = ["", NS.rss1, ...(root.local === "rss" ? [root.uri] : [])];
  const channel = find(root, rss, "channel");
  // RSS 1.0 puts items beside the channel, 2.0 inside it.
  const itemElements = [...(channel ? findAll(channel, rss, "item") : []), ...findAll(root, rss, "item")].slice(0, MAX_ITEMS);
  const title = channel ? plainTitle(textOf(find(channel, rss, "title"))) : "";
  return { kind: "rss", ...(title ? { title } : {}), items: itemElements.map((el) => rssItem(el, rss)) };
}

function rssItem(el: XmlElement, rss: readonly string[]): FeedItem {
  const title = plainTitle(textOf(find(el, rss, "title")));
  const guidEl = find(el, rss, "guid");
  const guidText = collapse(textOf(guidEl));
  const atomAlternate = findAll(el, [NS.atom], "link").find((l) => (attr(l, "rel") ?? "alternate") === "alternate");
  // A guid is a permalink unless it says otherwise (RSS 2.0), so it can stand in for a missing link.
  const permalink = guidEl && attr(guidEl, "isPermaLink") !== "false" ? guidText : undefined;
  const link =
    webUrl(collapse(textOf(find(el, rss, "link"))), el.base) ??
    webUrl(atomAlternate && attr(atomAlternate, "href"), atomAlternate?.base ?? el.base) ??
    (permalink && /^https?:\/\//i.test(permalink) ? webUrl(permalink, el.base) : undefined);
  const published = firstDate([find(el, rss, "pubDate"), find(el, [NS.dc], "date"), find(el, [NS.atom], "published")]);
  const summary = bodyText(textOf(find(el, rss, "description")));
  const full = bodyText(textOf(find(el, [NS.yandex], "full-text") ?? find(el, [NS.content], "encoded")));
  const categories = categoriesOf([...findAll(el, rss, "category"), ...findAll(el, [NS.dc], "subject")].map(textOf));
  const author = authorOf(textOf(find(el, [NS.dc], "creator") ?? find(el, rss, "author")));
  const image = feedImage(el) ?? firstHtmlImage(full ?? summary, el.base);
  return item({ guid: guidOf(guidText, link, title, published), link, title, published, categories, summary, full, image, author });
}

// ---------------------------------------------------------------------------------------------
// Atom

function readAtom(root: XmlElement): ParsedFeed {
  const atom = [NS.atom, ""];
  const feedAuthor = atomAuthor(root, atom);
  const title = plainTitle(atomText(find(root, atom, "title")) ?? "");
  const items = findAll(root, atom, "entry")
    .slice(0, MAX_ITEMS)
    .map((el) => atomEntry(el, atom, feedAuthor));
  return { kind: "atom", ...(title ? { title } : {}), items };
}

function atomEntry(el: XmlElement, atom: readonly string[], feedAuthor: string | undefined): FeedItem {
  const titleEl = find(el, atom, "title");
  // type="text" is text by the spec, so `<` in it is a character, not a tag.
  const title =
    titleEl && (attr(titleEl, "type") ?? "text") === "text" ? cap(collapse(textOf(titleEl)), MAX_TITLE_CHARS).trim() : plainTitle(atomText(titleEl) ?? "");
  const links = findAll(el, atom, "link");
  const alternates = links.filter((l) => (attr(l, "rel") ?? "alternate") === "alternate");
  const alternate = alternates.find((l) => /html/i.test(attr(l, "type") ?? "text/html")) ?? alternates[0];
  const link = alternate && webUrl(attr(alternate, "href"), alternate.base);
  const publishedAt = firstDate([find(el, atom, "published"), find(el, [NS.dc], "date")]);
  const updatedAt = firstDate([find(el, atom, "updated")]);
  const published = publishedAt ?? updatedAt;
  const updated = publishedAt ? updatedAt : undefined;
  const summary = bodyText(atomText(find(el, atom, "summary")) ?? "");
  const contentEl = find(el, atom, "content");
  // Content given by src is elsewhere; the page mode fetches pages, not this.
  const full = contentEl && attr(contentEl, "src") === undefined ? bodyText(atomText(contentEl) ?? "") : undefined;
  const categories = categoriesOf(findAll(el, atom, "category").flatMap((c) => [attr(c, "term") ?? "", attr(c, "label") ?? ""]));
  const author = atomAuthor(el, atom) ?? feedAuthor;
  const image = feedImage(el) ?? firstHtmlImage(full ?? summary, el.base);
  const id = collapse(textOf(find(el, atom, "id")));
  return item({ guid: guidOf(id, link, title, published), link, title, published, updated, categories, summary, full, image, author });
}

function atomAuthor(el: XmlElement, atom: readonly string[]): string | undefined {
  const author = find(el, atom, "author");
  const name = author ? collapse(textOf(find(author, atom, "name"))) : "";
  return name ? cap(name, MAX_AUTHOR_CHARS).trim() : undefined;
}

/** An Atom text construct as HTML (html, xhtml) or, for type="text", as HTML-escaped text. */
function atomText(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  // RFC 4287 §3.1.1 names "text", "html" and "xhtml"; §4.1.3 also allows media types for content.
  const type = (attr(el, "type") ?? "text").trim().toLowerCase();
  if (type === "xhtml" || type === "application/xhtml+xml") {
    const div = childElements(el)[0];
    return div ? div.children.map(serialize).join("") : "";
  }
  if (type === "html" || type === "text/html") return textOf(el);
  return escapeHtml(textOf(el));
}

const VOID_HTML = new Set(["area", "br", "col", "hr", "img", "input", "source", "track", "wbr"]);

/** XHTML back to HTML text, for the same pipeline as any other HTML body (which sanitises it). */
function serialize(node: XmlElement | string): string {
  if (typeof node === "string") return escapeHtml(node);
  const attrs = node.attrs
    .filter((a) => a.uri === "" && /^[a-zA-Z][\w-]*$/.test(a.local))
    .map((a) => ` ${a.local}="${escapeHtml(a.value).replace(/"/g, "&quot;")}"`)
    .join("");
  if (VOID_HTML.has(node.local)) return `<${node.local}${attrs}>`;
  return `<${node.local}${attrs}>${node.children.map(serialize).join("")}</${node.local}>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
