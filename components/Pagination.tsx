import { getTranslations } from "next-intl/server";
import { Link } from "./Link";

/**
 * Previous/next page links; page 1 is the bare path so it has one URL only. `params` are kept on
 * every link (the search's `q`).
 */
export async function Pagination({
  basePath,
  page,
  pageCount,
  params = {},
}: {
  basePath: string;
  page: number;
  pageCount: number;
  params?: Record<string, string>;
}) {
  if (pageCount <= 1) return null;
  const t = await getTranslations("pagination");
  const href = (p: number) => {
    const query = new URLSearchParams(params);
    if (p > 1) query.set("page", String(p));
    const qs = query.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  return (
    <nav aria-label={t("label")} className="mt-8 flex items-center justify-between gap-4 font-sans text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className="font-bold text-accent hover:underline">
          ← {t("previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-muted">{t("status", { page, count: pageCount })}</span>
      {page < pageCount ? (
        <Link href={href(page + 1)} rel="next" className="font-bold text-accent hover:underline">
          {t("next")} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
