import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ArticleCard } from "@/components/ArticleCard";
import { ArticlePhoto } from "@/components/ArticlePhoto";
import { NewsFeed } from "@/components/NewsFeed";
import { PartnerList } from "@/components/PartnerList";
import { STICKY_LAST } from "@/components/Sidebar";
import { Link } from "@/components/Link";
import { TwoColumnLayout } from "@/components/TwoColumnLayout";
import { formatFeedTime } from "@/lib/format/dates";
import { JsonLd } from "@/components/JsonLd";
import { getPageContext, getSeoContext } from "@/lib/page-context";
import { organizationJsonLd, webSiteJsonLd } from "@/lib/seo/json-ld";
import { pageMetadata } from "@/lib/seo/metadata";
import { resolveHome } from "@/lib/routing/routes/home";
import { articlePath, sectionPath } from "@/lib/seo/urls";

export async function generateMetadata(): Promise<Metadata> {
  const seo = await getSeoContext();
  return { ...pageMetadata({ ...seo, path: "/", title: seo.site.name, description: seo.site.description }), title: { absolute: seo.site.name } };
}

export default async function HomePage() {
  const { store, catalog, now, timeZone, intl } = await getPageContext();
  const [t, tTop] = await Promise.all([getTranslations("home"), getTranslations("top")]);
  // Without any top story the newest article leads the page.
  const { main, top: restTop, feed, blocks } = await resolveHome(store, now);
  const seo = await getSeoContext();

  return (
    <>
      <JsonLd data={webSiteJsonLd(seo)} />
      <JsonLd data={organizationJsonLd(seo)} />
      <h1 className="sr-only text-sm">{t("title")}</h1>
      <TwoColumnLayout
        aside={
          // The feed runs long here (HOME_FEED_SIZE), and the partners' block under it stays in view
          // down the rest of the main column.
          <aside className="flex flex-col gap-10 print:hidden">
            <NewsFeed articles={feed} now={now} timeZone={timeZone} intl={intl} />
            <div className={STICKY_LAST}>
              <PartnerList partners={catalog.sources} />
            </div>
          </aside>
        }
      >
        {main && (
          <article aria-labelledby="main-story" className="border-b-2 border-ink pb-6">
            <p className="font-sans text-xs font-bold uppercase tracking-wide text-accent">{t("mainStory")}</p>
            {main.image && (
              <Link href={articlePath(main.slug)} className="mt-2 block" tabIndex={-1} aria-hidden="true">
                <ArticlePhoto image={main.image} sizes="(min-width: 1152px) 800px, (min-width: 1024px) 70vw, 100vw" priority />
              </Link>
            )}
            <h2 id="main-story" className="mt-3 font-serif text-3xl font-bold leading-tight sm:text-4xl">
              <Link href={articlePath(main.slug)} className="hover:text-accent">
                {main.title}
              </Link>
            </h2>
            <time dateTime={main.date} className="mt-1 block font-sans text-xs font-bold text-muted">
              {formatFeedTime(main.dateMs, now, intl, timeZone)}
            </time>
            {main.lead && <p className="mt-3 font-serif text-lg leading-relaxed">{main.lead}</p>}
          </article>
        )}

        {restTop.length > 0 && (
          <section aria-labelledby="top-title" className="mt-8">
            <h2 id="top-title" className="border-b-2 border-ink pb-1 font-sans text-lg font-bold tracking-wide">
              {tTop("title", { genitive: catalog.site.edition.genitive })}
            </h2>
            {restTop.map((a) => (
              <ArticleCard key={a.slug} article={a} now={now} timeZone={timeZone} intl={intl} headingLevel={3} />
            ))}
          </section>
        )}

        {blocks.map(({ section, articles }) => (
          <section key={section.slug} aria-labelledby={`section-${section.slug}`} className="mt-10">
            <h2 id={`section-${section.slug}`} className="border-b-2 border-ink pb-1 font-sans text-lg font-bold uppercase tracking-wide">
              <Link href={sectionPath(section.slug)} className="hover:text-accent">
                {section.name}
              </Link>
            </h2>
            <ul className="grid gap-x-8 sm:grid-cols-2">
              {articles.map((a) => (
                <li key={a.slug} className="border-b border-rule py-3">
                  <time dateTime={a.date} className="font-sans text-xs font-bold text-muted">
                    {formatFeedTime(a.dateMs, now, intl, timeZone)}
                  </time>
                  <Link href={articlePath(a.slug)} className="mt-0.5 block font-serif text-base font-bold leading-snug hover:text-accent">
                    {a.title}
                  </Link>
                </li>
              ))}
            </ul>
            <Link href={sectionPath(section.slug)} className="mt-2 inline-block font-sans text-sm font-bold text-accent hover:underline">
              {t("sectionAll", { name: section.name })} →
            </Link>
          </section>
        ))}
      </TwoColumnLayout>
    </>
  );
}
