import createMiddleware from "next-intl/middleware";
import { NextRequest, NextResponse } from "next/server";
import { routing } from "./i18n/routing";
import { SHARED_CACHE_CONTROL } from "./lib/cache-control";
import { CONSENT_COOKIE } from "./lib/consent";
import { canonicalRedirect, decodePath, hasMalformedParameter, isKnownPath, isPassThroughFile, sitePath } from "./lib/routing/known-path";
import { SITE_PATH_HEADER } from "./lib/routing/current-nav";
import { queryOf } from "./lib/routing/routes/types";
import { searchArticles } from "./lib/search/store";
import { SEARCH_QUERY_HEADER, searchQueryOf } from "./lib/search/header-query";
import { getStore } from "./lib/store";
import { contentSecurityPolicy, createNonce, HSTS_VALUE, PAGE_POLICY_HEADER, siteIsHttps } from "./lib/security/headers";
import { inlineScriptHashes } from "./lib/security/inline-scripts";
import { mediaBaseUrl } from "./lib/server/media-base.mjs";
import { isStoreUnavailable } from "./lib/server/store-outage.mjs";
import { PREVIEW_COOKIE, previewAllows } from "./lib/security/preview";

const intl = createMiddleware(routing);

/** An editor's preview is theirs alone: never kept by a shared cache or the browser. */
const PREVIEW_CACHE_CONTROL = "private, no-cache, no-store, max-age=0, must-revalidate";

/** The route that renders the 404 page; see app/[locale]/not-found-page. */
const NOT_FOUND_ROUTE = "not-found-page";

/**
 * Locale routing, plus the 404 decision. Next can only server-render the 404 page when it is
 * chosen before rendering starts (a notFound() thrown inside a dynamic page yields a body that
 * needs JavaScript), so unknown URLs are sent to an ordinary page with status 404 here.
 */
export default async function proxy(incoming: NextRequest) {
  const metrikaId = Number(process.env.METRIKA_ID) || undefined;
  const development = process.env.NODE_ENV === "development";
  const media = mediaBaseUrl();
  const options = {
    hashes: inlineScriptHashes(metrikaId),
    metrika: !!metrikaId,
    https: siteIsHttps(process.env.SITE_URL),
    development,
    ...(media ? { media } : {}),
  };
  // Pages are served without Next's client runtime (server.mjs), so their only scripts are the
  // site's own, allowed by hash: the policy, like the page, is the same for every reader. A page
  // that keeps the runtime (an error page; every page in development or with KEEP_CLIENT_RUNTIME=1)
  // needs this response's nonce, which Next stamps on its scripts. Next takes it from the request's
  // policy header, which it overwrites with this response's: so the response carries the nonce
  // policy, and server.mjs swaps in the page policy on the pages it strips (settlePolicy).
  const runtimePolicy = contentSecurityPolicy({ ...options, nonce: createNonce() });
  const keepsRuntime = development || process.env.KEEP_CLIENT_RUNTIME === "1";
  const requestHeaders = new Headers(incoming.headers);
  requestHeaders.set("Content-Security-Policy", runtimePolicy);
  // The header's search box shows the query of a search page (the layout cannot see the URL's
  // query). Set here only, from the URL: a reader's own header of that name never reaches the page.
  requestHeaders.delete(SEARCH_QUERY_HEADER);
  const searched = searchQueryOf(incoming.nextUrl.pathname, incoming.nextUrl.searchParams);
  if (searched) requestHeaders.set(SEARCH_QUERY_HEADER, encodeURIComponent(searched));
  // The layout marks the page's item in the menu, and a layout is not told the path: it is passed
  // on here (always set, so a client cannot send its own).
  requestHeaders.set(SITE_PATH_HEADER, incoming.nextUrl.pathname + incoming.nextUrl.search);
  const request = new NextRequest(incoming, { headers: requestHeaders });
  const response = secure(onSite(await routeOrPass(request), request), runtimePolicy);
  if (!keepsRuntime) response.headers.set(PAGE_POLICY_HEADER, contentSecurityPolicy(options));
  return response;
}

/**
 * route(), or while the database is away and this instance has not the answers the checks need,
 * the page itself: it is served from what the instance has cached, or answered 503 (server.mjs);
 * a search says it cannot search (app/[locale]/search). Never kept by a shared cache.
 */
