import type { Element, ElementContent, Root, RootContent, Text } from "hast";
import Typograf from "typograf";

/**
 * Russian typographic rules, applied once when an article is indexed: «ёлочки» outside and
 * „лапки“ inside, an em dash bound to the word before it by a non-breaking space, non-breaking
 * spaces after short prepositions and conjunctions and between digit groups. The work is done by
 * Typograf, a maintained rule set; this module decides which of its rules run and feeds it text
 * only, never markup, code or URLs.
 */
const typograf = new Typograf({ locale: ["ru", "en-US"] });

// An allow-list of rules, for two reasons. Typograf's other rules change what the author wrote
// rather than how it is set (commas before «а»/«но», Latin letters swapped for Cyrillic ones,
// reformatted dates, phone numbers and decimals, spaces added before brackets). And fewer rules
// halve the cost, which is paid for every title and lead when an archive is indexed.
typograf.disableRule("*");
for (const rule of [
  "common/punctuation/quote", // «ёлочки» outside, „лапки“ inside
  "common/punctuation/hellip",
  "common/punctuation/apostrophe",
  "ru/dash/*", // a spaced hyphen becomes an em dash; ranges get an en dash
  "common/nbsp/*", // after short words and numbers, before short last words
  "ru/nbsp/*", // initials, abbreviations (т. д.), «2024 г.», «5 млн»
  "common/number/digitGrouping", // «12 000»: groups never break apart
  "common/space/delRepeatSpace",
]) {
  typograf.enableRule(rule);
}
// Not wanted from those groups: undoing existing non-breaking spaces, <nobr> handling, dpi.
for (const rule of ["common/nbsp/replaceNbsp", "common/nbsp/nowrap", "common/nbsp/dpi", "ru/dash/de"]) {
  typograf.disableRule(rule);
}

// Typograf treats "<…>" and "&…;" as markup. Text is text: those characters are swapped for
// private-use ones on the way in and back on the way out, so "a < b" or "AT&amp;T" stay as written.
const HIDE: Record<string, string> = { "&": "\uE000", "<": "\uE001", ">": "\uE002" };
const SHOW: Record<string, string> = { "\uE000": "&", "\uE001": "<", "\uE002": ">" };
const hide = (s: string) => s.replace(/[&<>]/g, (c) => HIDE[c]!);
const show = (s: string) => s.replace(/[\uE000-\uE002]/g, (c) => SHOW[c]!);

/**
 * Inline markup stands between the pieces of one sentence. An empty <span> marks each boundary:
 * Typograf reads it as an inline tag, so a quote opened before <em> and closed after it still
 * pairs up, and the marks show where to cut the result back into pieces.
 */
const BOUNDARY = "<span></span>";
/** Stand-in for content Typograf must not see (inline code, a line break, an image). */
const OPAQUE = "<code></code>";

/** One run of text as Typograf sees it: strings are typeset, `null` is an opaque inline element. */
type Piece = string | null;

/**
 * Typesets pieces of one block of text together and returns each string piece's new text (`null`
 * pieces come back as `null`). If the pieces cannot be told apart afterwards, they are returned
 * unchanged: untypeset text is better than text moved between elements.
 */
function typesetPieces(pieces: Piece[]): Piece[] {
  const joined = pieces.map((p) => (p === null ? OPAQUE : hide(p))).join(BOUNDARY);
  const parts = typograf.execute(joined).split(BOUNDARY);
  if (parts.length !== pieces.length) return pieces;
  return pieces.map((p, i) => (p === null ? null : show(parts[i]!)));
}

/** Typesets plain text: a title, a lead. Leading and trailing whitespace is kept as it was. */
export function typesetText(text: string): string {
  return typesetPieces([text])[0] ?? text;
}

/** Elements whose text is code or preformatted: never typeset. */
const VERBATIM = new Set(["code", "pre", "kbd", "samp", "var", "script", "style"]);
/** Elements that sit inside a line of text; anything else starts a block of its own. */
const INLINE = new Set(["a", "abbr", "b", "bdi", "bdo", "cite", "del", "dfn", "em", "i", "ins", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "u", "time", "data"]);
/** Inline elements without text that still separate words: Typograf sees a stand-in. */
const INLINE_VOID = new Set(["br", "img", "input", "wbr"]);

/**
 * Typesets the text nodes of an HTML tree in place. Text is typeset per block (a paragraph, a
 * heading, a list item, a table cell), across its inline elements; code and preformatted text are
 * left as they are, and attribute values (link URLs, alt texts) are never touched.
 */
export function typesetTree(tree: Root | Element): void {
  const blocks: (Text | null)[][] = [];
  const walk = (parent: Root | Element, block: (Text | null)[]) => {
    for (const node of parent.children as (RootContent | ElementContent)[]) {
      if (node.type === "text") {
        block.push(node);
      } else if (node.type === "element") {
        const tag = node.tagName;
        if (VERBATIM.has(tag) || INLINE_VOID.has(tag)) {
          // Inline code keeps its place in the sentence; a <pre> block is a block of its own.
          if (tag !== "pre") block.push(null);
        } else if (INLINE.has(tag)) {
          walk(node, block);
        } else {
          const inner: (Text | null)[] = [];
          blocks.push(inner);
          walk(node, inner);
        }
      }
    }
  };
  const top: (Text | null)[] = [];
  blocks.push(top);
  walk(tree, top);

  for (const block of blocks) {
    // Whitespace between block elements ("\n" after <li>) has nothing to typeset.
    if (!block.some((n) => n !== null && n.value.trim() !== "")) continue;
    const result = typesetPieces(block.map((n) => (n === null ? null : n.value)));
    block.forEach((node, i) => {
      if (node !== null) node.value = result[i] ?? node.value;
    });
  }
}

/** The rehype plugin: typesets a document's text, see `typesetTree`. */
export function rehypeTypography() {
  return (tree: Root) => typesetTree(tree);
}
