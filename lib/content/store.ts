import { LiveContent } from "./live-store";
import { contentDir } from "./load";
import type { Article, ArticleBody, ContentIndex } from "./types";

interface StoreState {
  live?: Promise<LiveContent>;
}

// Route handlers, the proxy and pages can be bundled into separate module graphs; a global keeps
// one live index (and one file watcher) per server process instead of one per bundle.
const state: StoreState = ((globalThis as { __contentStore?: StoreState }).__contentStore ??= {});

/** The live content of CONTENT_DIR, opened on first use and kept current from then on. */
export function getLiveContent(): Promise<LiveContent> {
  if (!state.live) {
    const rescanMs = Number(process.env.CONTENT_RESCAN_MS) || undefined;
    state.live = LiveContent.open(contentDir(), rescanMs ? { rescanMs } : {}).catch((err) => {
      state.live = undefined;
      throw err;
    });
  }
  return state.live;
}

export async function getContentIndex(): Promise<ContentIndex> {
  return (await getLiveContent()).index;
}

/** An article's body. Pages and feeds read bodies only through this, never from the index. */
export async function getArticleBody(article: Article): Promise<ArticleBody> {
  return { html: article.bodyHtml, text: article.bodyText };
}

/** Articles with their bodies, in the same order, for feeds. */
export function withBodies(articles: Article[]): Promise<{ article: Article; body: ArticleBody }[]> {
  return Promise.all(articles.map(async (article) => ({ article, body: await getArticleBody(article) })));
}
