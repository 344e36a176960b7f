import { getTranslations } from "next-intl/server";
import type { Segment } from "@/lib/search/highlight";
import { Highlighted } from "./Highlighted";
import { Link } from "./Link";

export interface TagItem {
  name: string;
  /** The tag page; absent when the tag has no page (only unpublished articles carry it). */
  href?: string;
  /** The name with searched-for words marked, on search results. */
  segments?: Segment[];
}

/** An article's tags, each a link to its tag page. */
export async function TagList({ tags, className = "" }: { tags: TagItem[]; className?: string }) {
  if (tags.length === 0) return null;
  const t = await getTranslations("article");
  return (
    // Not on paper: a tag cannot be followed there. Each tag is a 24 px target at least (WCAG 2.2).
    <ul aria-label={t("tags")} className={`flex flex-wrap gap-2 font-sans text-xs print:hidden ${className}`}>
      {tags.map((tag) => {
        const label = tag.segments ? <Highlighted segments={tag.segments} /> : tag.name;
        return (
          <li key={tag.name}>
            {tag.href ? (
              <Link href={tag.href} className="inline-block min-h-6 rounded-sm border border-rule px-2 py-1 text-muted hover:border-accent hover:text-accent">
                {label}
              </Link>
            ) : (
              <span className="inline-block min-h-6 rounded-sm border border-rule px-2 py-1 text-muted">{label}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
