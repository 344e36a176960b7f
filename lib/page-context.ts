import { getLocale, getTranslations } from "next-intl/server";
import { localeFormats } from "@/lib/i18n/locales";
import type { SeoContext } from "@/lib/seo/json-ld";
import { siteUrl } from "@/lib/seo/urls";
import { getStore } from "@/lib/store";
import type { ArticleStore, Catalog } from "@/lib/store/types";

export interface PageContext {
  store: ArticleStore;
  /** The store's catalog (site, sections, partners), read once per page. */
  catalog: Catalog;
  /** The instant this response is rendered for; every publish check in one page uses it. */
  now: number;
  timeZone: string;
  /** Intl locale tag of the current language. */
  intl: string;
}

export async function getPageContext(): Promise<PageContext> {
  const [store, locale] = await Promise.all([getStore(), getLocale()]);
  const catalog = await store.catalog();
  return { store, catalog, now: Date.now(), timeZone: catalog.site.timeZone, intl: localeFormats[locale].intl };
}

/** What metadata and structured data need about the site and the language. */
export async function getSeoContext(): Promise<SeoContext & { ogLocale: string }> {
  const [catalog, locale, t] = await Promise.all([getStore().then((store) => store.catalog()), getLocale(), getTranslations("site")]);
  return { site: catalog.site, base: siteUrl(), language: localeFormats[locale].htmlLang, ogLocale: localeFormats[locale].og, homeLabel: t("home") };
}
