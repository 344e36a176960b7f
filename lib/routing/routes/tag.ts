import { pageOf, parsePageParam, type Page } from "@/lib/content/queries";
import type { Article } from "@/lib/content/types";
import { LIST_PAGE_SIZE } from "@/lib/limits";
import type { ArticleStore, TagInfo } from "@/lib/store/types";
import type { RouteQuery } from "./types";

/**
 * `/tag/<name>?page=N` (`name` decoded): a published tag under its own spelling. Other spellings
 * are no page: the proxy redirects them to this one first (canonicalRedirect).
 */
export async function resolveTag(
  store: ArticleStore,
  name: string,
  query: RouteQuery,
  now: number,
): Promise<{ tag: TagInfo; page: Page<Article> } | undefined> {
  const pageNumber = parsePageParam(query.page);
  if (pageNumber === undefined) return undefined;
  const tag = await store.tag(name, now);
  if (!tag || tag.name !== name) return undefined;
  const page = await pageOf(store, { tag: tag.key }, now, pageNumber, LIST_PAGE_SIZE);
  return page && { tag, page };
}
