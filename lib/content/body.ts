import { splitFrontMatter } from "./front-matter";
import { readArticleFile } from "./load";
import { renderBody } from "./markdown";
import { markdownShapeProblem } from "./markdown-limits";
import type { RenderPool } from "./render-pool";
import type { Article, ArticleBody } from "./types";

/** The Markdown of an article's body, or why it is not one to render (`body: …` problems). */
export function articleMarkdown(text: string): { markdown: string } | { problem: string; unreadable?: true; shape?: true } {
  if (text.includes("\u0000")) return { problem: "is not a text file", unreadable: true };
  // The fields are the index's business (validated when the file was read); only the body is needed.
  const fm = splitFrontMatter(text);
  if (!fm.ok) return { problem: `${fm.field}: ${fm.message}`, unreadable: true };
  const shape = markdownShapeProblem(fm.body);
  return shape ? { problem: shape, shape: true } : { markdown: fm.body };
}

/**
 * Renders the body of an article from its file's text on this thread; undefined when the text is
 * not an article or its body is outside the shape bounds. The server renders in a RenderPool.
 */
export function renderArticleBody(text: string, article: Pick<Article, "leadFromBody">): ArticleBody | undefined {
  const source = articleMarkdown(text);
  if (!("markdown" in source)) return undefined;
  const { html, text: plain } = renderBody(source.markdown, { takeLead: article.leadFromBody });
  return { html, text: plain };
}

/** `shape`: refused by the shape bounds, which the index has already listed among the problems. */
export type BodyResult = { body: ArticleBody; stamp?: string } | { problem: string; transient?: true; shape?: true };

/**
 * Reads and renders an article's body from the content folder, in the pool's workers under their
 * time budget. A problem says why there is no body: `transient` when the file could not be read
 * as an article now (caught mid-save, or gone), so that a later request tries again.
 */
export async function readArticleBody(root: string, article: Pick<Article, "file" | "leadFromBody">, pool: RenderPool): Promise<BodyResult> {
  const file = await readArticleFile(root, article.file);
  if (!("text" in file)) return { problem: file.message, transient: true };
  return renderArticleText(file.text, article, pool, file.stamp);
}

/** Renders an article's file text in the pool: the body, or why there is none. */
export async function renderArticleText(text: string, article: Pick<Article, "leadFromBody">, pool: RenderPool, stamp?: string): Promise<BodyResult> {
  const source = articleMarkdown(text);
  if (!("markdown" in source)) return { problem: source.problem, ...(source.unreadable ? { transient: true as const } : {}), ...(source.shape ? { shape: true as const } : {}) };
  try {
    const { html, text: plain } = await pool.run({ kind: "render", markdown: source.markdown, takeLead: article.leadFromBody });
    return { body: { html, text: plain }, ...(stamp ? { stamp } : {}) };
  } catch (err) {
    return { problem: (err as Error).message };
  }
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
