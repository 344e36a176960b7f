import { contentDir } from "@/lib/content/load";
import { OpenedStore } from "./open";
import type { ArticleStore } from "./types";

interface StoreState {
  opened?: Promise<OpenedStore>;
  store?: ArticleStore;
}

// Route handlers, the proxy and pages can be bundled into separate module graphs; a global keeps
// one store (one database connection, at most one indexer) per server process.
const state: StoreState = ((globalThis as { __articleStore?: StoreState }).__articleStore ??= {});

/**
 * The process's store of CONTENT_DIR: the index database shared by every process of the machine
 * (lib/store/open.ts). This process indexes the folder when it holds the writer's lease.
 */
export function getOpenedStore(): Promise<OpenedStore> {
  if (!state.opened) {
    const rescanMs = Number(process.env.CONTENT_RESCAN_MS) || undefined;
    state.opened = OpenedStore.open(contentDir(), { ...(rescanMs ? { rescanMs } : {}), log: (line) => console.error(`[content] ${line}`) }).catch((err) => {
      state.opened = undefined;
      throw err;
    });
  }
  return state.opened;
}

/** The store every reader of the content asks (resolvers, pages, feeds, sitemaps, search). */
export async function getStore(): Promise<ArticleStore> {
  const opened = await getOpenedStore();
  // Each call goes to the database opened now: `npm run index -- --rebuild` may have replaced it.
  return (state.store ??= new Proxy({} as ArticleStore, {
    get(_, name: keyof ArticleStore) {
      const store = opened.current();
      const value = store[name];
      return typeof value === "function" ? value.bind(store) : value;
    },
  }));
}
