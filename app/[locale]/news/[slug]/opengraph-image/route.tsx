import { getStore } from "@/lib/store";
import { resolveArticleImage } from "@/lib/routing/routes/news";
import { articleOgCard } from "@/lib/seo/og-image";
import { notFoundText } from "@/lib/seo/xml-response";

export const dynamic = "force-dynamic";

/**
 * `/news/<slug>/opengraph-image`: the link preview of an article for VK, Telegram and others,
 * drawn once per version of the article and then served from memory (lib/seo/og-card-cache.ts).
 */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const store = await getStore();
  // The proxy asked the same resolver first (lib/routing/routes/table.ts).
  const resolved = await resolveArticleImage(store, slug, Date.now());
  if (!resolved) return notFoundText();
  const { article, section } = resolved;
  const png = await articleOgCard(article, section, (await store.catalog()).site);
  return new Response(png as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": "image/png",
      "Cache-Control": "public, max-age=3600, s-maxage=3600, stale-while-revalidate=86400",
    },
  });
}
