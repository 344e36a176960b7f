import { useLocale } from "next-intl";
import type { AnchorHTMLAttributes } from "react";
import { getPathname } from "@/i18n/navigation";

type Props = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { href: string };

/**
 * A plain, locale-aware link. Reading news is page after page of links: as client components they
 * cost serialisation on the server and hydration on phones, for soft navigation a news site does
 * not need. Synchronous on purpose: a page renders a hundred of these. (The href gets the locale
 * prefix when the locale has one.)
 */
export function Link({ href, ...rest }: Props) {
  const locale = useLocale();
  return <a href={getPathname({ href, locale })} {...rest} />;
}
