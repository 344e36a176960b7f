import { mediaBaseUrl } from "@/lib/server/media-base.mjs";
import { IMAGE_DEVICE_SIZES, IMAGE_SIZES } from "./image-sizes";
import { absoluteUrl } from "./urls";

/*
 * Where readers fetch an article's photo (`/media/<file>` in the index). By default from this site:
 * /media serves the original, Next's optimizer (/_next/image) its resized copies, /og/crop its crops.
 * With MEDIA_BASE_URL (lib/server/media-base.mjs) every one of them comes from that base instead, as
 * the files `npm run media:export` writes (scripts/build/media-export.ts): a CDN or an object store
 * cannot resize, so the copies the pages ask for are made beforehand, under fixed names beside the
 * original.
 */

/** Every width a page's srcset may name, so every width the export writes. */
export const VARIANT_WIDTHS = [...IMAGE_SIZES, ...IMAGE_DEVICE_SIZES];
/** The crops structured data names (lib/seo/json-ld.ts); lib/content/media.ts CROPS has their sizes. */
export const LD_CROPS = ["16x9", "4x3", "1x1"] as const;

/** A photo's resized copy, as a file beside it: `/media/a.jpg` → `/media/a.jpg~640w.webp` (WebP: one format, no Accept to vary on). */
export function variantPath(src: string, width: number): string {
  return `${src}~${width}w.webp`;
}

/** A photo's crop for structured data: `/media/a.jpg` → `/media/a.jpg~16x9.jpg`. */
export function cropPath(src: string, ratio: string): string {
  return `${src}~${ratio}.jpg`;
}

/** Whether a photo is one of the site's own (`/media/…`), not a partner's https URL. */
export function isLocalPhoto(src: string): boolean {
  return src.startsWith("/media/");
}

/** A local path under the media base, each segment percent-encoded as an object store's key needs. */
function onMediaBase(base: string, path: string): string {
  return `${base}${path.split("/").map(encodeURIComponent).join("/")}`;
}

/** The original photo's absolute URL (feeds' enclosures, sitemaps): the media base's, or this site's /media. */
export function photoUrl(src: string, siteBase: string, media = mediaBaseUrl()): string {
  if (!isLocalPhoto(src)) return src;
  return media ? onMediaBase(media, src) : absoluteUrl(src, siteBase);
}

/** A crop's absolute URL: the exported file on the media base, or this site's /og/crop that cuts it on demand. */
export function cropUrl(src: string, ratio: string, siteBase: string, media = mediaBaseUrl()): string {
  return media ? onMediaBase(media, cropPath(src, ratio)) : absoluteUrl(`/og/crop/${ratio}${src}`, siteBase);
}

/** next/image's loader for a local photo on the media base: each srcset width is its exported copy. */
export function mediaLoader(media: string): (p: { src: string; width: number }) => string {
  return ({ src, width }) => onMediaBase(media, variantPath(src, width));
}
