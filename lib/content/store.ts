import { createHash } from "node:crypto";
import { readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { Bodies } from "./bodies";
import { LiveContent, type LiveContentOptions } from "./live-store";
import { contentDir } from "./load";
import type { Article, ArticleBody, ContentIndex } from "./types";

interface StoreState {
  live?: Promise<LiveContent>;
  bodies?: Bodies;
}

// Route handlers, the proxy and pages can be bundled into separate module graphs; a global keeps
// one live index (and one file watcher) per server process instead of one per bundle.
const state: StoreState = ((globalThis as { __contentStore?: StoreState }).__contentStore ??= {});

/**
 * Where the production server keeps parsed front matter between starts: beside the build, salted
 * with the build's id so that new code never reads what old code parsed. None in development.
 */
export function indexCacheOptions(projectDir: string = process.cwd(), { force = false, content = contentDir() } = {}): LiveContentOptions["cache"] {
  if ((!force && process.env.NODE_ENV !== "production") || process.env.CONTENT_INDEX_CACHE === "off") return undefined;
  let buildId: string;
  try {
    buildId = readFileSync(path.join(/* turbopackIgnore: true */ projectDir, ".next", "BUILD_ID"), "utf8").trim();
  } catch {
    return undefined;
  }
  const dir = process.env.CONTENT_INDEX_CACHE_DIR || path.join(/* turbopackIgnore: true */ projectDir, ".next", "cache", "content-index");
  // One file per content folder, so that servers on different folders do not overwrite each other.
  let real = content;
  try {
    real = realpathSync(/* turbopackIgnore: true */ content);
  } catch {}
  const name = `index-${createHash("sha1").update(real).digest("hex").slice(0, 12)}.ndjson`;
  return { file: path.join(/* turbopackIgnore: true */ dir, name), salt: buildId };
}

/** The live content of CONTENT_DIR, opened on first use and kept current from then on. */
export function getLiveContent(): Promise<LiveContent> {
  if (!state.live) {
    const rescanMs = Number(process.env.CONTENT_RESCAN_MS) || undefined;
    const cache = indexCacheOptions();
    state.live = LiveContent.open(contentDir(), { ...(rescanMs ? { rescanMs } : {}), ...(cache ? { cache } : {}) }).catch((err) => {
      state.live = undefined;
      throw err;
    });
  }
  return state.live;
}

export async function getContentIndex(): Promise<ContentIndex> {
  return (await getLiveContent()).index;
}

/**
 * The rendered bodies of CONTENT_DIR for this process. The index is in the shared database
 * (lib/store); bodies are rendered from the files on first use and kept in this process's memory,
 * without an index of its own (opening LiveContent for them would read the whole archive).
 */
function bodies(): Bodies {
  return (state.bodies ??= new Bodies(contentDir()));
}

/** An article's body. Pages and feeds read bodies only through this, never from the index. */
export async function getArticleBody(article: Article): Promise<ArticleBody> {
  return bodies().body(article);
}

/** The words of an article's body as plain text (at least the first `maxWords`), for search. */
export async function getArticleBodyText(article: Article, maxWords?: number): Promise<string> {
  return (await getLiveContent()).bodyText(article, maxWords);
}

/** Articles with their bodies, in the same order, for feeds. */
export function withBodies(articles: Article[]): Promise<{ article: Article; body: ArticleBody }[]> {
  return Promise.all(articles.map(async (article) => ({ article, body: await getArticleBody(article) })));
}
