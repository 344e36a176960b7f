import { getTranslations } from "next-intl/server";
import { shareLinks } from "@/lib/share/links";
import { CopyLink } from "./CopyLink";

/**
 * Share an article: plain links to each network's share page (no widget scripts, no requests to
 * the networks until the reader clicks) and a copy-link control.
 */
export async function ShareLinks({ url, title }: { url: string; title: string }) {
  const t = await getTranslations("share");
  return (
    <section aria-labelledby="share-title" className="mt-8 font-sans text-sm print:hidden">
      <h2 id="share-title" className="text-xs font-bold uppercase tracking-wide text-muted">
        {t("title")}
      </h2>
      <ul className="mt-2 flex flex-wrap items-center gap-2">
        {shareLinks(url, title).map(({ network, href }) => (
          <li key={network}>
            <a
              href={href}
              target="_blank"
              rel="noopener noreferrer"
              className="inline-block rounded-sm border border-rule px-2.5 py-1 font-bold text-ink hover:border-ink hover:text-accent"
            >
              {t(network)}
              <span className="sr-only"> {t("newWindow")}</span>
            </a>
          </li>
        ))}
        <li>
          <CopyLink url={url} />
        </li>
      </ul>
    </section>
  );
}
