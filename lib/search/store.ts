import { getStore } from "@/lib/store";
import type { ArticleStore, PageRange, SearchOutcome, SearchSort } from "@/lib/store/types";
import type { ParsedQuery } from "./text";

interface SearchState {
  /** Recent outcomes by query words and range, oldest first (see searchArticles). */
  recent?: Map<string, { store: ArticleStore; version: number; at: number; outcome: Promise<SearchOutcome> }>;
}

// Shared by the proxy and the pages (separate bundles), like the store.
const state: SearchState = ((globalThis as { __searchStore?: SearchState }).__searchStore ??= {});

/** Recent outcomes kept: the proxy and the page of one request ask the same question. */
const RECENT_SIZE = 32;
/** Published sets change with time too (scheduled stories): an outcome is kept briefly. */
const RECENT_MS = 2_000;

/**
 * Searches the published articles through the store, for one range of results in one order. The
 * same words, range and order asked again within RECENT_MS of the same version of the store are answered from memory:
 * the page that renders `/search` gets the outcome the proxy's check of the URL searched for (also
 * a partial one, while the first build runs, so that the page neither waits a second time nor
 * counts other pages).
 */
export async function searchArticles(query: ParsedQuery, now: number, range: PageRange, sort: SearchSort = "relevance"): Promise<SearchOutcome> {
  const store = await getStore();
  const version = await store.version();
  const recent = (state.recent ??= new Map());
  const key = JSON.stringify([query.words, range.offset, range.limit, sort]);
  const kept = recent.get(key);
  if (kept && kept.store === store && kept.version === version && now >= kept.at && now - kept.at < RECENT_MS) return kept.outcome;
  const outcome = store.search(query, now, range, sort);
  recent.delete(key);
  recent.set(key, { store, version, at: now, outcome });
  if (recent.size > RECENT_SIZE) recent.delete(recent.keys().next().value!);
  // A failed search is not kept.
  outcome.catch(() => recent.get(key)?.outcome === outcome && recent.delete(key));
  return outcome;
}
