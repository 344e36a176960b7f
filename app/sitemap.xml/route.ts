import { getStore } from "@/lib/store";
import { sitemapIndexXml } from "@/lib/seo/sitemaps";
import { siteUrl } from "@/lib/seo/urls";
import { xmlResponse } from "@/lib/seo/xml-response";

export const dynamic = "force-dynamic";

/** The sitemap index: one sitemap for the home and section pages, one per month of articles. */
export async function GET() {
  return xmlResponse(await sitemapIndexXml(await getStore(), Date.now(), siteUrl()));
}
