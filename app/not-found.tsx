import { NextIntlClientProvider } from "next-intl";
import { NotFoundMessage } from "@/components/NotFoundMessage";
import { routing } from "@/i18n/routing";
import { localeFormats } from "@/lib/i18n/locales";
import "./globals.css";

/** 404 for URLs that never reach a locale; the request config falls back to the default one. */
export default function RootNotFound() {
  const locale = routing.defaultLocale;
  return (
    <html lang={localeFormats[locale].htmlLang}>
      <body className="bg-paper font-serif text-ink">
        <NextIntlClientProvider locale={locale} messages={{}}>
          <main className="px-4">
            <NotFoundMessage />
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
