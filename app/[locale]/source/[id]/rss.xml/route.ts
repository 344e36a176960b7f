import { getTranslations } from "next-intl/server";
import { hasLocale } from "next-intl";
import { routing } from "@/i18n/routing";
import { sourceArticles } from "@/lib/content/queries";
import { getContentIndex, withBodies } from "@/lib/content/store";
import { localeFormats } from "@/lib/i18n/locales";
import { resolveSourceRss } from "@/lib/routing/routes/source";
import { RSS_SIZE, rssXml } from "@/lib/seo/feeds";
import { siteUrl, sourcePath, sourceRssPath } from "@/lib/seo/urls";
import { notFoundText, xmlResponse } from "@/lib/seo/xml-response";

export const dynamic = "force-dynamic";

/** One partner's feed, `/source/<id>/rss.xml`: built as a section's is, from the partner's list. */
export async function GET(_req: Request, { params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale, id } = await params;
  const index = await getContentIndex();
  const now = Date.now();
  // The proxy asked the same resolver first (lib/routing/routes/table.ts).
  const source = resolveSourceRss(index, id, now)?.source;
  if (!source || !hasLocale(routing.locales, locale)) return notFoundText();
  const t = await getTranslations({ locale, namespace: "feeds" });
  const channel = {
    title: t("source", { name: source.name, site: index.site.name }),
    description: t("sourceDescription", { name: source.name, site: index.site.name }),
    pagePath: sourcePath(source.id),
    feedPath: sourceRssPath(source.id),
    language: localeFormats[locale].htmlLang,
  };
  const articles = sourceArticles(index, source.id, now).slice(0, RSS_SIZE);
  return xmlResponse(rssXml(channel, await withBodies(articles), index.sectionBySlug, siteUrl()), "application/rss+xml");
}
