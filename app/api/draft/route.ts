import { DRAFT_FORM_POLICY, DRAFT_TEXT_POLICY, draftForm } from "@/lib/api/draft-form";
import { clientAddress, tokenGuesses, tooManyGuesses } from "@/lib/api/rate-limit";
import { bearerToken, tokenMatches } from "@/lib/api/tokens";
import { getStore } from "@/lib/store";
import { SLUG_PATTERN } from "@/lib/content/validate";
import { siteIsHttps } from "@/lib/security/headers";
import { previewCookie, signPreview } from "@/lib/security/preview";
import { crossSiteRefusal } from "@/lib/security/same-origin";
import { articlePath } from "@/lib/seo/urls";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) =>
  new Response(`${body}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": DRAFT_TEXT_POLICY },
  });

/**
 * `GET /api/draft?slug=…`: the form an editor opens from the newsroom's tools; it posts the token
 * below. A token in this URL is not used: it would be written to access logs.
 */
export async function GET(request: Request) {
  if (!process.env.PREVIEW_TOKEN) return text("Not found", 404);
  const slug = new URL(request.url).searchParams.get("slug") ?? "";
  if (!SLUG_PATTERN.test(slug)) return text("slug: must be an article slug", 400);
  return new Response(draftForm(slug), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": DRAFT_FORM_POLICY,
    },
  });
}

/**
 * `POST /api/draft` with `token` and `slug` (a form, or `Authorization: Bearer <token>` and the slug
 * in the form or the query): sets the signed preview cookie for that article
 * (lib/security/preview.ts) and sends the editor to it. Without PREVIEW_TOKEN there is no preview.
 */
export async function POST(request: Request) {
  const refused = crossSiteRefusal(request);
  if (refused) return refused;
  const secret = process.env.PREVIEW_TOKEN;
  if (!secret) return text("Not found", 404);
  const client = clientAddress(request.headers);
  const now = Date.now();
  const limit = tokenGuesses.check(client, now);
  if (limit.limited) return tooManyGuesses(limit.retryAfterS, false);

  const form = await request.formData().catch(() => undefined);
  const field = (name: string) => {
    const value = form?.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const token = bearerToken(request.headers.get("authorization")) ?? field("token");
  if (!tokenMatches(token, secret)) {
    tokenGuesses.fail(client, now);
    return text("token: wrong or missing", 401);
  }
  const slug = field("slug") ?? new URL(request.url).searchParams.get("slug") ?? "";
  if (!SLUG_PATTERN.test(slug)) return text("slug: must be an article slug", 400);
  if (!(await (await getStore()).article(slug))) return text(`slug: no article "${slug}"`, 404);

  const secure = new URL(request.url).protocol === "https:" || siteIsHttps(process.env.SITE_URL);
  return new Response(null, {
    status: 303,
    headers: {
      Location: articlePath(slug),
      "Set-Cookie": previewCookie(signPreview(slug, secret, now), secure),
      "Cache-Control": "no-store",
      "Content-Security-Policy": DRAFT_TEXT_POLICY,
    },
  });
}
