import { getTranslations } from "next-intl/server";
import { routing } from "@/i18n/routing";
import { isPublished } from "@/lib/content/queries";
import { getContentIndex, withBodies } from "@/lib/content/store";
import { localeFormats } from "@/lib/i18n/locales";
import { siteChannel, YANDEX_WINDOW_MS, yandexRssXml } from "@/lib/seo/feeds";
import { siteUrl } from "@/lib/seo/urls";
import { xmlResponse } from "@/lib/seo/xml-response";

export const dynamic = "force-dynamic";

/** Yandex News and Dzen: articles of the last three days with their full text. */
export async function GET() {
  const locale = routing.defaultLocale;
  const [index, t] = await Promise.all([getContentIndex(), getTranslations({ locale, namespace: "feeds" })]);
  const now = Date.now();
  const recent = index.articles.filter((a) => isPublished(a, now) && now - a.dateMs <= YANDEX_WINDOW_MS);
  const channel = siteChannel(index, t("site", { name: index.site.name }), "/yandex.rss", localeFormats[locale].htmlLang);
  return xmlResponse(yandexRssXml(channel, index, await withBodies(recent), siteUrl()), "application/rss+xml");
}
