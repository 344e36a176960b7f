import { getLocale, getTranslations } from "next-intl/server";
import { getPathname } from "@/i18n/navigation";
import { MAX_QUERY_LENGTH } from "@/lib/search/text";
import { searchPath } from "@/lib/seo/urls";

/**
 * A plain GET form to /search: it works without JavaScript and its result is an ordinary URL.
 * `id` tells the header's form from the search page's own; the two have their own names too, so
 * that a screen reader's list of landmarks tells them apart. `sort` keeps the results' order when
 * the query is changed on the results page.
 */
export async function SearchForm({
  id,
  query = "",
  large = false,
  refine = false,
  sort,
}: {
  id: string;
  query?: string;
  large?: boolean;
  /** The search page's own form: "Изменить запрос" rather than the header's "Поиск по сайту". */
  refine?: boolean;
  sort?: "date";
}) {
  const [t, locale] = await Promise.all([getTranslations("search"), getLocale()]);
  return (
    <form
      role="search"
      aria-label={refine ? t("refineLabel") : t("formLabel")}
      action={getPathname({ href: searchPath(""), locale })}
      method="get"
      className="flex w-full gap-2 font-sans"
    >
      <label htmlFor={id} className="sr-only text-sm">
        {refine ? t("refineInputLabel") : t("inputLabel")}
      </label>
      {sort && <input type="hidden" name="sort" value={sort} />}
      <input
        id={id}
        type="search"
        name="q"
        defaultValue={query}
        placeholder={t("placeholder")}
        maxLength={MAX_QUERY_LENGTH}
        autoComplete="off"
        className={`min-w-0 flex-1 rounded-sm border border-muted bg-paper px-3 text-ink placeholder:text-muted ${large ? "py-2.5 text-lg" : "py-1.5 text-sm"}`}
      />
      <button type="submit" className={`rounded-sm bg-ink px-4 font-bold text-paper hover:bg-accent ${large ? "text-base" : "text-sm"}`}>
        {t("submit")}
      </button>
    </form>
  );
}
