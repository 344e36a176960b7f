import { getTranslations } from "next-intl/server";
import type { ConsentChoice } from "@/lib/consent";
import { CONSENT_FORM_ID, metrikaScripts } from "@/lib/security/inline-scripts";

/**
 * The cookie notice and, once the reader agrees, Yandex.Metrika, all from the server: the notice
 * is a form that posts to /api/consent, and a few lines of inline script let it answer in place.
 * Pages with the notice are the same for every reader without the cookie, so shared caches may
 * keep them; a reader with the cookie bypasses them (see proxy.ts and deploy/nginx).
 */
export async function MetrikaConsent({ counterId, consent }: { counterId: number; consent?: ConsentChoice }) {
  if (consent === "denied") return null;
  // Both scripts are allowed by their hashes in the CSP (lib/security/inline-scripts.ts).
  const scripts = metrikaScripts(counterId);
  if (consent === "granted") {
    return (
      <>
        <script dangerouslySetInnerHTML={{ __html: scripts.loader }} />
        <noscript>
          <div>
            {/* eslint-disable-next-line @next/next/no-img-element -- Metrika's counting pixel, not content */}
            <img src={`https://mc.yandex.ru/watch/${counterId}`} style={{ position: "absolute", left: "-9999px" }} alt="" />
          </div>
        </noscript>
      </>
    );
  }
  const t = await getTranslations("consent");
  return (
    <>
      <form
        id={CONSENT_FORM_ID}
        action="/api/consent"
        method="post"
        role="dialog"
        aria-label={t("label")}
        className="fixed inset-x-0 bottom-0 z-40 border-t-2 border-ink bg-paper px-4 py-3 font-sans text-sm shadow-lg"
      >
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3">
          <p>{t("text")}</p>
          <div className="flex gap-2">
            <button type="submit" name="choice" value="granted" className="rounded-sm bg-ink px-3 py-1.5 font-bold text-paper hover:bg-accent">
              {t("accept")}
            </button>
            <button type="submit" name="choice" value="denied" className="rounded-sm border border-ink px-3 py-1.5 font-bold hover:bg-rule">
              {t("decline")}
            </button>
          </div>
        </div>
      </form>
      <script dangerouslySetInnerHTML={{ __html: scripts.consentForm }} />
    </>
  );
}
