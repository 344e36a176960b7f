import { getLocale, getTranslations } from "next-intl/server";
import { getContentIndex } from "@/lib/content/store";
import type { ContentIndex } from "@/lib/content/types";
import { localeFormats } from "@/lib/i18n/locales";
import type { SeoContext } from "@/lib/seo/json-ld";
import { siteUrl } from "@/lib/seo/urls";

export interface PageContext {
  index: ContentIndex;
  /** The instant this response is rendered for; every publish check in one page uses it. */
  now: number;
  timeZone: string;
  /** Intl locale tag of the current language. */
  intl: string;
}

export async function getPageContext(): Promise<PageContext> {
  const [index, locale] = await Promise.all([getContentIndex(), getLocale()]);
  return { index, now: Date.now(), timeZone: index.site.timeZone, intl: localeFormats[locale].intl };
}

/** What metadata and structured data need about the site and the language. */
export async function getSeoContext(): Promise<SeoContext & { ogLocale: string }> {
  const [index, locale, t] = await Promise.all([getContentIndex(), getLocale(), getTranslations("site")]);
  return { site: index.site, base: siteUrl(), language: localeFormats[locale].htmlLang, ogLocale: localeFormats[locale].og, homeLabel: t("home") };
}
