import { parsePageParam } from "@/lib/content/queries";
import { getArticleBodyText, getContentIndex } from "@/lib/content/store";
import { SEARCH_BODY_WORD_BUDGET, SEARCH_PAGE_SIZE } from "@/lib/limits";
import { bodyWordLimit, SearchIndex, type SearchOutcome } from "./search-index";
import { parseQuery, type ParsedQuery } from "./text";

interface SearchState {
  index?: SearchIndex;
}

// One search index per server process, shared by the proxy and the pages (separate bundles), like
// the content store. It is created on the first search: a server nobody searches builds nothing.
const state: SearchState = ((globalThis as { __searchStore?: SearchState }).__searchStore ??= {});

/**
 * How many words of each body are indexed: SEARCH_BODY_WORDS (a whole number) fixes it; by default
 * it follows the size of the archive, within a budget of words for all bodies together.
 */
function bodyWords(): number | ((articles: number) => number) {
  const raw = process.env.SEARCH_BODY_WORDS;
  if (raw && /^\d{1,6}$/.test(raw)) return Number(raw);
  return (articles) => bodyWordLimit(articles, SEARCH_BODY_WORD_BUDGET);
}

function searchIndex(): SearchIndex {
  state.index ??= new SearchIndex({ source: getContentIndex, body: getArticleBodyText, maxBodyWords: bodyWords() });
  return state.index;
}

/** Searches the published articles; the index catches up with the content first. */
export function searchArticles(query: ParsedQuery, now: number): Promise<SearchOutcome> {
  return searchIndex().search(query, now);
}

/**
 * For `/search?q=…&page=N` with N > 1, the number of result pages (the proxy answers 404 past the
 * last); undefined when no search is needed to tell (page 1, or a malformed URL).
 */
export async function searchPageCount(params: URLSearchParams, now: number): Promise<number | undefined> {
  const pages = params.getAll("page");
  const page = pages.length === 1 ? parsePageParam(pages[0]) : undefined;
  const qs = params.getAll("q");
  const query = qs.length === 1 ? parseQuery(qs[0]) : undefined;
  if (!page || page === 1 || !query || query.words.length === 0) return undefined;
  const { hits } = await searchArticles(query, now);
  return Math.ceil(hits.length / SEARCH_PAGE_SIZE);
}
