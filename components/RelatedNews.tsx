import { getTranslations } from "next-intl/server";
import { DatedStoryList } from "./DatedStoryList";
import type { Article } from "@/lib/content/types";

/** «По теме»: stories sharing the article's tags or the words of its headline (store.related). */
export async function RelatedNews({ articles, timeZone, intl }: { articles: Article[]; timeZone: string; intl: string }) {
  if (articles.length === 0) return null;
  const t = await getTranslations("article");
  return <DatedStoryList id="related-title" title={t("related")} articles={articles} timeZone={timeZone} intl={intl} className="mt-10" testId="related" />;
}
