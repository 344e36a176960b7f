import type { MetadataRoute } from "next";
import { hasNewsSitemap } from "@/lib/seo/sitemaps";
import { absoluteUrl } from "@/lib/seo/urls";
import { getStore } from "@/lib/store";

// SITE_URL is read at run time, not frozen at build; the news sitemap is named only while it exists.
export const dynamic = "force-dynamic";

export default async function robots(): Promise<MetadataRoute.Robots> {
  // An empty news sitemap would be invalid, so it answers 404 and is left out until there is news.
  const news = await hasNewsSitemap(await getStore(), Date.now());
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/api/"] }],
    sitemap: [absoluteUrl("/sitemap.xml"), ...(news ? [absoluteUrl("/news-sitemap.xml")] : [])],
  };
}
