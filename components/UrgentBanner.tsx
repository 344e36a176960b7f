import { getTranslations } from "next-intl/server";
import { Link } from "./Link";
import type { UrgentNotice } from "@/lib/content/urgent";
import { formatTime } from "@/lib/format/dates";
import { articlePath } from "@/lib/seo/urls";

/**
 * «Срочно»: a line above every page's header while an urgent story is fresh (lib/content/urgent.ts).
 * Plain HTML in the first response: no script shows or hides it.
 */
export async function UrgentBanner({ notice, timeZone, intl }: { notice: UrgentNotice; timeZone: string; intl: string }) {
  const t = await getTranslations("urgent");
  const { article } = notice;
  return (
    <aside aria-label={t("label")} className="bg-accent text-paper print:hidden" data-testid="urgent-banner">
      <p className="mx-auto flex max-w-6xl flex-wrap items-baseline gap-x-3 px-4 py-2 font-sans text-sm">
        <strong className="uppercase tracking-wide">{t("kicker")}</strong>
        <time dateTime={article.date} className="font-bold">
          {formatTime(article.dateMs, intl, timeZone)}
        </time>
        <Link href={articlePath(article.slug)} className="font-serif text-base font-bold underline underline-offset-2 hover:no-underline">
          {article.title}
        </Link>
      </p>
    </aside>
  );
}
