/** Renders public/logo.png (the 600×60 publisher logo of the structured data) and app/apple-icon.png. */
import path from "node:path";
import sharp from "sharp";

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="60" viewBox="0 0 600 60">
  <rect width="600" height="60" fill="#fdfcf9"/>
  <rect x="4" y="4" width="52" height="52" rx="8" fill="#16171a"/>
  <rect x="13" y="14" width="34" height="5" fill="#a4161a"/>
  <rect x="13" y="24" width="34" height="4" fill="#fdfcf9"/>
  <rect x="13" y="32" width="24" height="4" fill="#fdfcf9"/>
  <rect x="13" y="40" width="29" height="4" fill="#fdfcf9"/>
  <rect x="72" y="14" width="300" height="12" fill="#16171a"/>
  <rect x="72" y="34" width="220" height="8" fill="#a4161a"/>
</svg>`;
await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toFile(path.resolve(import.meta.dirname, "../public/logo.png"));

// The home-screen icon for iOS, from the same mark as app/icon.svg.
const icon = `<svg xmlns="http://www.w3.org/2000/svg" width="180" height="180" viewBox="0 0 64 64"><rect width="64" height="64" fill="#16171a"/><rect x="12" y="14" width="40" height="6" fill="#a4161a"/><rect x="12" y="26" width="40" height="4" fill="#fdfcf9"/><rect x="12" y="35" width="28" height="4" fill="#fdfcf9"/><rect x="12" y="44" width="34" height="4" fill="#fdfcf9"/></svg>`;
await sharp(Buffer.from(icon)).png({ compressionLevel: 9 }).toFile(path.resolve(import.meta.dirname, "../app/apple-icon.png"));
