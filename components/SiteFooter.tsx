import { getTranslations } from "next-intl/server";
import { Link } from "./Link";
import type { Section } from "@/lib/content/types";
import { newsPath, sectionPath } from "@/lib/seo/urls";

export async function SiteFooter({ siteName, description, sections, year }: { siteName: string; description: string; sections: Section[]; year: number }) {
  const t = await getTranslations("site");
  return (
    <footer className="mt-16 border-t-4 border-double border-ink bg-surface print:hidden">
      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-8 font-sans text-sm text-muted md:grid-cols-[2fr_3fr]">
        <div>
          <p className="font-serif text-2xl font-bold text-ink">{siteName}</p>
          {description && <p className="mt-2">{description}</p>}
          <p className="mt-2">{t("demoNotice")}</p>
          <p className="mt-4">{t("copyright", { year, name: siteName })}</p>
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
