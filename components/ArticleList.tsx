import type { ReactNode } from "react";
import type { Page } from "@/lib/content/queries";
import type { Article } from "@/lib/content/types";
import { ArticleCard } from "./ArticleCard";
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
  /** A line under the heading saying what the list is, and anything that goes with it (a feed link). */
  intro?: ReactNode;
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
        <p className="mt-1 font-sans text-sm text-muted" data-testid={countTestId}>
          {count}
        </p>
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
