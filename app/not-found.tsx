import NextLink from "next/link";
import { getTranslations } from "next-intl/server";
import { routing } from "@/i18n/routing";
import { localeFormats } from "@/lib/i18n/locales";
import "./globals.css";

/** 404 for URLs outside any locale (the proxy did not rewrite them). */
export default async function RootNotFound() {
  const locale = routing.defaultLocale;
  const t = await getTranslations({ locale, namespace: "notFound" });
  return (
    <html lang={localeFormats[locale].htmlLang}>
      <body className="bg-paper font-serif text-ink">
        <main className="mx-auto max-w-2xl px-4 py-24 text-center">
          <h1 className="text-4xl font-bold">{t("title")}</h1>
          <p className="mt-4 text-lg">{t("text")}</p>
          <p className="mt-8">
            <NextLink href="/" className="font-sans font-bold text-accent underline">
              {t("home")}
            </NextLink>
          </p>
        </main>
      </body>
    </html>
  );
}
