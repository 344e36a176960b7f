/**
 * Tells which image format bytes are, by magic numbers only. A partner's Content-Type and file
 * name are not trusted: we store only formats the site can serve safely, and an SVG (script) or
 * an HTML error page served as image/jpeg must not get through.
 */

import type { ImageKind } from "../mime";

export type { ImageKind };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Brands that make an ISO-BMFF file an AVIF still image or sequence. */
const AVIF_BRANDS = new Set(["avif", "avis"]);

/** How far into an `ftyp` box we read brands; real ones list a handful. */
const MAX_FTYP_BYTES = 4096;

function ascii(bytes: Buffer, start: number, end: number): string {
  return bytes.subarray(start, end).toString("latin1");
}

/**
 * True when the file opens with an ISO-BMFF `ftyp` box whose major or compatible brands include
 * avif/avis. HEIC and MP4 share the box but not the brands.
 */
function isAvif(bytes: Buffer): boolean {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== "ftyp") return false;
  const declared = bytes.readUInt32BE(0);
  // Size 0 means "to the end of the file"; 1 would mean a 64-bit size, which no ftyp box needs.
  const size = declared === 0 ? bytes.length : declared;
  if (size < 16) return false;
  const end = Math.min(size, bytes.length, MAX_FTYP_BYTES);
  if (AVIF_BRANDS.has(ascii(bytes, 8, 12))) return true;
  // Bytes 12–15 are the minor version; compatible brands follow, four bytes each.
  for (let at = 16; at + 4 <= end; at += 4) {
    if (AVIF_BRANDS.has(ascii(bytes, at, at + 4))) return true;
  }
  return false;
}

/** The image format of `bytes` by magic bytes, or undefined for anything else (SVG, HTML, BMP, TIFF, HEIC…). */
export function sniffImage(bytes: Buffer): ImageKind | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return "png";
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(ascii(bytes, 0, 6))) return "gif";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  if (isAvif(bytes)) return "avif";
  return undefined;
}
