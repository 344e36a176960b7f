import { parseDocument } from "yaml";

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

  // YAML 1.2 core schema: dates stay strings, so the validator sees exactly what the editor wrote.
  const doc = parseDocument(yamlText, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = err.linePos?.[0]?.line;
    const where = line ? ` (line ${line + 1} of the file)` : "";
    return { ok: false, field: "front matter", message: `invalid YAML${where}: ${firstLine(err.message)}` };
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, field: "front matter", message: "must be a YAML mapping of fields" };
  }
  return { ok: true, data: data as Record<string, unknown>, body };
}

/** The library's first line without its own YAML-relative position, which would mislead. */
function firstLine(s: string): string {
  return s.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "").trim();
}
