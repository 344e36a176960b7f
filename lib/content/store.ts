import { loadContent } from "./load";
import { formatProblem, type ContentIndex } from "./types";

interface StoreState {
  index?: Promise<ContentIndex>;
}

// Route handlers and pages can be bundled into separate module graphs; a global keeps one index
// per server process instead of one per bundle.
const state: StoreState = ((globalThis as { __contentStore?: StoreState }).__contentStore ??= {});

function load(): Promise<ContentIndex> {
  return loadContent().then((index) => {
    for (const p of index.problems) console.error(`[content] ${formatProblem(p)}`);
    return index;
  });
}

/**
 * The in-memory content index. Built once per process in production; in development every call
 * rebuilds it so that editors see their changes on reload.
 */
export function getContentIndex(): Promise<ContentIndex> {
  if (process.env.NODE_ENV === "development") return loadContent();
  if (!state.index) {
    state.index = load().catch((err) => {
      state.index = undefined;
      throw err;
    });
  }
  return state.index;
}
