import { getContentIndex, getLiveContent } from "@/lib/content/store";
import { liveSearchIndex } from "@/lib/search/store";
import { MemoryStore } from "./memory";
import type { ArticleStore } from "./types";

interface StoreState {
  store?: Promise<ArticleStore>;
}

// Route handlers, the proxy and pages can be bundled into separate module graphs; a global keeps
// one store per server process, like the live content under it (lib/content/store.ts).
const state: StoreState = ((globalThis as { __articleStore?: StoreState }).__articleStore ??= {});

/**
 * The process's article store: every reader of the content asks it. For now it answers from the
 * live in-heap index (MemoryStore); bodies are still read through lib/content/store.ts.
 */
export function getStore(): Promise<ArticleStore> {
  state.store ??= getLiveContent().then(
    (live) =>
      new MemoryStore(
        () => live.index,
        (query, now) => liveSearchIndex(getContentIndex).search(query, now),
      ),
    (err) => {
      state.store = undefined;
      throw err;
    },
  );
  return state.store;
}
