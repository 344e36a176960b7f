import { parseQuery } from "./text";

/**
 * The request header by which proxy.ts tells the layout the query of a search page, so that the
 * header's search box shows it (a layout gets no searchParams). Its value is percent-encoded: a
 * header holds bytes, a query any text.
 */
export const SEARCH_QUERY_HEADER = "x-site-search-query";

/** The query a URL searches for, as the search page shows it (trimmed, cut); "" elsewhere. */
export function searchQueryOf(pathname: string, params: URLSearchParams): string {
  // `/search` and its locale-prefixed form (`/en/search`); the proxy 404s other spellings.
  if (!/^(?:\/[a-z]{2})?\/search\/?$/.test(pathname)) return "";
  const values = params.getAll("q");
  if (values.length !== 1) return "";
  return parseQuery(values[0])?.text ?? "";
}

/** The header's value back as the query; "" when absent or not valid percent-encoding. */
export function searchQueryFromHeader(value: string | null): string {
  if (!value) return "";
  try {
    return decodeURIComponent(value);
  } catch {
    return "";
  }
}
