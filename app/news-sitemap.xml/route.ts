import { routing } from "@/i18n/routing";
import { getStore } from "@/lib/store";
import { localeFormats } from "@/lib/i18n/locales";
import { newsSitemapXml } from "@/lib/seo/sitemaps";
import { siteUrl } from "@/lib/seo/urls";
import { notFoundText, xmlResponse } from "@/lib/seo/xml-response";

export const dynamic = "force-dynamic";

/**
 * Google News sitemap: the last two days of articles. With none, 404 rather than an empty `urlset`,
 * which the sitemap schema refuses; robots.txt does not name it then (lib/seo/sitemaps.ts, hasNewsSitemap).
 */
export async function GET() {
  const language = localeFormats[routing.defaultLocale].htmlLang;
  const xml = await newsSitemapXml(await getStore(), Date.now(), siteUrl(), language);
  return xml === undefined ? notFoundText() : xmlResponse(xml);
}
