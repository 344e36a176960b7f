import type { Metadata } from "next";
import { hasLocale, NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/SiteFooter";
import { cookies, headers } from "next/headers";
import { MetrikaConsent } from "@/components/MetrikaConsent";
import { INLINE_SCRIPTS } from "@/lib/security/inline-scripts";
import { CONSENT_COOKIE, parseConsent } from "@/lib/consent";
import { SiteHeader } from "@/components/SiteHeader";
import { UrgentBanner } from "@/components/UrgentBanner";
import { urgentNow } from "@/lib/content/queries";
import { currentNav, SITE_PATH_HEADER } from "@/lib/routing/current-nav";
import { routing } from "@/i18n/routing";
import { getStore } from "@/lib/store";
import { localeFormats } from "@/lib/i18n/locales";
import { siteUrl } from "@/lib/seo/urls";
import { SEARCH_QUERY_HEADER, searchQueryFromHeader } from "@/lib/search/header-query";
import { fontVariables } from "../fonts";
import "../globals.css";

// Every page reads the live content and the current time (scheduled articles), so pages
// are rendered per request rather than frozen at build time.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { site } = await (await getStore()).catalog();
  return {
    metadataBase: new URL(siteUrl()),
    title: { default: site.name, template: `%s — ${site.name}` },
    description: site.description,
  };
}

export default async function LocaleLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  const [store, t, messages, requestHeaders] = await Promise.all([getStore(), getTranslations("site"), getMessages(), headers()]);
  // «Срочно» is decided now, for this render: the banner goes with the first page rendered after it expires.
  const [catalog, current, urgent] = await Promise.all([store.catalog(), currentNav(store, requestHeaders.get(SITE_PATH_HEADER)), urgentNow(store)]);
  const { site, sections } = catalog;
  // Read at run time: a newsroom switches the counter on without rebuilding.
  const metrikaId = Number(process.env.METRIKA_ID) || undefined;
  const consent = metrikaId ? parseConsent((await cookies()).get(CONSENT_COOKIE)?.value) : undefined;
  // A search page's query, for the header's search box (set by proxy.ts from the URL).
  const searched = searchQueryFromHeader(requestHeaders.get(SEARCH_QUERY_HEADER));

  return (
    // The theme script sets data-theme and data-js on <html>, so the error page (the one page that
    // hydrates) finds <html> differing from the server's markup by design: React is told not to mind.
    <html lang={localeFormats[locale].htmlLang} className={fontVariables} suppressHydrationWarning>
      <head>
        {/* Before the first paint: the reader's stored theme, so there is no flash of the other.
            Allowed by its hash in the CSP (lib/security/inline-scripts.ts). */}
        <script dangerouslySetInnerHTML={{ __html: INLINE_SCRIPTS.theme }} />
      </head>
      {/* A column at least as tall as the window: a short page (the 404) keeps its footer at the
          bottom instead of a strip of background under it. */}
      <body className="flex min-h-screen flex-col bg-paper font-sans text-ink antialiased">
        {/* The error page is the one client component with text (and the one page that keeps Next's
            client runtime, see lib/server/strip-runtime.mjs): only its messages reach the browser. */}
        <NextIntlClientProvider messages={{ error: messages.error }}>
          <a
            href="#main"
            className="sr-only text-sm focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-ink focus:px-3 focus:py-2 focus:text-paper print:hidden"
          >
            {t("skipToContent")}
          </a>
          {urgent && <UrgentBanner notice={urgent} timeZone={site.timeZone} intl={localeFormats[locale].intl} />}
          <SiteHeader siteName={site.name} sections={sections} query={searched} current={current} />
          {/* tabIndex -1: the skip link moves focus here, so the next Tab starts inside. */}
          <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 pt-6 focus:outline-none">
            {children}
          </main>
          <SiteFooter site={site} sections={sections} year={new Date().getFullYear()} />
          {metrikaId && <MetrikaConsent counterId={metrikaId} consent={consent} />}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
