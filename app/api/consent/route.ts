import { CONSENT_COOKIE, CONSENT_MAX_AGE, parseConsent, safeReturnPath } from "@/lib/consent";
import { crossSiteRefusal } from "@/lib/security/same-origin";

export const dynamic = "force-dynamic";

/** Back to the page the form was on, when the browser says which (same origin only). */
function returnPath(request: Request): string {
  try {
    const from = new URL(request.headers.get("referer") ?? "");
    if (from.host !== new URL(request.url).host && from.host !== request.headers.get("host")) return "/";
    return safeReturnPath(from.pathname + from.search);
  } catch {
    return "/";
  }
}

/** The notice's form for readers without JavaScript: remembers the answer and goes back. */
export async function POST(request: Request) {
  const refused = crossSiteRefusal(request);
  if (refused) return refused;
  const form = await request.formData().catch(() => undefined);
  const choice = parseConsent(String(form?.get("choice") ?? ""));
  if (!choice) return new Response("choice: must be granted or denied", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const secure = new URL(request.url).protocol === "https:" || (process.env.SITE_URL ?? "").startsWith("https://");
  return new Response(null, {
    status: 303,
    headers: {
      Location: returnPath(request),
      "Set-Cookie": `${CONSENT_COOKIE}=${choice}; Path=/; Max-Age=${CONSENT_MAX_AGE}; SameSite=Lax${secure ? "; Secure" : ""}`,
      "Cache-Control": "no-store",
    },
  });
}
