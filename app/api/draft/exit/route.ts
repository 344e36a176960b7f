import { draftMode } from "next/headers";
import { SLUG_PATTERN } from "@/lib/content/validate";

export const dynamic = "force-dynamic";

/** Leaves draft mode and returns to the article's public URL (the home page for anything else). */
export async function POST(request: Request) {
  (await draftMode()).disable();
  const form = await request.formData().catch(() => undefined);
  const slug = String(form?.get("slug") ?? "");
  const to = SLUG_PATTERN.test(slug) ? `/news/${slug}` : "/";
  return new Response(null, { status: 303, headers: { Location: to, "Cache-Control": "no-store" } });
}
