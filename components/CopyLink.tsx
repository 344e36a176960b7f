import { getTranslations } from "next-intl/server";
import { COPY_LINK_ID, INLINE_SCRIPTS } from "@/lib/security/inline-scripts";

/**
 * "Copy link": a plain link to the article's canonical URL, which the script after it turns into
 * a button that copies the URL and announces it in the polite live region.
 */
export async function CopyLink({ url }: { url: string }) {
  const t = await getTranslations("share");
  return (
    <span id={COPY_LINK_ID} className="flex flex-wrap items-center gap-2" data-copy={t("copy")} data-copied={t("copied")} data-failed={t("copyFailed")}>
      <a href={url} className="rounded-sm border border-rule px-2.5 py-1 font-bold text-ink hover:border-ink hover:text-accent">
        {t("link")}
      </a>
      <span aria-live="polite" className="text-muted" />
      {/* Allowed by its hash in the CSP (lib/security/inline-scripts.ts). */}
      <script dangerouslySetInnerHTML={{ __html: INLINE_SCRIPTS.copyLink }} />
    </span>
  );
}
