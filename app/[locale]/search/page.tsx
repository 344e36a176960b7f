import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Link } from "@/components/Link";
import { Pagination } from "@/components/Pagination";
import { SearchForm } from "@/components/SearchForm";
import { SearchResult } from "@/components/SearchResult";
import { Sidebar } from "@/components/Sidebar";
import { TwoColumnLayout } from "@/components/TwoColumnLayout";
import { isPublished, type Page } from "@/lib/content/queries";
import { getBodyText } from "@/lib/content/store";
import { typesetDisplay, typesetRuns } from "@/lib/content/typography";
import { tagLinks } from "@/lib/content/tags";
import type { Article } from "@/lib/content/types";
import { SEARCH_PAGE_SIZE } from "@/lib/limits";
import { getPageContext, getSeoContext, type PageContext } from "@/lib/page-context";
import { highlight, snippet, type Segment } from "@/lib/search/highlight";
import { searchArticles } from "@/lib/search/store";
import { MAX_QUERY_LENGTH, parseQuery } from "@/lib/search/text";
import { isStoreUnavailable, markUnavailableShown } from "@/lib/server/store-outage.mjs";
import { resolveSearch } from "@/lib/routing/routes/search";
import { pageMetadata } from "@/lib/seo/metadata";
import { searchPath } from "@/lib/seo/urls";

/** Where the query goes in a typeset message: a private-use character the typesetter leaves alone. */
const QUERY_SLOT = "\uE010";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  // The same resolver as the page's and the proxy's: one search, kept by lib/search/store.ts.
  const resolved = await resolveSearch(await searchParams, Date.now(), searchArticles).catch(unlessUnavailable);
  if (resolved === UNAVAILABLE) return { title: (await getTranslations("search"))("title"), robots: { index: false, follow: true } };
  if (!resolved) return {};
  const { query, pageNumber: page, sort } = resolved;
  const [t, tPage, seo] = await Promise.all([getTranslations("search"), getTranslations("pagination"), getSeoContext()]);
  const base = query.text ? t("titleWithQuery", { query: query.text }) : t("title");
  return {
    ...pageMetadata({
      ...seo,
      // Canonical: the query as searched (trimmed, cut), so spellings of one URL collapse into one.
      path: searchPath(query.text, page, sort),
      title: page > 1 ? tPage("pageTitle", { title: base, page }) : base,
      description: t("description", { site: seo.site.name }),
    }),
    // Result pages are endless and thin: crawlers may follow their links but not index them.
    robots: { index: false, follow: true },
  };
}

