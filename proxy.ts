import createMiddleware from "next-intl/middleware";
import { NextResponse, type NextRequest } from "next/server";
import { routing } from "./i18n/routing";
import { getContentIndex } from "./lib/content/store";
import { decodePath, isKnownPath, isPassThroughFile } from "./lib/routing/known-path";

const intl = createMiddleware(routing);

/** The route that renders the 404 page; see app/[locale]/not-found-page. */
const NOT_FOUND_ROUTE = "not-found-page";

/**
 * Locale routing, plus the 404 decision. Next can only server-render the 404 page when it is
 * chosen before rendering starts (a notFound() thrown inside a dynamic page yields a body that
 * needs JavaScript), so unknown URLs are sent to an ordinary page with status 404 here.
 */
export default async function proxy(request: NextRequest) {
  const { pathname, searchParams } = request.nextUrl;
  const path = decodePath(pathname);
  if (path === undefined) return notFound(request, routing.defaultLocale);
  // Files from public/ and the metadata routes (robots.txt, favicon.ico, …) are not localized.
  if (isPassThroughFile(path)) return NextResponse.next();

  const response = intl(request);
  const rewrite = response.headers.get("x-middleware-rewrite");
  if (!rewrite) return response; // a redirect, such as /ru/… to /…

  const [, locale = routing.defaultLocale] = new URL(rewrite).pathname.split("/");
  if (isKnownPath(await getContentIndex(), path, searchParams, Date.now())) return response;
  return notFound(request, locale);
}

function notFound(request: NextRequest, locale: string) {
  const headers = new Headers(request.headers);
  headers.set("X-NEXT-INTL-LOCALE", locale);
  return NextResponse.rewrite(new URL(`/${locale}/${NOT_FOUND_ROUTE}`, request.url), { status: 404, request: { headers } });
}

export const config = {
  // Everything but API routes, Next's build output and content media.
  matcher: "/((?!api/|_next/|_vercel/|media/).*)",
};
