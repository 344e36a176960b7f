/**
 * Bounds on the shape of a Markdown body, checked in one linear pass before any parser sees it.
 *
 * The Markdown parser (micromark, through remark) and the typesetter are fast on prose, but some
 * shapes cost them far more than their size: 250 nested lists took seconds, 100,000 nested `>` or
 * `*a_` repeated took hours, and deep nesting overflows the stack. No news story needs any of these,
 * and a partner feed or a hostile file can send them all. A body outside these bounds is a content
 * problem (`<file>: body: …`): the article keeps its title and lead, and its body is not rendered.
 * Rendering still runs under a time budget (render-pool.ts) for shapes nobody has thought of yet.
 */

/** Block quotes and list items inside one another (`> > - > …`), counted on one line. */
export const MAX_NESTING = 16;
/** Columns of leading indentation; nested lists indent two to four columns a level. */
export const MAX_INDENT = 64;
/** One character repeated: `` ` ``, `*`, `_`, `~`, `[`, `]`, `(`, `)`, `<`, `!`, `|`, `\`. */
export const MAX_RUN = 32;
/** Table columns: `|` on one line. */
export const MAX_PIPES_PER_LINE = 128;
/** Emphasis marks (`*`, `_`, `~`) in one block (text between blank lines). */
export const MAX_EMPHASIS_PER_BLOCK = 400;
/** Brackets and parentheses (links, images) in one block. */
export const MAX_BRACKETS_PER_BLOCK = 2000;
/** Backticks (code spans) in one block. */
export const MAX_BACKTICKS_PER_BLOCK = 400;
/** Characters in one block: a paragraph, a list or a table. */
export const MAX_BLOCK_CHARS = 100_000;

// What each ASCII character counts as, looked up once per character.
const RUN = 1;
const EMPHASIS = 2;
const BRACKET = 4;
const BACKTICK = 8;
const PIPE = 16;
const CLASS = new Uint8Array(128);
for (const c of "`*_~[]()<!|\\") CLASS[c.charCodeAt(0)]! |= RUN;
for (const c of "*_~") CLASS[c.charCodeAt(0)]! |= EMPHASIS;
for (const c of "[]()") CLASS[c.charCodeAt(0)]! |= BRACKET;
CLASS[0x60]! |= BACKTICK;
CLASS[0x7c]! |= PIPE;

/**
 * What is wrong with the body's shape, naming the line (of the body) and the bound, or undefined
 * when it is within every bound. One pass over the characters.
 */
export function markdownShapeProblem(markdown: string): string | undefined {
  const n = markdown.length;
  let line = 1;
  let blockStart = 1;
  let blockChars = 0;
  let emphasis = 0;
  let brackets = 0;
  let backticks = 0;
  for (let start = 0; start <= n; ) {
    const nesting = nestingProblem(markdown, start, n);
    if (nesting) return `line ${line}: ${nesting}`;
    let pipes = 0;
    let run = 0;
    let prev = -1;
    let blank = true;
    let i = start;
    for (; i < n; i++) {
      const c = markdown.charCodeAt(i);
      if (c === 10) break;
      if (c !== 32 && c !== 9 && c !== 13) blank = false;
      const k = c < 128 ? CLASS[c]! : 0;
      run = c === prev ? run + 1 : 1;
      prev = c;
      if (k === 0) continue;
      if (k & RUN && run > MAX_RUN) return `line ${line}: more than ${MAX_RUN} '${String.fromCharCode(c)}' in a row`;
      if (k & PIPE && ++pipes > MAX_PIPES_PER_LINE) return `line ${line}: more than ${MAX_PIPES_PER_LINE} table columns`;
      if (k & EMPHASIS) emphasis++;
      if (k & BRACKET) brackets++;
      if (k & BACKTICK) backticks++;
    }
    if (blank) {
      blockChars = emphasis = brackets = backticks = 0;
      blockStart = line + 1;
    } else {
      blockChars += i - start + 1;
      const where = `the block at line ${blockStart}`;
      if (blockChars > MAX_BLOCK_CHARS) return `${where} is longer than ${MAX_BLOCK_CHARS.toLocaleString("en")} characters`;
      if (emphasis > MAX_EMPHASIS_PER_BLOCK) return `${where} has more than ${MAX_EMPHASIS_PER_BLOCK} emphasis marks (*, _, ~)`;
      if (brackets > MAX_BRACKETS_PER_BLOCK) return `${where} has more than ${MAX_BRACKETS_PER_BLOCK} brackets`;
      if (backticks > MAX_BACKTICKS_PER_BLOCK) return `${where} has more than ${MAX_BACKTICKS_PER_BLOCK} backticks`;
    }
    line++;
    start = i + 1;
  }
  return undefined;
}

/** Leading containers of the line at `from`: indentation, `>` and list markers followed by a space. */
function nestingProblem(s: string, from: number, end: number): string | undefined {
  let i = from;
  let indent = 0;
  let depth = 0;
  for (;;) {
    while (i < end && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) {
      indent += s.charCodeAt(i) === 9 ? 4 : 1;
      i++;
    }
    if (indent > MAX_INDENT) return `indented by more than ${MAX_INDENT} columns`;
    const c = s.charCodeAt(i);
    let next = -1;
    if (c === 0x3e) next = i + 1; // >
    else if ((c === 0x2d || c === 0x2b || c === 0x2a) && endsMarker(s.charCodeAt(i + 1))) next = i + 1; // - + *
    else if (c >= 0x30 && c <= 0x39) {
      let j = i;
      while (j - i < 9 && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x39) j++;
      const m = s.charCodeAt(j);
      if ((m === 0x2e || m === 0x29) && endsMarker(s.charCodeAt(j + 1))) next = j + 1; // 1. 1)
    }
    if (next < 0) return undefined;
    if (++depth > MAX_NESTING) return `more than ${MAX_NESTING} block quotes and list items nested`;
    i = next;
  }
}

/** A list marker is followed by a space, a tab or the end of its line. */
function endsMarker(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || Number.isNaN(c);
}
