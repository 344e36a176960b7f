import { getLocale } from "next-intl/server";
import { getContentIndex } from "@/lib/content/store";
import type { ContentIndex } from "@/lib/content/types";
import { localeFormats } from "@/lib/i18n/locales";

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
