import { parseDocument } from "yaml";
import { readSimpleFrontMatter } from "./simple-yaml";

export type FrontMatterResult =
  | { ok: true; data: Record<string, unknown>; body: string }
  | { ok: false; field: string; message: string };

const OPENING = /^---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*$/m;

export type SplitResult = { ok: true; yaml: string; body: string } | { ok: false; field: string; message: string };

/**
 * Cuts a Markdown file into its front matter's YAML text and its body, without parsing the YAML:
 * what reading a body needs (its fields are already in the index). Tolerates a byte-order mark
 * and CRLF line endings, since editors on Windows produce both.
 */
export function splitFrontMatter(raw: string): SplitResult {
  const text = raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!OPENING.test(text)) {
    return { ok: false, field: "front matter", message: "the file must start with a '---' line" };
  }
  const rest = text.replace(OPENING, "");
  const close = CLOSING.exec(rest);
  if (!close) {
    return { ok: false, field: "front matter", message: "no closing '---' line" };
  }
  return { ok: true, yaml: rest.slice(0, close.index), body: rest.slice(close.index + close[0].length).replace(/^\n/, "") };
}

/** Splits a Markdown file into its front matter, parsed, and its body. */
export function parseFrontMatter(raw: string): FrontMatterResult {
  const split = splitFrontMatter(raw);
  if (!split.ok) return split;
  const { yaml: yamlText, body } = split;
  if (yamlText.length > MAX_FRONT_MATTER_CHARS) {
    return { ok: false, field: "front matter", message: `is ${yamlText.length.toLocaleString("en")} characters long; at most ${MAX_FRONT_MATTER_CHARS.toLocaleString("en")}` };
  }
  const depth = nestingDepth(yamlText);
  if (depth > MAX_FRONT_MATTER_NESTING) {
    return { ok: false, field: "front matter", message: `nests lists and mappings ${depth} deep; at most ${MAX_FRONT_MATTER_NESTING}` };
  }

  // Plain front matter, as nearly every file has, is read without the YAML library (simple-yaml.ts).
  const simple = readSimpleFrontMatter(yamlText);
  if (simple) return { ok: true, data: simple, body };

  // YAML 1.2 core schema: dates stay strings, so the validator sees exactly what the editor wrote.
  // No field of ours needs an alias (`*name`), and a few nested ones expand into billions of
  // values (the "billion laughs"): maxAliasCount 0 refuses them when the document is converted.
  let data: unknown;
  try {
    const doc = parseDocument(yamlText, { uniqueKeys: true });
    if (doc.errors.length > 0) {
      const err = doc.errors[0]!;
      const line = err.linePos?.[0]?.line;
      const where = line ? ` (line ${line + 1} of the file)` : "";
      return { ok: false, field: "front matter", message: `invalid YAML${where}: ${firstLine(err.message)}` };
    }
    data = doc.toJS({ maxAliasCount: 0 });
  } catch (err) {
    const message = (err as Error).message;
    if (/alias/i.test(message)) return { ok: false, field: "front matter", message: "uses YAML aliases (*name), which are not allowed" };
    return { ok: false, field: "front matter", message: `invalid YAML: ${firstLine(message)}` };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, field: "front matter", message: "must be a YAML mapping of fields" };
  }
  return { ok: true, data: data as Record<string, unknown>, body };
}

/** Front matter is a dozen short fields; anything near this size is not an article's. */
export const MAX_FRONT_MATTER_CHARS = 64 * 1024;
/** Tags and an image are lists and mappings one level deep; ten levels is already absurd. */
export const MAX_FRONT_MATTER_NESTING = 10;

/**
 * How deep flow collections (`[`, `{`) and indentation nest, in one pass and without parsing:
 * 100,000 `[` overflowed the YAML parser's stack. Brackets inside quotes are counted too, which
 * only errs on the safe side for a title full of brackets.
 */
function nestingDepth(yaml: string): number {
  let max = 0;
  let depth = 0;
  for (let i = 0; i < yaml.length; i++) {
    const c = yaml.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
    else if (c === 0x0a) {
      let indent = 0;
      while (yaml.charCodeAt(i + 1 + indent) === 0x20) indent++;
      // Block collections indent two columns a level, as editors write them.
      max = Math.max(max, Math.floor(indent / 2));
    }
  }
  return max;
}

/** The library's first line without its own YAML-relative position, which would mislead. */
function firstLine(s: string): string {
  return s.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "").trim();
}
