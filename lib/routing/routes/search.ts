import { parsePageParam } from "@/lib/content/queries";
import { SEARCH_PAGE_SIZE } from "@/lib/limits";
import { parseQuery, type ParsedQuery } from "@/lib/search/text";
import type { PageRange, SearchOutcome, SearchSort } from "@/lib/store/types";
import type { RouteQuery } from "./types";

export interface ResolvedSearch {
  query: ParsedQuery;
  /** The page of results asked for (`?page=`, 1 when absent). */
  pageNumber: number;
  /** `?sort=date`: newest first; relevance when absent. */
  sort: SearchSort;
  /** The page's range of results and their total; undefined for the empty query (the page asks for one). */
  outcome?: SearchOutcome;
}

/**
 * `?sort=`: absent is relevance, `date` is newest first. Anything else, or the parameter repeated,
 * is a URL that does not exist (undefined), as a malformed `?page=` is: one page, one URL.
 */
export function parseSortParam(value: string | string[] | undefined): SearchSort | undefined {
  if (value === undefined) return "relevance";
  return value === "date" ? "date" : undefined;
}

/**
 * `/search?q=…&page=N&sort=date`: one query; page 1 always exists (it says when nothing is found), later
 * pages only as far as the results go. Runs the search for the page's range of results (`run`,
 * lib/search/store.ts searchArticles) when there is something to search: the proxy's run and the
 * page's are one search, since lib/search/store.ts keeps a request's outcome for the page that follows.
 */
export async function resolveSearch(
  query: RouteQuery,
  now: number,
  run: (query: ParsedQuery, now: number, range: PageRange, sort: SearchSort) => Promise<SearchOutcome>,
): Promise<ResolvedSearch | undefined> {
  const parsed = parseQuery(query.q);
  const pageNumber = parsePageParam(query.page);
  const sort = parseSortParam(query.sort);
  if (!parsed || pageNumber === undefined || sort === undefined) return undefined;
  const range = { offset: (pageNumber - 1) * SEARCH_PAGE_SIZE, limit: SEARCH_PAGE_SIZE };
  const outcome = parsed.text ? await run(parsed, now, range, sort) : undefined;
  if (pageNumber > 1 && pageNumber > Math.ceil((outcome?.total ?? 0) / SEARCH_PAGE_SIZE)) return undefined;
  return { query: parsed, pageNumber, sort, ...(outcome ? { outcome } : {}) };
}
