import { draftMode } from "next/headers";
import { redirect } from "next/navigation";
import { tokenMatches } from "@/lib/api/tokens";
import { getContentIndex } from "@/lib/content/store";
import { SLUG_PATTERN } from "@/lib/content/validate";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** `/api/draft?token=…&slug=…`: lets an editor see a draft or scheduled article before it is out. */
export async function GET(request: Request) {
  const secret = process.env.PREVIEW_TOKEN;
  if (!secret) return text("Not found", 404);
  const params = new URL(request.url).searchParams;
  if (!tokenMatches(params.get("token"), secret)) return text("token: wrong or missing", 401);
  const slug = params.get("slug") ?? "";
  if (!SLUG_PATTERN.test(slug)) return text("slug: must be an article slug", 400);
  if (!(await getContentIndex()).bySlug.has(slug)) return text(`slug: no article "${slug}"`, 404);

  (await draftMode()).enable();
  redirect(`/news/${slug}`);
}
