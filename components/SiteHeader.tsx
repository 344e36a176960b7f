import { getTranslations } from "next-intl/server";
import { Link } from "./Link";
import { SearchForm } from "./SearchForm";
import { ThemeToggle } from "./ThemeToggle";
import type { Section } from "@/lib/content/types";
import type { CurrentNav } from "@/lib/routing/current-nav";
import { newsPath, sectionPath } from "@/lib/seo/urls";

/**
 * `query`: on a search page, its query, shown in the header's search box too. `current` is the
 * menu's item for the page being read (lib/routing/current-nav.ts): "page" on the section's own
 * page or the feed, "true" on an article of the section.
 */
export async function SiteHeader({ siteName, sections, query = "", current }: { siteName: string; sections: Section[]; query?: string; current?: CurrentNav }) {
  const t = await getTranslations("site");
  const mark = (item: string) => (current?.item === item ? current.kind : undefined);
  return (
    <header className="border-b-4 border-double border-ink print:border-b">
      <div className="mx-auto flex min-h-6 max-w-6xl justify-end px-4 pt-2 print:hidden">
        <ThemeToggle />
      </div>
      <div className="mx-auto max-w-6xl px-4 pt-1 pb-3 text-center">
        <Link href="/" className="font-serif text-4xl font-bold tracking-tight sm:text-5xl">
          {siteName}
        </Link>
        {/* Not on paper: a form cannot be filled in there. */}
        <div className="mx-auto mt-3 max-w-md print:hidden">
          <SearchForm id="site-search" query={query} />
        </div>
      </div>
      <nav aria-label={t("sectionsNav")} className="border-t border-rule print:hidden">
        {/* One line that scrolls sideways on a phone, as news sites do: its height never depends on
            how the section names wrap in one font or another. «Все новости» stays pinned at its right
            edge (its shadow covers the list's right padding, where a section showed through), and
            the sections fade out under it, so the reader sees that more follow. From `sm`
            on the line fits (smaller gaps and type below `lg`: at 820 px «Все новости» wrapped alone). */}
        <ul className="mx-auto flex max-w-6xl gap-x-5 overflow-x-auto px-4 font-sans text-sm font-bold whitespace-nowrap uppercase tracking-wide sm:justify-center sm:gap-x-4 sm:overflow-visible sm:text-[0.8rem] sm:tracking-normal lg:gap-x-5 lg:text-sm lg:tracking-wide">
          {sections.map((s) => (
            <li key={s.slug}>
              <Link href={sectionPath(s.slug)} aria-current={mark(s.slug)} className="inline-block py-2 hover:text-accent">
                {s.name}
              </Link>
            </li>
          ))}
          <li className="sticky right-0 bg-paper pl-2 shadow-[1rem_0_0_var(--color-paper)] before:pointer-events-none before:absolute before:inset-y-0 before:right-full before:w-10 before:bg-linear-to-l before:from-paper before:to-transparent sm:static sm:bg-transparent sm:pl-0 sm:shadow-none sm:before:hidden">
            <Link href={newsPath()} aria-current={mark("news")} className="inline-block py-2 text-accent hover:text-accent-dark">
              {t("allNews")}
            </Link>
          </li>
        </ul>
      </nav>
    </header>
  );
}
