import type { Element, ElementContent, Root, RootContent, Text } from "hast";
import Typograf from "typograf";

/**
 * Russian typographic rules, applied once when an article is indexed: «ёлочки» outside and
 * „лапки“ inside, an em dash bound to the word before it by a non-breaking space, non-breaking
 * spaces after short prepositions and conjunctions and between digit groups, hyphenated words and
 * number ranges that never break at the hyphen or dash (bindBreaks). The same rules reach the
 * interface's texts, search passages and the footer through typesetDisplay and typesetRuns. The work is done by
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
  return pieces.map((p, i) => (p === null ? null : bindBreaks(show(parts[i]!))));
}

/** U+2011 NON-BREAKING HYPHEN: looks like a hyphen, never ends a line. */
const NB_HYPHEN = "\u2011";
/** U+2060 WORD JOINER: no line break here, and nothing to see. */
const WORD_JOINER = "\u2060";
// A hyphen inside a word («где-то», «из-за», «Ростов-на-Дону», «COVID-19»), not a URL's or an
// address's: a token with a slash, an @ or a dot inside is left as written, so it still copies.
// Digits on both sides («2024-03-04») are a date or a code, not a word: left as written.
const HYPHENATED = /(?<=\p{L})-(?=[\p{L}\p{N}])|(?<=\p{N})-(?=\p{L})/gu;
const ADDRESS_LIKE = /[/@]|[\p{L}\p{N}]\.[\p{L}\p{N}]/u;
// A range of numbers with an en dash («1909–1911», «10–12 °C»): a line may not break at the dash.
const RANGE = /(?<=\p{N})([–—])(?=\p{N})/gu;
const COMPOUND_PREPOSITION = /(?<![\p{L}\p{N}])((?:из|по)\u2011(?:за|под|над))[ ]/giu;

/**
 * Keeps words and number ranges whole at the end of a line: browsers break after a hyphen or a
 * dash, which leaves «из-» on one line and «за» on the next, or «1909–» and «1911». The hyphen of
 * a hyphenated word becomes a non-breaking one; a word joiner follows the dash of a range.
 */
export function bindBreaks(text: string): string {
  if (!text.includes("-") && !text.includes("–") && !text.includes("—")) return text;
  return (
    text
      .replace(/[^\s\u00a0]+/g, (token) => (token.includes("-") && !ADDRESS_LIKE.test(token) ? token.replace(HYPHENATED, NB_HYPHEN) : token))
      .replace(RANGE, `$1${WORD_JOINER}`)
      // The compound prepositions, which Typograf's short-word rule does not count, hang no more than «из».
      .replace(COMPOUND_PREPOSITION, "$1\u00a0")
  );
}

/** Typesets plain text: a title, a lead. Leading and trailing whitespace is kept as it was. */
export function typesetText(text: string): string {
  return typesetPieces([text])[0] ?? text;
}

/**
 * Typesets runs of one sentence that are shown apart (a search passage with the searched-for words
 * marked): together, so that «в» before a marked «Минске» still gets its non-breaking space.
 */
export function typesetRuns(runs: readonly string[]): string[] {
  if (runs.length === 0) return [];
  const out = typesetPieces([...runs]);
  return out.map((r, i) => r ?? runs[i]!);
}

// The interface's own texts (messages, the footer's details) are few and repeat on every page:
// typeset once each (bounded; it starts afresh when full).
const displayCache = new Map<string, string>();
const DISPLAY_CACHE = 2_000;

/** Typesets a short text shown on every page (a message, the footer's details), from memory after the first time. */
export function typesetDisplay(text: string): string {
  let out = displayCache.get(text);
  if (out === undefined) {
    out = typesetText(text);
    if (displayCache.size >= DISPLAY_CACHE) displayCache.clear();
    displayCache.set(text, out);
  }
  return out;
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
