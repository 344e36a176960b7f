import { getTranslations } from "next-intl/server";
import { DatedStoryList } from "./DatedStoryList";
import type { Article, Section } from "@/lib/content/types";

/** "Другие новости <section>": set in capitals, as on the page the portal grew from. */
export async function MoreNews({ section, articles, timeZone, intl }: { section: Section; articles: Article[]; timeZone: string; intl: string }) {
  if (articles.length === 0) return null;
  const t = await getTranslations("article");
  return (
    <DatedStoryList
      id="more-news-title"
      title={t("moreNews", { genitive: section.genitive })}
      articles={articles}
      timeZone={timeZone}
      intl={intl}
      className="mt-12"
    />
  );
}