export default async function SearchPage({ searchParams }: Props) {
  const ctx = await getPageContext();
  const { store, catalog, now, timeZone, intl } = ctx;
  // The proxy has already answered 404 when this is undefined (lib/routing/routes/table.ts), and
  // its search is the one this gets back (lib/search/store.ts keeps it for the page).
  const resolved = await resolveSearch(await searchParams, now, searchArticles).catch(unlessUnavailable);
  if (resolved === UNAVAILABLE) return <SearchUnavailable ctx={ctx} query={parseQuery((await searchParams).q)?.text ?? ""} />;
  if (!resolved) notFound();
  const { query, pageNumber, outcome, sort } = resolved;
  const t = await getTranslations("search");

  // The page's range of results (the store resolved them against its content when it searched);
  // an article removed meanwhile is left out.
  const items = (await Promise.all((outcome?.hits ?? []).map((h) => store.article(h.slug)))).filter((a): a is Article => !!a && isPublished(a, now));
  const total = outcome?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE));
  // A page past the end (the results changed since the proxy counted them) shows as empty.
  const page: Page<Article> =
    pageNumber <= pageCount ? { items, page: pageNumber, pageCount, total } : { items: [], page: pageNumber, pageCount: pageNumber, total };
  const terms = outcome?.terms ?? new Set<string>();
  const [passages, tagLists] = await Promise.all([
    Promise.all(page.items.map((a) => passageOf(a, terms))),
    Promise.all(page.items.map((a) => tagLinks(store, a.tags, now))),
  ]);

  return (
    <TwoColumnLayout aside={<Sidebar ctx={ctx} />}>
      <header className="border-b-2 border-ink pb-4">
        <h1 className="font-serif text-4xl font-bold">{t("title")}</h1>
        <div className="mt-4">
          <SearchForm id="search-page" query={query.text} large refine {...(sort === "date" ? { sort } : {})} />
        </div>
        {query.truncated && <p className="mt-2 font-sans text-sm text-muted">{typesetDisplay(t("truncated", { max: MAX_QUERY_LENGTH }))}</p>}
        {outcome && !outcome.complete && <p className="mt-2 font-sans text-sm text-muted">{typesetDisplay(t("partial"))}</p>}
      </header>

      {!query.text ? (
        <p className="mt-6 font-serif text-lg" data-testid="search-prompt">
          {typesetDisplay(t("prompt"))}
        </p>
      ) : total === 0 ? (
        <div className="mt-6" data-testid="search-empty">
          <p className="font-serif text-lg">
            {/* The message is typeset, the reader's query is shown as typed. */}
            {typesetDisplay(t("none", { query: QUERY_SLOT })).replace(QUERY_SLOT, () => query.text)}
          </p>
          <p className="mt-2 font-sans text-sm text-muted">{typesetDisplay(t("noneHint"))}</p>
        </div>
      ) : (
        <>
          <p className="mt-4 font-sans text-sm text-muted" data-testid="search-count">
            {outcome?.capped ? t("countCapped", { count: total }) : t("count", { count: total })} {t("countFor", { query: query.text })}
          </p>
          {/* Two links, not a form: each order is an ordinary URL that works without JavaScript. */}
          <nav aria-label={t("sortLabel")} className="mt-2 flex flex-wrap gap-x-3 font-sans text-sm" data-testid="search-sort">
            {(["relevance", "date"] as const).map((order) =>
              order === sort ? (
                <span key={order} aria-current="page" className="font-bold text-ink">
                  {t(order === "date" ? "sortDate" : "sortRelevance")}
                </span>
              ) : (
                <Link key={order} href={searchPath(query.text, 1, order)} className="text-accent underline hover:text-accent-dark">
                  {t(order === "date" ? "sortDate" : "sortRelevance")}
                </Link>
              ),
            )}
          </nav>
          <section aria-label={t("results")}>
            {page.items.map((article, i) => (
              <SearchResult
                key={article.slug}
                article={article}
                sectionName={catalog.sectionBySlug.get(article.section)?.name ?? ""}
                title={highlight(article.title, terms)}
                passage={passages[i]!}
                tags={tagLists[i]!.map((tag) => ({ ...tag, segments: highlight(tag.name, terms) }))}
                timeZone={timeZone}
                intl={intl}
              />
            ))}
          </section>
          <Pagination basePath={searchPath("")} page={page.page} pageCount={page.pageCount} params={{ q: query.text, ...(sort === "date" ? { sort } : {}) }} />
        </>
      )}
    </TwoColumnLayout>
  );
}

const UNAVAILABLE = Symbol("the database is away");

/** A search the database could not answer is told on the page, not a 500 (lib/server/store-outage.mjs); other errors stay errors. */
function unlessUnavailable(err: unknown): typeof UNAVAILABLE {
  if (isStoreUnavailable(err)) return UNAVAILABLE;
  throw err;
}

/** The search page saying that it cannot search now: the server answers it with 503 and Retry-After. */
async function SearchUnavailable({ ctx, query }: { ctx: PageContext; query: string }) {
  markUnavailableShown();
  const t = await getTranslations("search");
  return (
    <TwoColumnLayout aside={<Sidebar ctx={ctx} />}>
      <header className="border-b-2 border-ink pb-4">
        <h1 className="font-serif text-4xl font-bold">{t("title")}</h1>
        <div className="mt-4">
          <SearchForm id="search-page" query={query} large />
        </div>
      </header>
      <p className="mt-6 font-serif text-lg" role="status" data-testid="search-unavailable">
        {t("unavailable")}
      </p>
    </TwoColumnLayout>
  );
}

/**
 * The passage under a result: from the lead when it has a searched-for word, else from the body's
 * text, read without rendering when this process has not rendered it (getBodyText): rendering 20
 * bodies for their passages was most of a search's time.
 */
async function passageOf(article: Article, terms: ReadonlySet<string>): Promise<Segment[]> {
  const fromLead = snippet(article.lead, terms);
  if (fromLead) return fromLead;
  return typeset(snippet(await getBodyText(article), terms) ?? highlight(article.lead, terms));
}

/** A passage from the body's text (not typeset when indexed, as leads are), typeset as one sentence across its marks. */
function typeset(segments: Segment[]): Segment[] {
  const texts = typesetRuns(segments.map((s) => s.text));
  return segments.map((s, i) => ({ ...s, text: texts[i] ?? s.text }));
}
