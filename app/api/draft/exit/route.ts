import { SLUG_PATTERN } from "@/lib/content/validate";
import { siteIsHttps } from "@/lib/security/headers";
import { endPreviewCookie } from "@/lib/security/preview";
import { crossSiteRefusal } from "@/lib/security/same-origin";
import { articlePath } from "@/lib/seo/urls";

export const dynamic = "force-dynamic";

/** Ends the preview and returns to the article's public URL (the home page for anything else). */
export async function POST(request: Request) {
  const refused = crossSiteRefusal(request);
  if (refused) return refused;
  const form = await request.formData().catch(() => undefined);
  const slug = String(form?.get("slug") ?? "");
  const to = SLUG_PATTERN.test(slug) ? articlePath(slug) : "/";
  const secure = new URL(request.url).protocol === "https:" || siteIsHttps(process.env.SITE_URL);
  return new Response(null, { status: 303, headers: { Location: to, "Set-Cookie": endPreviewCookie(secure), "Cache-Control": "no-store" } });
}
