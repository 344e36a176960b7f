import { getTranslations } from "next-intl/server";
import { Link } from "./Link";

export interface BreadcrumbItem {
  name: string;
  /** Absent for the current page, which is named but not linked. */
  href?: string;
}

/**
 * The visible trail (Главная › Политика › …). Pages build the items from the same trail as their
 * BreadcrumbList structured data (lib/seo/json-ld.ts), so readers and crawlers see one path.
 */
export async function Breadcrumbs({ items }: { items: BreadcrumbItem[] }) {
  const t = await getTranslations("site");
  return (
    <nav aria-label={t("breadcrumbs")} className="mb-4 font-sans text-sm text-muted print:hidden">
      <ol className="flex flex-wrap items-baseline gap-x-1.5 gap-y-1">
        {items.map((item, i) => (
          <li key={`${i}-${item.name}`} className="flex min-w-0 items-baseline gap-x-1.5">
            {i > 0 && <span aria-hidden="true">›</span>}
            {item.href ? (
              // py-0.5: a 24 px target (WCAG 2.2), not the 20 px of the line alone.
              <Link href={item.href} className="inline-block py-0.5 underline decoration-rule underline-offset-2 hover:text-accent hover:decoration-current">
                {item.name}
              </Link>
            ) : (
              <span aria-current="page" className="line-clamp-1 text-ink">
                {item.name}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
