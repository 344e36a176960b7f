import { splitFrontMatter } from "./front-matter";
import { readArticleFile } from "./load";
import { bodyWordsOf, renderBody } from "./markdown";
import type { Article, ArticleBody } from "./types";

/** Renders the body of an article from its file's text; undefined when the text is not an article. */
export function renderArticleBody(text: string, article: Pick<Article, "leadFromBody">): ArticleBody | undefined {
  if (text.includes("\u0000")) return undefined;
  // The fields are the index's business (validated when the file was read); only the body is needed.
  const fm = splitFrontMatter(text);
  if (!fm.ok) return undefined;
  const { html, text: plain } = renderBody(fm.body, { takeLead: article.leadFromBody });
  return { html, text: plain };
}

/** Reads and renders an article's body from the content folder, with the stamp of what was read. */
export async function readArticleBody(root: string, article: Pick<Article, "file" | "leadFromBody">): Promise<{ body?: ArticleBody; stamp?: string }> {
  const source = await readArticleFile(root, article.file);
  if (!("text" in source)) return {};
  return { body: renderArticleBody(source.text, article), ...(source.stamp ? { stamp: source.stamp } : {}) };
}

/**
 * The words of an article's body as plain text, at least its first `maxWords`, read from its file
 * without rendering (`bodyWordsOf`), for the search index. Throws when the file cannot be read or
 * is no longer an article.
 */
export async function readArticleBodyText(root: string, article: Pick<Article, "file" | "leadFromBody">, maxWords?: number): Promise<string> {
  const source = await readArticleFile(root, article.file);
  if (!("text" in source)) throw new Error(source.message);
  const fm = splitFrontMatter(source.text);
  if (!fm.ok) throw new Error(`${fm.field}: ${fm.message}`);
  return bodyWordsOf(fm.body, { takeLead: article.leadFromBody, ...(maxWords !== undefined ? { maxWords } : {}) });
}

/** Where an article's rendered body is kept: its file as it was when the article was read. */
export function bodyKey(article: Pick<Article, "file" | "stamp">): string {
  return `${article.file}\0${article.stamp ?? ""}`;
}

/**
 * Rendered bodies, least recently used first out, bounded by their total length rather than their
 * number: one long read weighs as much as fifty short notes.
 */
export class BodyCache {
  private entries = new Map<string, ArticleBody>();
  private size = 0;

  constructor(private readonly maxChars: number) {}

  get(key: string): ArticleBody | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, body: ArticleBody): void {
    const old = this.entries.get(key);
    if (old) {
      this.size -= weight(old);
      this.entries.delete(key);
    }
    this.entries.set(key, body);
    this.size += weight(body);
    for (const [k, v] of this.entries) {
      if (this.size <= this.maxChars || this.entries.size <= 1) break;
      this.entries.delete(k);
      this.size -= weight(v);
    }
  }

  get totalChars(): number {
    return this.size;
  }

  get count(): number {
    return this.entries.size;
  }
}

function weight(body: ArticleBody): number {
  return body.html.length + body.text.length;
}
