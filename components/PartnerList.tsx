import { getTranslations } from "next-intl/server";
import { Link } from "./Link";
import type { SourceInfo } from "@/lib/content/types";
import { sourcePath } from "@/lib/seo/urls";

/**
 * «Новости партнёров»: the partners whose feeds the site carries, each a link to its page. Under the
 * home page's feed, where it stays in view down the long main column (components/Sidebar.tsx,
 * STICKY_LAST).
 */
export async function PartnerList({ partners }: { partners: SourceInfo[] }) {
  const t = await getTranslations("partners");
  if (partners.length === 0) return null;
  return (
    <section aria-labelledby="partners-title" className="font-sans">
      <h2 id="partners-title" className="border-b-2 border-ink pb-1 text-lg font-bold uppercase tracking-wide">
        {t("title")}
      </h2>
      <ul className="divide-y divide-rule">
        {partners.map((p) => (
          <li key={p.id}>
            <Link href={sourcePath(p.id)} className="block py-2.5 font-serif text-base leading-snug hover:text-accent">
              {p.name}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
