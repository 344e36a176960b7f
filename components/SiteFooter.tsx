import { getTranslations } from "next-intl/server";
import { Link } from "./Link";
import type { Section, SiteConfig } from "@/lib/content/types";
import { typesetDisplay } from "@/lib/content/typography";
import { newsPath, sectionPath } from "@/lib/seo/urls";

/**
 * The foot of every page: the newsroom's details as news sites in Belarus and Russia give them
 * (site.json `editorial`: редакция, главный редактор, address, contacts, the age mark), the RSS
 * feed, one notice that this is a demo, and the sections.
 */
export async function SiteFooter({ site, sections, year }: { site: SiteConfig; sections: Section[]; year: number }) {
  const t = await getTranslations("site");
  const e = site.editorial ?? {};
  return (
    <footer className="mt-16 border-t-4 border-double border-ink bg-surface print:hidden">
      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-8 font-sans text-sm text-muted md:grid-cols-[2fr_3fr]">
        <div>
          <p className="flex items-baseline gap-3 font-serif text-2xl font-bold text-ink">
            {site.name}
            {e.ageMark && (
              <span className="rounded-sm border border-muted px-1 font-sans text-xs font-bold text-muted" aria-label={t("ageMark", { mark: e.ageMark })}>
                {e.ageMark}
              </span>
            )}
          </p>
          <address className="mt-2 space-y-0.5 not-italic" data-testid="editorial">
            {e.name && <p>{typesetDisplay(e.name)}</p>}
            {e.editor && <p>{typesetDisplay(e.editor)}</p>}
            {e.registration && <p>{typesetDisplay(e.registration)}</p>}
            {e.address && <p>{typesetDisplay(e.address)}</p>}
            {(e.email || e.phone) && (
              <p>
                {t("contacts")}{" "}
                {e.email && (
                  <a href={`mailto:${e.email}`} className="text-ink underline hover:text-accent">
                    {e.email}
                  </a>
                )}
                {e.email && e.phone && ", "}
                {e.phone && (
                  <a href={`tel:${e.phone.replace(/[^\d+]/g, "")}`} className="whitespace-nowrap text-ink underline hover:text-accent">
                    {e.phone}
                  </a>
                )}
              </p>
            )}
          </address>
          <p className="mt-3">{typesetDisplay(t("demoNotice"))}</p>
          <p className="mt-3 flex flex-wrap gap-x-4">
            <span>{t("copyright", { year, name: site.name })}</span>
            {/* The site's feed is not localized: a plain link. */}
            <a href="/rss.xml" className="font-bold text-accent hover:underline">
              {t("rss")}
            </a>
          </p>
        </div>
        {/* Its own name: two navigation landmarks with one label cannot be told apart (axe landmark-unique). */}
        <nav aria-label={t("footerNav")}>
          <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3">
            {sections.map((s) => (
              <li key={s.slug}>
                <Link href={sectionPath(s.slug)} className="text-ink hover:text-accent hover:underline">
                  {s.name}
                </Link>
              </li>
            ))}
            <li>
              <Link href={newsPath()} className="text-ink hover:text-accent hover:underline">
                {t("allNews")}
              </Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
