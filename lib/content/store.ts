import { databaseUrl, getContentFiles } from "@/lib/store";
import { Bodies } from "./bodies";
import { articleMarkdown, BodyCache, bodyKey } from "./body";
import { passageTextOf, plainTextOf } from "./markdown";
import { contentDir } from "./load";
import type { Article, ArticleBody, ContentProblem } from "./types";

interface StoreState {
  bodies?: Bodies;
  /** Bodies' plain texts read for search passages (getBodyText), bounded by length. */
  plainTexts?: BodyCache;
}

// Route handlers, the proxy and pages can be bundled into separate module graphs; a global keeps
// one body cache (and one pool of render workers) per server process instead of one per bundle.
const state: StoreState = ((globalThis as { __contentStore?: StoreState }).__contentStore ??= {});

/**
 * The rendered bodies of CONTENT_DIR for this process. The index is in the shared database
 * (lib/store); bodies are rendered from the files on first use and kept in this process's memory,
 * without an index of its own (opening LiveContent for them would read the whole archive).
 */
function bodies(): Bodies {
  if (!state.bodies) {
    // App instances of a PostgreSQL site have no content folder: the texts are in the database.
    const files = databaseUrl() ? getContentFiles() : undefined;
    state.bodies = new Bodies(contentDir(), files ? { text: (file) => files.articleText(file) } : {});
  }
  return state.bodies;
}

/** An article's body. Pages and feeds read bodies only through this, never from the index. */
export async function getArticleBody(article: Article): Promise<ArticleBody> {
  return bodies().body(article);
}

/** `body: …` problems found while rendering in this process (the index lists the others). */
export function bodyProblems(): ContentProblem[] {
  return state.bodies?.problems() ?? [];
}

/** Articles with their bodies, in the same order, for feeds. */
export function withBodies(articles: Article[]): Promise<{ article: Article; body: ArticleBody }[]> {
  return Promise.all(articles.map(async (article) => ({ article, body: await getArticleBody(article) })));
}

/**
 * An article's body as plain text for a search passage: the rendered text when this process has
 * it, else read from the file without rendering (lib/content/markdown.ts plainTextOf).
 */
export async function getBodyText(article: Article): Promise<string> {
  const cached = bodies().cached(article);
  if (cached) return passageTextOf(cached.text);
  // The same stories come up in many searches: their texts are kept (4 M characters at most).
  const plain = (state.plainTexts ??= new BodyCache(4 * 1024 * 1024));
  const key = bodyKey(article);
  const known = plain.get(key);
  if (known) return known.text;
  const text = await readBodyText(article);
  plain.set(key, { html: "", text });
  return text;
}

async function readBodyText(article: Article): Promise<string> {
  const read = await getContentFiles().articleText(article.file);
  if ("problem" in read) return "";
  const source = articleMarkdown(read.text);
  if (!("markdown" in source)) return "";
  // The lead taken from the body's first paragraph is shown as the lead already.
  const markdown = article.leadFromBody ? source.markdown.replace(/^\s*\S[\s\S]*?(?:\n[ \t]*\n|$)/, "") : source.markdown;
  return plainTextOf(markdown);
}
