import { getTranslations } from "next-intl/server";
import { routing } from "@/i18n/routing";
import { withBodies } from "@/lib/content/store";
import { localeFormats } from "@/lib/i18n/locales";
import { siteChannel, YANDEX_WINDOW_MS, yandexRssXml } from "@/lib/seo/feeds";
import { siteUrl } from "@/lib/seo/urls";
import { xmlResponse } from "@/lib/seo/xml-response";
import { getStore } from "@/lib/store";

export const dynamic = "force-dynamic";

/** Yandex News and Dzen: articles of the last three days with their full text. */
export async function GET() {
  const locale = routing.defaultLocale;
  const [store, t] = await Promise.all([getStore(), getTranslations({ locale, namespace: "feeds" })]);
  const now = Date.now();
  // Every article of the window: counted first, since a list is always read by range.
  const recentFilter = { sinceMs: now - YANDEX_WINDOW_MS };
  const [catalog, count] = await Promise.all([store.catalog(), store.count(recentFilter, now)]);
  const recent = await store.list(recentFilter, now, { offset: 0, limit: count });
  const channel = siteChannel(catalog.site, t("site", { name: catalog.site.name }), "/yandex.rss", localeFormats[locale].htmlLang);
  return xmlResponse(yandexRssXml(channel, catalog, await withBodies(recent), siteUrl()), "application/rss+xml");
}
