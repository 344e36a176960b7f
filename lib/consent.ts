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
