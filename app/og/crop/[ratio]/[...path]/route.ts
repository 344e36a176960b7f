import { cropMediaFile } from "@/lib/content/media";

export const dynamic = "force-dynamic";

/** `/og/crop/16x9/media/<file>`: the article photo in the crops structured data points to. */
export async function GET(_req: Request, { params }: { params: Promise<{ ratio: string; path: string[] }> }) {
  const { ratio, path } = await params;
  const file = await cropMediaFile(ratio, path);
  if (!file) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Last-Modified": file.lastModified.toUTCString(),
      "Cache-Control": "public, max-age=86400, stale-while-revalidate=604800",
    },
  });
}
