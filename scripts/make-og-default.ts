/** Renders public/og-default.png, the 1200×630 preview card of pages without a photo. */
import path from "node:path";
import sharp from "sharp";

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
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
await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toFile(path.resolve(import.meta.dirname, "../public/og-default.png"));
