import { findPublished } from "@/lib/content/queries";
import { getContentIndex } from "@/lib/content/store";
import { articleOgImage } from "@/lib/seo/og-image";
import { notFoundText } from "@/lib/seo/xml-response";

export const dynamic = "force-dynamic";

/** `/news/<slug>/opengraph-image`: the link preview of an article for VK, Telegram and others. */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const index = await getContentIndex();
  const article = findPublished(index, slug, Date.now());
  const section = article && index.sectionBySlug.get(article.section);
  if (!article || !section) return notFoundText();
  const image = await articleOgImage(article, section, index.site);
  image.headers.set("Cache-Control", "public, max-age=3600, s-maxage=3600, stale-while-revalidate=86400");
  return image;
}
