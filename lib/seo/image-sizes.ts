/*
 * Next's optimizer widths (next.config.ts images.deviceSizes and imageSizes): the srcset of a photo
 * is made of these, so `npm run media:export` writes a copy at each (lib/seo/photo-urls.ts). No
 * imports: next.config.ts reads this file when a server starts.
 */
export const IMAGE_DEVICE_SIZES = [640, 828, 1080, 1200, 1600];
export const IMAGE_SIZES = [96, 160, 256, 384];
