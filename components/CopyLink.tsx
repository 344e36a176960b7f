const STATUS_ID = "copy-link-status";

/**
 * "Copy link". The server renders a plain link to the article's canonical URL, useful without
 * JavaScript (open it, long-press it, copy it); ENHANCE_SCRIPT (lib/theme.ts) turns it into a
 * button that copies the URL and says so in the live region beside it.
 */
export function CopyLink({ url, labels }: { url: string; labels: { link: string; copy: string; copied: string; failed: string } }) {
  return (
    <>
      <a
        href={url}
        data-copy-link=""
        data-copy-label={labels.copy}
        data-copied={labels.copied}
        data-failed={labels.failed}
        data-copy-status={STATUS_ID}
        className="rounded-sm border border-rule px-2.5 py-1 font-bold text-ink hover:border-ink hover:text-accent"
      >
        {labels.link}
      </a>
      <span id={STATUS_ID} aria-live="polite" className="text-muted" />
    </>
  );
}
