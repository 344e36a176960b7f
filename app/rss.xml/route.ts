import { getTranslations } from "next-intl/server";
import { routing } from "@/i18n/routing";
import { withBodies } from "@/lib/content/store";
import { localeFormats } from "@/lib/i18n/locales";
import { RSS_SIZE, rssXml, siteChannel } from "@/lib/seo/feeds";
import { siteUrl } from "@/lib/seo/urls";
import { xmlResponse } from "@/lib/seo/xml-response";
import { getStore } from "@/lib/store";

export const dynamic = "force-dynamic";

/** The site feed: the newest 50 articles with their full text. */
export async function GET() {
  const locale = routing.defaultLocale;
  const [store, t] = await Promise.all([getStore(), getTranslations({ locale, namespace: "feeds" })]);
  const [{ site, sectionBySlug }, articles] = await Promise.all([store.catalog(), store.list({}, Date.now(), { offset: 0, limit: RSS_SIZE })]);
  const channel = siteChannel(site, t("site", { name: site.name }), "/rss.xml", localeFormats[locale].htmlLang);
  return xmlResponse(rssXml(channel, await withBodies(articles), sectionBySlug, siteUrl()), "application/rss+xml");
}
