import { hasLocale } from "next-intl";
import { getRequestConfig } from "next-intl/server";
import { getStore } from "@/lib/store";
import { routing } from "./routing";

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const { site } = await (await getStore()).catalog();
  return {
    locale,
    messages: (await import(`../messages/${locale}.json`)).default,
    // Dates on every page are in the newsroom's zone, not the reader's or the server's.
    timeZone: site.timeZone,
  };
});
