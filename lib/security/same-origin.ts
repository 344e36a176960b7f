/**
 * Refuses state-changing requests that another site made a reader's browser send (a form on
 * evil.example posting to /api/consent would otherwise set the consent cookie for a year).
 *
 * Browsers say where a request comes from: `Sec-Fetch-Site` (`cross-site` is refused) and `Origin`
 * (refused unless it is this site's). A request with neither header is not a browser's form or
 * fetch (curl, a newsroom's server calling /api/revalidate with its token), and goes on to the
 * route's own checks.
 */
export function crossSiteRefusal(request: Request, siteUrl = process.env.SITE_URL): Response | undefined {
  const fetchSite = request.headers.get("sec-fetch-site")?.toLowerCase();
  const origin = request.headers.get("origin");
  if (fetchSite === "cross-site") return refuse("Sec-Fetch-Site: cross-site requests are refused");
  if (origin !== null && !isOwnOrigin(origin, request, siteUrl)) return refuse("Origin: requests from other sites are refused");
  return undefined;
}

/**
 * This site's origin is SITE_URL's; the Host the request was sent to also counts, for local runs
 * and a site reached under another name (a browser cannot forge either header from another site).
 */
function isOwnOrigin(origin: string, request: Request, siteUrl: string | undefined): boolean {
  let from: URL;
  try {
    from = new URL(origin); // "null" (a sandboxed frame, a privacy redirect) throws: refused
  } catch {
    return false;
  }
  if (siteUrl) {
    try {
      if (new URL(siteUrl).origin === from.origin) return true;
    } catch {
      // a malformed SITE_URL leaves the Host check
    }
  }
  const host = request.headers.get("host");
  return host !== null && from.host === host.toLowerCase();
}

function refuse(message: string): Response {
  return new Response(`${message}\n`, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
