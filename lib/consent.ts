/** The reader's answer to the Metrika notice, kept in a cookie so the server can honour it too. */
export const CONSENT_COOKIE = "metrika_consent";
export const CONSENT_MAX_AGE = 365 * 24 * 3600;
export type ConsentChoice = "granted" | "denied";

export function parseConsent(value: string | undefined): ConsentChoice | undefined {
  return value === "granted" || value === "denied" ? value : undefined;
}

/** A same-site path to return to after the form; anything else goes home. */
export function safeReturnPath(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])[^\s]*$/.test(value) ? value : "/";
}

const METRIKA_TAG = "https://mc.yandex.ru/metrika/tag.js";

/**
 * Yandex.Metrika's standard loader as an inline script. init counts this page view; every link on
 * the site is a full page load, so each page counts itself and no "hit" calls are needed.
 */
export function metrikaLoaderScript(counterId: number): string {
  const id = Math.trunc(counterId);
  return (
    `(function(w,d){if(w.ym)return;var ym=w.ym=function(){(ym.a=ym.a||[]).push(arguments)};ym.l=Date.now();` +
    `var s=d.createElement("script");s.async=true;s.src=${JSON.stringify(METRIKA_TAG)};d.head.appendChild(s);` +
    `ym(${id},"init",{clickmap:true,trackLinks:true,accurateTrackBounce:true})})(window,document);`
  );
}

/**
 * Makes the consent form answer in place: the choice goes into the cookie, the notice closes and,
 * when granted, Metrika loads. Without JavaScript the same form posts to /api/consent.
 */
export function consentFormScript(formId: string, counterId: number): string {
  return (
    `(function(d){var f=d.getElementById(${JSON.stringify(formId)});if(!f)return;` +
    `f.addEventListener("submit",function(e){var b=e.submitter;if(!b||!b.value)return;e.preventDefault();` +
    `d.cookie=${JSON.stringify(`${CONSENT_COOKIE}=`)}+b.value+"; Path=/; Max-Age=${CONSENT_MAX_AGE}; SameSite=Lax"+(location.protocol==="https:"?"; Secure":"");` +
    `f.remove();if(b.value==="granted"){${metrikaLoaderScript(counterId)}}})})(document);`
  );
}
