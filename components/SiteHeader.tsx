import { getTranslations } from "next-intl/server";
import { Link } from "./Link";
import { SearchForm } from "./SearchForm";
import { ThemeToggle } from "./ThemeToggle";
import type { Section } from "@/lib/content/types";
import { newsPath, sectionPath } from "@/lib/seo/urls";

/** `query`: on a search page, its query, shown in the header's search box too. */
export async function SiteHeader({ siteName, sections, query = "" }: { siteName: string; sections: Section[]; query?: string }) {
  const t = await getTranslations("site");
  return (
    <header className="border-b-4 border-double border-ink print:border-b">
      <div className="mx-auto flex min-h-6 max-w-6xl justify-end px-4 pt-2 print:hidden">
        <ThemeToggle />
      </div>
      <div className="mx-auto max-w-6xl px-4 pt-1 pb-3 text-center">
        <Link href="/" className="font-serif text-4xl font-bold tracking-tight sm:text-5xl">
          {siteName}
        </Link>
        <div className="mx-auto mt-3 max-w-md">
          <SearchForm id="site-search" query={query} />
        </div>
      </div>
      <nav aria-label={t("sectionsNav")} className="border-t border-rule print:hidden">
        {/* One line that scrolls sideways on a phone, as news sites do: its height never depends on
            how the section names wrap in one font or another. */}
        <ul className="mx-auto flex max-w-6xl gap-x-5 overflow-x-auto px-4 py-2 font-sans text-sm font-bold whitespace-nowrap uppercase tracking-wide sm:flex-wrap sm:justify-center sm:overflow-visible">
          {sections.map((s) => (
            <li key={s.slug}>
              <Link href={sectionPath(s.slug)} className="hover:text-accent">
                {s.name}
              </Link>
            </li>
          ))}
          <li>
            <Link href={newsPath()} className="text-accent hover:text-accent-dark">
              {t("allNews")}
            </Link>
          </li>
        </ul>
      </nav>
    </header>
  );
}
