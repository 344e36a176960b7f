import { getTranslations } from "next-intl/server";
import { Link } from "./Link";
import type { Article } from "@/lib/content/types";
import { articlePath } from "@/lib/seo/urls";

/** Links to the older (←) and newer (→) article of the same section. */
export async function ArticleNeighbours({ previous, next }: { previous?: Article; next?: Article }) {
  if (!previous && !next) return null;
  const t = await getTranslations("article");
  return (
    <nav aria-label={t("neighbours")} className="mt-8 print:hidden grid gap-4 border-y border-rule py-4 font-serif sm:grid-cols-2">
      {previous ? (
        <Link href={articlePath(previous.slug)} rel="prev" className="group block">
          <span className="block font-sans text-xs font-bold uppercase tracking-wide text-muted">{t("previous")}</span>
          <span className="group-hover:text-accent">
            <span aria-hidden="true">←</span> {previous.title}
          </span>
        </Link>
      ) : (
        <span />
      )}
      {next && (
        <Link href={articlePath(next.slug)} rel="next" className="group block sm:text-right">
          <span className="block font-sans text-xs font-bold uppercase tracking-wide text-muted">{t("next")}</span>
          <span className="group-hover:text-accent">
            {next.title} <span aria-hidden="true">→</span>
          </span>
        </Link>
      )}
    </nav>
  );
}
