"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { CONSENT_COOKIE, CONSENT_MAX_AGE, parseConsent, type ConsentChoice as Choice } from "@/lib/consent";

function readChoice(): Choice | undefined {
  const match = document.cookie.split("; ").find((c) => c.startsWith(`${CONSENT_COOKIE}=`));
  return parseConsent(match?.slice(CONSENT_COOKIE.length + 1));
}

declare global {
  interface Window {
    ym?: ((id: number, method: string, ...args: unknown[]) => void) & { a?: unknown[]; l?: number };
  }
}

/** Yandex.Metrika's standard loader, run only after consent. */
function loadMetrika(id: number) {
  if (window.ym) return;
  const ym = function (...args: unknown[]) {
    (ym.a = ym.a || []).push(args);
  } as NonNullable<Window["ym"]>;
  ym.l = Date.now();
  window.ym = ym;
  const script = document.createElement("script");
  script.async = true;
  script.src = "https://mc.yandex.ru/metrika/tag.js";
  document.head.appendChild(script);
  // init counts this page view. Every link on the site is a full page load, so each page counts
  // itself this way; there are no client-side navigations to report with "hit".
  ym(id, "init", { clickmap: true, trackLinks: true, accurateTrackBounce: true });
}

/**
 * The cookie notice and, once the reader agrees, Yandex.Metrika. Nothing is shown or loaded before
 * the page has hydrated, so the server HTML is the same for everyone and crawlers see no banner.
 */
export function MetrikaConsent({ counterId }: { counterId: number }) {
  const t = useTranslations("consent");
  const [choice, setChoice] = useState<Choice | null | undefined>(undefined);

  useEffect(() => {
    // The cookie is read after hydration so the server HTML stays the same for everyone; the
    // notice is fixed at the bottom, so nothing shifts when it appears.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setChoice(readChoice() ?? null);
  }, []);

  useEffect(() => {
    if (choice === "granted") loadMetrika(counterId);
  }, [choice, counterId]);

  if (choice !== null) return null;
  const decide = (value: Choice) => {
    const secure = window.location.protocol === "https:" ? "; Secure" : "";
    document.cookie = `${CONSENT_COOKIE}=${value}; Path=/; Max-Age=${CONSENT_MAX_AGE}; SameSite=Lax${secure}`;
    setChoice(value);
  };
  return (
    <div role="dialog" aria-label={t("label")} className="fixed inset-x-0 bottom-0 z-40 border-t-2 border-ink bg-paper px-4 py-3 font-sans text-sm shadow-lg">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3">
        <p>{t("text")}</p>
        <div className="flex gap-2">
          <button type="button" onClick={() => decide("granted")} className="rounded-sm bg-ink px-3 py-1.5 font-bold text-paper hover:bg-accent">
            {t("accept")}
          </button>
          <button type="button" onClick={() => decide("denied")} className="rounded-sm border border-ink px-3 py-1.5 font-bold hover:bg-rule">
            {t("decline")}
          </button>
        </div>
      </div>
    </div>
  );
}
