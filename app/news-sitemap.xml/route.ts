import { routing } from "@/i18n/routing";
import { getStore } from "@/lib/store";
import { localeFormats } from "@/lib/i18n/locales";
import { newsSitemapXml } from "@/lib/seo/sitemaps";
import { siteUrl } from "@/lib/seo/urls";
import { xmlResponse } from "@/lib/seo/xml-response";

export const dynamic = "force-dynamic";

/** Google News sitemap: the last two days of articles. */
export async function GET() {
  const language = localeFormats[routing.defaultLocale].htmlLang;
  return xmlResponse(await newsSitemapXml(await getStore(), Date.now(), siteUrl(), language));
}
