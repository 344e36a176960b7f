import { describe, expect, it } from "vitest";
import { cookieValue, endPreviewCookie, PREVIEW_COOKIE, PREVIEW_MAX_AGE_S, previewAllows, previewCookie, signPreview, verifyPreview } from "./preview";

const now = Date.parse("2026-03-01T09:00:00Z");
const token = "s3cret-preview";

describe("preview cookie", () => {
  it("opens the one article it names until it expires", () => {
    const value = signPreview("e2e-draft", token, now);
    expect(verifyPreview(value, token, now)).toEqual({ slug: "e2e-draft", expires: now + PREVIEW_MAX_AGE_S * 1000 });
    expect(previewAllows(value, "e2e-draft", now, token)).toBe(true);
    expect(previewAllows(value, "other-draft", now, token)).toBe(false);
    expect(verifyPreview(value, token, now + PREVIEW_MAX_AGE_S * 1000 - 1)).toBeDefined();
    expect(verifyPreview(value, token, now + PREVIEW_MAX_AGE_S * 1000)).toBeUndefined(); // expired
  });

  it("stops working when the token is unset or changed", () => {
    const value = signPreview("e2e-draft", token, now);
    expect(verifyPreview(value, undefined, now)).toBeUndefined();
    expect(verifyPreview(value, "", now)).toBeUndefined();
    expect(verifyPreview(value, "another-token", now)).toBeUndefined();
  });

  it("refuses forged, altered and foreign values", () => {
    const value = signPreview("e2e-draft", token, now);
    const [v, slug, expires, sig] = value.split(".");
    expect(verifyPreview(`${v}.other-draft.${expires}.${sig}`, token, now)).toBeUndefined();
    expect(verifyPreview(`${v}.${slug}.${Number(expires) + 3600}.${sig}`, token, now)).toBeUndefined();
    expect(verifyPreview(`${v}.${slug}.${expires}.${sig!.slice(0, -2)}AA`, token, now)).toBeUndefined();
    expect(verifyPreview(`${v}.${slug}.${expires}`, token, now)).toBeUndefined();
    expect(verifyPreview("bd65785bca8edfe287b217be519de336", token, now)).toBeUndefined(); // a Next draft-mode id
    expect(verifyPreview(undefined, token, now)).toBeUndefined();
    expect(verifyPreview("v1.x.1.".padEnd(400, "a"), token, now)).toBeUndefined();
  });

  it("is HttpOnly, SameSite=Lax, site-wide, Secure on an https site", () => {
    const http = previewCookie("v", false);
    expect(http).toBe(`${PREVIEW_COOKIE}=v; Path=/; Max-Age=${PREVIEW_MAX_AGE_S}; HttpOnly; SameSite=Lax`);
    expect(previewCookie("v", true)).toMatch(/; Secure$/);
    expect(endPreviewCookie(true)).toMatch(/^editor_preview=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax; Secure$/);
  });

  it("reads the cookie from a Cookie header", () => {
    expect(cookieValue("a=1; editor_preview=v1.x.2.s; b=2", PREVIEW_COOKIE)).toBe("v1.x.2.s");
    expect(cookieValue("xeditor_preview=1", PREVIEW_COOKIE)).toBeUndefined();
    expect(cookieValue(undefined, PREVIEW_COOKIE)).toBeUndefined();
  });
});