async function routeOrPass(request: NextRequest): Promise<NextResponse> {
  try {
    return await route(request);
  } catch (err) {
    if (!isStoreUnavailable(err)) throw err;
    const response = intl(request);
    response.headers.set("Cache-Control", "no-store");
    return response;
  }
}

async function route(request: NextRequest): Promise<NextResponse> {
  const { pathname, searchParams } = request.nextUrl;
  const path = decodePath(pathname);
  // Malformed percent-encoding in the path, or in a parameter a page reads (`?q=%zz`): a bad URL.
  if (path === undefined || hasMalformedParameter(request.nextUrl.search)) return notFound(request, routing.defaultLocale);
  // Files from public/ and the metadata routes (robots.txt, favicon.ico, …) are not localized.
  if (isPassThroughFile(path)) return NextResponse.next({ request: { headers: request.headers } });

  const store = await getStore();
  const now = Date.now();
  const moved = await canonicalRedirect(store, path, now);
  if (moved) {
    const target = new URL(request.url);
    target.pathname = moved;
    return NextResponse.redirect(target, 308);
  }

  const response = intl(request);
  const rewrite = response.headers.get("x-middleware-rewrite");
  if (!rewrite) return permanent(response); // a redirect, such as /ru/… to /…

  const [, locale = routing.defaultLocale] = new URL(rewrite).pathname.split("/");
  // An editor's signed cookie opens the one unpublished article it names (lib/security/preview.ts).
  const [first, slug, ...rest] = path.split("/").filter(Boolean);
  const preview = first === "news" && slug !== undefined && rest.length === 0 && previewAllows(request.cookies.get(PREVIEW_COOKIE)?.value, slug, now);
  // The route table's resolver, which the page calls again for its data (a search is run once:
  // lib/search/store.ts keeps its outcome for the page).
  if (await isKnownPath(path, { store, now, query: queryOf(searchParams), preview, search: searchArticles })) {
    // Shared caches (nginx, a CDN) may keep a page briefly; an editor's preview never.
    // With Metrika on, a reader's answer changes the page (the <noscript> pixel): keep it private.
    const personal = !!process.env.METRIKA_ID && request.cookies.has(CONSENT_COOKIE);
    if (preview) response.headers.set("Cache-Control", PREVIEW_CACHE_CONTROL);
    // Its ETag and Last-Modified come from its bytes, once rendered (server.mjs, lib/server/page-validators.mjs).
    else if (!personal) response.headers.set("Cache-Control", SHARED_CACHE_CONTROL);
    return response;
  }
  return notFound(request, locale);
}

/**
 * next-intl moves `/ru/…` to `/…` with 307, a temporary move, so crawlers keep both URLs and split
 * their signals. The default locale never takes a prefix (i18n/routing.ts): the move is permanent,
 * 308 like the proxy's own canonical redirects. Its headers (Location) are kept as they are.
 */
function permanent(response: NextResponse): NextResponse {
  if (response.status !== 307) return response;
  return new NextResponse(null, { status: 308, headers: response.headers });
}

function notFound(request: NextRequest, locale: string) {
  const headers = new Headers(request.headers);
  headers.set("X-NEXT-INTL-LOCALE", locale);
  return NextResponse.rewrite(new URL(`/${locale}/${NOT_FOUND_ROUTE}`, request.url), { status: 404, request: { headers } });
}

/**
 * Every redirect stays on this site: a Location that would lead elsewhere (`//host`, `/\\host`, or
 * another origin) is rebuilt from its path's segments. canonicalRedirect already builds its targets
 * that way; this also covers next-intl's redirects.
 */
function onSite(response: NextResponse, request: NextRequest): NextResponse {
  const location = response.headers.get("Location");
  if (!location) return response;
  const own = new URL(request.url);
  let target: URL | undefined;
  try {
    target = new URL(location, own);
  } catch {
    target = undefined;
  }
  if (target && target.origin === own.origin && !/^[/\\]{2}/.test(location.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, ""))) return response;
  const path = sitePath(decodePath(target?.pathname ?? "/") ?? "/");
  const safe = new URL(own);
  safe.pathname = path;
  safe.search = target?.search ?? "";
  response.headers.set("Location", safe.toString());
  return response;
}

function secure(response: NextResponse, policy: string): NextResponse {
  response.headers.set("Content-Security-Policy", policy);
  if (siteIsHttps(process.env.SITE_URL)) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
  return response;
}

export const config = {
  // Everything but API routes, Next's build output, content media and the balancer's health check.
  matcher: "/((?!api/|_next/|_vercel/|media/|healthz$).*)",
};
