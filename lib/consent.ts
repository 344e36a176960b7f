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

/** Yandex.Metrika's tag, which the loader adds to the page. */
export const METRIKA_TAG = "https://mc.yandex.ru/metrika/tag.js";

/** Metrika's command queue, `window.ym`, until tag.js replaces it. */
interface MetrikaQueue {
  (...args: unknown[]): void;
  a?: IArguments[];
  l?: number;
}

/* The two functions below run in the browser as inline scripts, serialised with toString() (see
   lib/security/inline-scripts.ts): they may use nothing from outside their own bodies, get every
   constant as an argument, and are plain ES5. */
/* eslint-disable no-var, prefer-rest-params -- ES5 for old browsers; Metrika's queue keeps the `arguments` objects, as its own snippet does */

/**
 * Yandex.Metrika's standard loader. init counts this page view; every link on the site is a full
 * page load, so each page counts itself and no "hit" calls are needed.
 */
export function loadMetrika(w: Window & { ym?: MetrikaQueue }, d: Document, counterId: number, tagUrl: string): void {
  if (w.ym) return;
  var ym = function () {
    (ym.a = ym.a || []).push(arguments);
  } as MetrikaQueue;
  w.ym = ym;
  ym.l = Date.now();
  var script = d.createElement("script");
  script.async = true;
  script.src = tagUrl;
  d.head.appendChild(script);
  ym(counterId, "init", { clickmap: true, trackLinks: true, accurateTrackBounce: true });
}

/**
 * Makes the consent form answer in place: the choice goes into the cookie, the notice closes and,
 * when granted, Metrika loads (`onGranted`). Without JavaScript the same form posts to /api/consent.
 */
export function answerConsentInPlace(d: Document, formId: string, cookieName: string, maxAgeSeconds: number, onGranted: () => void): void {
  var found = d.getElementById(formId);
  if (!found) return;
  var form: HTMLElement = found;
  form.addEventListener("submit", function (event) {
    var button = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    if (!button || !button.value) return;
    event.preventDefault();
    d.cookie = cookieName + "=" + button.value + "; Path=/; Max-Age=" + maxAgeSeconds + "; SameSite=Lax" + (d.location.protocol === "https:" ? "; Secure" : "");
    form.remove();
    if (button.value === "granted") onGranted();
  });
}
/* eslint-enable no-var, prefer-rest-params */
