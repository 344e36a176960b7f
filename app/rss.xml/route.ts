import { getTranslations } from "next-intl/server";
import { routing } from "@/i18n/routing";
import { latest } from "@/lib/content/queries";
import { getContentIndex, withBodies } from "@/lib/content/store";
import { localeFormats } from "@/lib/i18n/locales";
import { RSS_SIZE, rssXml, siteChannel } from "@/lib/seo/feeds";
import { siteUrl } from "@/lib/seo/urls";
import { xmlResponse } from "@/lib/seo/xml-response";

export const dynamic = "force-dynamic";

/** The site feed: the newest 50 articles with their full text. */
export async function GET() {
  const locale = routing.defaultLocale;
  const [index, t] = await Promise.all([getContentIndex(), getTranslations({ locale, namespace: "feeds" })]);
  const channel = siteChannel(index, t("site", { name: index.site.name }), "/rss.xml", localeFormats[locale].htmlLang);
  return xmlResponse(rssXml(channel, await withBodies(latest(index, Date.now(), RSS_SIZE)), index.sectionBySlug, siteUrl()), "application/rss+xml");
}
