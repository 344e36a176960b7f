import { getTranslations } from "next-intl/server";
import { getNonce } from "@/lib/security/nonce";
import { copyLinkScript } from "@/lib/share/copy-link";

const WRAPPER_ID = "copy-link";

/**
 * "Copy link": a plain link to the article's canonical URL, which the script after it turns into
 * a button that copies the URL and announces it in the polite live region.
 */
export async function CopyLink({ url }: { url: string }) {
  const [t, nonce] = await Promise.all([getTranslations("share"), getNonce()]);
  return (
    <span id={WRAPPER_ID} className="flex flex-wrap items-center gap-2" data-copy={t("copy")} data-copied={t("copied")} data-failed={t("copyFailed")}>
      <a href={url} className="rounded-sm border border-rule px-2.5 py-1 font-bold text-ink hover:border-ink hover:text-accent">
        {t("link")}
      </a>
      <span aria-live="polite" className="text-muted" />
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: copyLinkScript(WRAPPER_ID) }} />
    </span>
  );
}
