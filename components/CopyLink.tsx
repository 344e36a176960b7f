"use client";

import { useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * "Copy link". The server renders a plain link to the article's canonical URL, useful without
 * JavaScript (open it, long-press it, copy it); once hydrated it becomes a button that copies the
 * URL and says so in a live region. Both renders start identical, so hydration never mismatches.
 */
export function CopyLink({ url, labels }: { url: string; labels: { link: string; copy: string; copied: string; failed: string } }) {
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setStatus("copied");
    } catch {
      setStatus("failed");
    }
  };

  const className = "rounded-sm border border-rule px-2.5 py-1 font-bold text-ink hover:border-ink hover:text-accent";
  return (
    <>
      {hydrated ? (
        <button type="button" onClick={copy} className={className}>
          {labels.copy}
        </button>
      ) : (
        <a href={url} className={className}>
          {labels.link}
        </a>
      )}
      <span aria-live="polite" className="text-muted">
        {status === "copied" ? labels.copied : status === "failed" ? labels.failed : ""}
      </span>
    </>
  );
}
