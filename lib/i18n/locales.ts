import type { Locale } from "@/i18n/routing";

/** Per-language formats: the one place where a new locale's conventions are declared. */
export interface LocaleFormats {
  /** BCP 47 tag for Intl. */
  intl: string;
  /** `og:locale`. */
  og: string;
  /** `lang` attribute of <html>. */
  htmlLang: string;
}

export const localeFormats: Record<Locale, LocaleFormats> = {
  ru: { intl: "ru-RU", og: "ru_RU", htmlLang: "ru" },
};
