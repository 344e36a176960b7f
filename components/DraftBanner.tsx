import { getTranslations } from "next-intl/server";
import { typesetDisplay } from "@/lib/content/typography";
import type { Article } from "@/lib/content/types";
import { formatNumericDate, formatTime } from "@/lib/format/dates";

/** Shown in an editor's preview (lib/security/preview.ts) above an article that readers cannot see yet. */
export async function DraftBanner({ article, now, timeZone, intl }: { article: Article; now: number; timeZone: string; intl: string }) {
  const t = await getTranslations("draft");
  const state = article.draft
    ? t("draft")
    : article.dateMs > now
      ? t("scheduled", { date: formatNumericDate(article.dateMs, intl, timeZone), time: formatTime(article.dateMs, intl, timeZone) })
      : undefined;
  return (
    <div
      role="status"
      className="mb-6 flex flex-wrap items-center justify-between gap-3 border-2 border-accent bg-alert print:hidden px-4 py-3 font-sans text-sm"
    >
      <p>
        {state && <strong className="mr-2 uppercase tracking-wide text-accent">{state}</strong>}
        {typesetDisplay(t("notice"))}
      </p>
      <form action="/api/draft/exit" method="post">
        <input type="hidden" name="slug" value={article.slug} />
        <button type="submit" className="rounded-sm bg-ink px-3 py-1.5 font-bold text-paper hover:bg-accent">
          {t("exit")}
        </button>
      </form>
    </div>
  );
}
