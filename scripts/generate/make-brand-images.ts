/**
 * Renders the site's brand images: public/logo.png (the 600×60 publisher logo of the structured
 * data), public/og-default.png (the 1200×630 preview card of pages without a photo) and
 * app/apple-icon.png. Run with `node --import tsx scripts/generate/make-brand-images.ts`.
 */
import path from "node:path";
import sharp from "sharp";

const logo = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="60" viewBox="0 0 600 60">
  <rect width="600" height="60" fill="#fdfcf9"/>
  <rect x="4" y="4" width="52" height="52" rx="8" fill="#16171a"/>
  <rect x="13" y="14" width="34" height="5" fill="#a4161a"/>
  <rect x="13" y="24" width="34" height="4" fill="#fdfcf9"/>
  <rect x="13" y="32" width="24" height="4" fill="#fdfcf9"/>
  <rect x="13" y="40" width="29" height="4" fill="#fdfcf9"/>
  <rect x="72" y="14" width="300" height="12" fill="#16171a"/>
  <rect x="72" y="34" width="220" height="8" fill="#a4161a"/>
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
await sharp(Buffer.from(logo)).png({ compressionLevel: 9 }).toFile(out("public/logo.png"));
await sharp(Buffer.from(card)).png({ compressionLevel: 9 }).toFile(out("public/og-default.png"));

// The home-screen icon for iOS, from the same mark as app/icon.svg.
const icon = `<svg xmlns="http://www.w3.org/2000/svg" width="180" height="180" viewBox="0 0 64 64"><rect width="64" height="64" fill="#16171a"/><rect x="12" y="14" width="40" height="6" fill="#a4161a"/><rect x="12" y="26" width="40" height="4" fill="#fdfcf9"/><rect x="12" y="35" width="28" height="4" fill="#fdfcf9"/><rect x="12" y="44" width="34" height="4" fill="#fdfcf9"/></svg>`;
await sharp(Buffer.from(icon)).png({ compressionLevel: 9 }).toFile(out("app/apple-icon.png"));
