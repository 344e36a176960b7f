import { getStore } from "@/lib/store";
import { articleSitemapPart, articlesSitemapXml, pagesSitemapXml } from "@/lib/seo/sitemaps";
import { siteUrl } from "@/lib/seo/urls";
import { notFoundText, xmlResponse } from "@/lib/seo/xml-response";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const store = await getStore();
  const now = Date.now();
  if (name === "pages.xml") return xmlResponse(await pagesSitemapXml(store, now, siteUrl()));
  const articles = await articleSitemapPart(store, name, now);
  return articles ? xmlResponse(articlesSitemapXml(articles, siteUrl())) : notFoundText();
}
