import { createHash } from "node:crypto";
import { stringify } from "yaml";

/**
 * The Markdown file an item becomes: the same front matter an editor would write (docs/content.md, "The
 * content contract"), so the site treats it like any other article. Pure: the caller decides
 * what goes in; this only writes it down.
 */

export interface ArticleFields {
  title: string;
  date: string;
  updated?: string;
  section: string;
  rubric?: string;
  lead?: string;
  tags: string[];
  source: { id: string; name: string; url?: string };
  image?: { src: string; alt: string; credit: string };
  also?: { name: string; url: string }[];
}

/** Field order as in the example of docs/content.md, so imported files read like hand-written ones. */
const ORDER = ["title", "date", "updated", "section", "rubric", "lead", "tags", "source", "image", "also"] as const;

export function composeArticle(fields: ArticleFields | Record<string, unknown>, body: string): string {
  const data: Record<string, unknown> = {};
  const record = fields as Record<string, unknown>;
  for (const key of ORDER) if (record[key] !== undefined && !(Array.isArray(record[key]) && (record[key] as unknown[]).length === 0)) data[key] = record[key];
  for (const [key, value] of Object.entries(record))
    if (!(key in data) && value !== undefined && !(ORDER as readonly string[]).includes(key)) data[key] = value;
  // Every string quoted and no line folding: a headline with a colon or a leading dash must stay
  // a string, and a diff of an update should show the changed words, not a re-wrapped paragraph.
  const yaml = stringify(data, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN", lineWidth: 0, aliasDuplicateObjects: false });
  const text = body.trim();
  return `---\n${yaml}---\n${text ? `\n${text}\n` : ""}`;
}

export function hashText(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}
