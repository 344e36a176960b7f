import type { ReactNode } from "react";
import type { Page } from "@/lib/content/queries";
import type { Article } from "@/lib/content/types";
import { ArticleCard } from "./ArticleCard";
import { Link } from "./Link";
import { Pagination } from "./Pagination";

/**
 * The body of a list page (a section, a partner): the heading with its count, one page of
 * articles newest first or a line saying there are none, and the links to the other pages. One
 * component, so that every list page looks and pages alike.
 */
export function ArticleList({
  title,
  kicker,
  intro,
  feed,
  count,
  countTestId,
  empty,
  page,
  basePath,
  now,
  timeZone,
  intl,
}: {
  title: string;
  /** A small label above the heading («Партнёр»). */
  kicker?: string;
  /** A line under the heading saying what the list is. */
  intro?: ReactNode;
  /** A visible link to the list's RSS feed, on the count's line. */
  feed?: { href: string; label: string };
  /** «21 новость», already worded for the page's kind. */
  count: string;
  countTestId: string;
  /** Shown instead of the list when there is nothing to list. */
  empty: string;
  page: Page<Article>;
  /** The list's first page; Pagination adds `?page=N`. */
  basePath: string;
  now: number;
  timeZone: string;
  intl: string;
}) {
  return (
    <>
      <header className="border-b-2 border-ink pb-2">
        {kicker && <p className="font-sans text-xs font-bold uppercase tracking-wide text-accent">{kicker}</p>}
        <h1 className="font-serif text-4xl font-bold">{title}</h1>
        {intro}
        {feed ? (
          <div className="mt-1 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 font-sans text-sm">
            <p className="text-muted" data-testid={countTestId}>
              {count}
            </p>
            <Link href={feed.href} className="font-bold text-accent hover:underline">
              {feed.label}
            </Link>
          </div>
        ) : (
          <p className="mt-1 font-sans text-sm text-muted" data-testid={countTestId}>
            {count}
          </p>
        )}
      </header>
      {page.total === 0 ? (
        <p className="mt-6 font-serif text-lg">{empty}</p>
      ) : (
        page.items.map((a) => <ArticleCard key={a.slug} article={a} now={now} timeZone={timeZone} intl={intl} />)
      )}
      <Pagination basePath={basePath} page={page.page} pageCount={page.pageCount} />
    </>
  );
}
