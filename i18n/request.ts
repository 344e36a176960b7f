import { hasLocale } from "next-intl";
import { getRequestConfig } from "next-intl/server";
import { getContentIndex } from "@/lib/content/store";
import { routing } from "./routing";

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const index = await getContentIndex();
  return {
    locale,
    messages: (await import(`../messages/${locale}.json`)).default,
    // Dates on every page are in the newsroom's zone, not the reader's or the server's.
    timeZone: index.site.timeZone,
  };
});
