/**
 * Renders the site's brand images: public/logo-square.png (the 512×512 publisher logo of the
 * structured data: Google asks for at least 112×112, and a square one is shown whole), public/og-default.png (the 1200×630 preview card of pages without a photo) and
 * app/apple-icon.png. Run with `node --import tsx scripts/generate/make-brand-images.ts`.
 */
import path from "node:path";
import sharp from "sharp";

// The mark of app/icon.svg on the page's paper, with a margin so a round crop keeps all of it.
const logo = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 64 64">
  <rect width="64" height="64" fill="#fdfcf9"/>
  <rect x="8" y="8" width="48" height="48" rx="8" fill="#16171a"/>
  <rect x="16" y="17" width="32" height="5" fill="#a4161a"/>
  <rect x="16" y="27" width="32" height="3.5" fill="#fdfcf9"/>
  <rect x="16" y="34.5" width="22" height="3.5" fill="#fdfcf9"/>
  <rect x="16" y="42" width="27" height="3.5" fill="#fdfcf9"/>
</svg>`;

const card = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
  <rect width="1200" height="630" fill="#fdfcf9"/>
  <rect x="0" y="0" width="1200" height="24" fill="#16171a"/>
  <rect x="0" y="606" width="1200" height="24" fill="#16171a"/>
  <rect x="120" y="150" width="220" height="220" rx="28" fill="#16171a"/>
  <rect x="158" y="192" width="144" height="22" fill="#a4161a"/>
  <rect x="158" y="236" width="144" height="16" fill="#fdfcf9"/>
  <rect x="158" y="270" width="100" height="16" fill="#fdfcf9"/>
  <rect x="158" y="304" width="122" height="16" fill="#fdfcf9"/>
  <rect x="400" y="190" width="680" height="44" fill="#16171a"/>
  <rect x="400" y="262" width="560" height="28" fill="#a4161a"/>
  <rect x="400" y="318" width="620" height="14" fill="#5b5f66"/>
  <rect x="400" y="346" width="480" height="14" fill="#5b5f66"/>
  <rect x="120" y="450" width="960" height="4" fill="#d9d6cf"/>
</svg>`;

const out = (rel: string) => path.resolve(import.meta.dirname, "../..", rel);
await sharp(Buffer.from(logo)).png({ compressionLevel: 9 }).toFile(out("public/logo-square.png"));
await sharp(Buffer.from(card)).png({ compressionLevel: 9 }).toFile(out("public/og-default.png"));

// The home-screen icon for iOS, from the same mark as app/icon.svg.
const icon = `<svg xmlns="http://www.w3.org/2000/svg" width="180" height="180" viewBox="0 0 64 64"><rect width="64" height="64" fill="#16171a"/><rect x="12" y="14" width="40" height="6" fill="#a4161a"/><rect x="12" y="26" width="40" height="4" fill="#fdfcf9"/><rect x="12" y="35" width="28" height="4" fill="#fdfcf9"/><rect x="12" y="44" width="34" height="4" fill="#fdfcf9"/></svg>`;
await sharp(Buffer.from(icon)).png({ compressionLevel: 9 }).toFile(out("app/apple-icon.png"));
