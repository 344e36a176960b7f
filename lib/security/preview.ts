import { createHmac, timingSafeEqual } from "node:crypto";
import { SLUG_PATTERN } from "@/lib/content/validate";

/**
 * An editor's preview of one unpublished article, as a cookie of our own. Next's draft mode rested
 * on a key fixed at build time: with PREVIEW_TOKEN unset, or changed, an old cookie still showed
 * drafts. This one is signed with a key derived from PREVIEW_TOKEN, so unsetting or changing the
 * token revokes every cookie, and it names the one article it opens and when it stops working.
 *
 * Value: `v1.<slug>.<expiry, Unix seconds>.<HMAC-SHA256, base64url>`.
 */
export const PREVIEW_COOKIE = "editor_preview";

/** How long a preview lasts: an editor's working day. */
export const PREVIEW_MAX_AGE_S = 12 * 60 * 60;

export interface Preview {
  slug: string;
  /** Unix milliseconds. */
  expires: number;
}

function key(token: string): Buffer {
  // A key of its own, so a cookie's signature says nothing usable about the token itself.
  return createHmac("sha256", token).update("svezhiy-vypusk preview cookie v1").digest();
}

function signature(token: string, payload: string): Buffer {
  return createHmac("sha256", key(token)).update(payload).digest();
}

/** The cookie's value for previewing `slug` from `now` on. */
export function signPreview(slug: string, token: string, now: number): string {
  const payload = `v1.${slug}.${Math.floor(now / 1000) + PREVIEW_MAX_AGE_S}`;
  return `${payload}.${signature(token, payload).toString("base64url")}`;
}

/**
 * The preview a cookie grants, if it is ours, signed with the current token and not expired.
 * Without a token (PREVIEW_TOKEN unset or empty) nothing is granted.
 */
export function verifyPreview(value: string | undefined, token: string | undefined, now: number): Preview | undefined {
  if (!value || !token || value.length > 300) return undefined;
  const parts = value.split(".");
  if (parts.length !== 4 || parts[0] !== "v1") return undefined;
  const [, slug = "", expiresRaw = "", given = ""] = parts;
  const expected = signature(token, `v1.${slug}.${expiresRaw}`);
  const presented = Buffer.from(given, "base64url");
  // The comparison takes the same time whatever the bytes; the length is public (32 bytes).
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return undefined;
  if (!SLUG_PATTERN.test(slug) || !/^\d{1,12}$/.test(expiresRaw)) return undefined;
  const expires = Number(expiresRaw) * 1000;
  if (expires <= now) return undefined;
  return { slug, expires };
}

/** Whether the cookie lets this request see the unpublished article `slug`. */
export function previewAllows(value: string | undefined, slug: string, now: number, token = process.env.PREVIEW_TOKEN): boolean {
  return verifyPreview(value, token, now)?.slug === slug;
}

/** Reads `name` from a Cookie header (the last one wins, as in Next's parser). */
export function cookieValue(header: string | null | undefined, name: string): string | undefined {
  let found: string | undefined;
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) found = part.slice(eq + 1).trim();
  }
  return found;
}

/** Set-Cookie for a new preview: only the server reads it, and only on this site. */
export function previewCookie(value: string, secure: boolean): string {
  return `${PREVIEW_COOKIE}=${value}; Path=/; Max-Age=${PREVIEW_MAX_AGE_S}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** Set-Cookie that ends a preview. */
export function endPreviewCookie(secure: boolean): string {
  return `${PREVIEW_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
