import { findPublished } from "@/lib/content/queries";
import { getContentIndex } from "@/lib/content/store";
import { articleOgCard } from "@/lib/seo/og-image";
import { notFoundText } from "@/lib/seo/xml-response";

export const dynamic = "force-dynamic";

/**
 * `/news/<slug>/opengraph-image`: the link preview of an article for VK, Telegram and others,
 * drawn once per version of the article and then served from memory (lib/seo/og-card-cache.ts).
 */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const index = await getContentIndex();
  const article = findPublished(index, slug, Date.now());
  const section = article && index.sectionBySlug.get(article.section);
  if (!article || !section) return notFoundText();
  const png = await articleOgCard(article, section, index.site);
  return new Response(png as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": "image/png",
      "Cache-Control": "public, max-age=3600, s-maxage=3600, stale-while-revalidate=86400",
    },
  });
}
