import { getLocale } from "next-intl/server";
import type { AnchorHTMLAttributes } from "react";
import { getPathname } from "@/i18n/navigation";

type Props = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { href: string };

/**
 * A plain, locale-aware link. Reading news is page after page of links: as client components they
 * cost serialisation on the server and hydration on phones, for soft navigation a news site does
 * not need. (The href gets the locale prefix when the locale has one.)
 */
export async function Link({ href, ...rest }: Props) {
  const locale = await getLocale();
  return <a href={getPathname({ href, locale })} {...rest} />;
}
