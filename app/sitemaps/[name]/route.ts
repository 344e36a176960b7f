import { getContentIndex } from "@/lib/content/store";
import { articleSitemapNames, articlesSitemapXml, pagesSitemapXml } from "@/lib/seo/sitemaps";
import { siteUrl } from "@/lib/seo/urls";
import { notFoundText, xmlResponse } from "@/lib/seo/xml-response";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const index = await getContentIndex();
  const now = Date.now();
  if (name === "pages.xml") return xmlResponse(pagesSitemapXml(index, now, siteUrl()));
  const articles = /^articles-\d{4}-\d{2}(-\d+)?\.xml$/.test(name) ? articleSitemapNames(index, now).get(name) : undefined;
  return articles ? xmlResponse(articlesSitemapXml(articles, siteUrl())) : notFoundText();
}
