import { defineRouting } from "next-intl/routing";

/**
 * Russian is the default and lives at the root (`/news/<slug>`); another locale added here gets a
 * prefix (`/be/news/<slug>`). The locale comes from the URL only, never from the browser, so a
 * page's content does not vary by visitor and stays cacheable.
 */
export const routing = defineRouting({
  locales: ["ru"],
  defaultLocale: "ru",
  localePrefix: "as-needed",
  localeDetection: false,
  localeCookie: false,
  alternateLinks: false,
});

export type Locale = (typeof routing.locales)[number];
