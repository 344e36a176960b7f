import type { ParsedQuery } from "@/lib/search/text";
import type { ArticleStore, PageRange, SearchOutcome, SearchSort } from "@/lib/store/types";

/** A URL's query as pages get it from Next: per name, absent, one value, or a list when repeated. */
export type RouteQuery = Record<string, string | string[] | undefined>;

/** Everything a resolver may look at; the proxy and the page build it from the same request. */
export interface RouteContext {
  store: ArticleStore;
  /** The instant the request is answered for; every publish check uses it. */
  now: number;
  query: RouteQuery;
  /** The request carries an editor's signed preview cookie for the article it names (lib/security/preview.ts). */
  preview?: boolean;
  /** Runs a search for a range of results (lib/search/store.ts searchArticles); only the search route uses it. */
  search: (query: ParsedQuery, now: number, range: PageRange, sort: SearchSort) => Promise<SearchOutcome>;
}

/** URLSearchParams as a RouteQuery: a repeated name gives a list, as Next gives it to pages. */
export function queryOf(params: URLSearchParams): RouteQuery {
  const query: RouteQuery = {};
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    query[name] = values.length > 1 ? values : values[0];
  }
  return query;
}
