import { getTranslations } from "next-intl/server";
import { Fragment } from "react";
import type { AlsoReported, ArticleSource } from "@/lib/content/types";
import { Link } from "./Link";

const LINK = "text-accent underline hover:text-accent-dark";

/**
 * An article's attribution in its meta block: «Источник материала: <name>», the name linked to
 * the partner's page on this site when it has one (`partnerHref`), then «Также сообщают: …»,
 * each name linking to that partner's own original. Those leave the site, so they carry
 * rel="noopener noreferrer" as the body's outbound links do.
 */
export async function SourceAttribution({ source, also, partnerHref }: { source?: ArticleSource; also: readonly AlsoReported[]; partnerHref?: string }) {
  if (!source && also.length === 0) return null;
  const t = await getTranslations("article");
  return (
    <>
      {source &&
        (partnerHref ? (
          <p data-testid="source">
            {t.rich("sourceLinked", {
              name: source.name,
              partner: (chunks) => (
                <Link href={partnerHref} className={LINK}>
                  {chunks}
                </Link>
              ),
            })}
          </p>
        ) : (
          <p data-testid="source">{t("source", { name: source.name })}</p>
        ))}
      {also.length > 0 && (
        <p data-testid="also">
          {t("also")}{" "}
          {also.map((a, i) => (
            <Fragment key={`${i}-${a.url}`}>
              {i > 0 && t("alsoSeparator")}
              <a href={a.url} rel="noopener noreferrer" className={LINK}>
                {a.name}
              </a>
            </Fragment>
          ))}
        </p>
      )}
    </>
  );
}
