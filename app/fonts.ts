import localFont from "next/font/local";

/*
 * PT Serif was drawn by ParaType for Russian text; it sets headlines and body. Fontsource ships it
 * split by script; each script is its own face with a unicode-range, so a page downloads only
 * what its text uses. Both share one metric-matched fallback (below). Navigation, dates and other interface text use the reader's system sans (Roboto,
 * San Francisco, Segoe UI all have Cyrillic): four fewer font files, about 150 KB, on a first
 * visit. Nothing is preloaded: a preloaded font competes with the article photo for a phone's
 * bandwidth, and with `optional` it could only be used on the first view if it arrived first. `font-display: optional` gives each face a short block period and then keeps whatever
 * font the page started with: a reader on a slow line may see the fallback on a first visit, but
 * the text never jumps when a font arrives (which measured CLS 0.35 on a phone with "swap", the
 * header's section list re-wrapping). next/font needs literal options, hence the repetition.
 *
 * The fallback is the metric-matched "PT Serif Fallback" of app/globals.css, not next/font's
 * `adjustFontFallback`: next/font's face asks for local("Times New Roman") only, which Linux and
 * Android do not have under that name, and Cyrillic text (most of a page) never reached it, so a
 * first visit was set in an unadjusted serif and an article ran 130–320 px shorter or taller than
 * on the next visit. Ours also names the metric-compatible Liberation Serif and Tinos.
 */

export const serifCyrillic = localFont({
  src: [
    { path: "../node_modules/@fontsource/pt-serif/files/pt-serif-cyrillic-400-normal.woff2", weight: "400", style: "normal" },
    { path: "../node_modules/@fontsource/pt-serif/files/pt-serif-cyrillic-400-italic.woff2", weight: "400", style: "italic" },
    { path: "../node_modules/@fontsource/pt-serif/files/pt-serif-cyrillic-700-normal.woff2", weight: "700", style: "normal" },
  ],
  declarations: [{ prop: "unicode-range", value: "U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116" }],
  variable: "--font-serif-cyrillic",
  display: "optional",
  adjustFontFallback: false,
  preload: false,
});

export const serifLatin = localFont({
  src: [
    { path: "../node_modules/@fontsource/pt-serif/files/pt-serif-latin-400-normal.woff2", weight: "400", style: "normal" },
    { path: "../node_modules/@fontsource/pt-serif/files/pt-serif-latin-400-italic.woff2", weight: "400", style: "italic" },
    { path: "../node_modules/@fontsource/pt-serif/files/pt-serif-latin-700-normal.woff2", weight: "700", style: "normal" },
  ],
  declarations: [
    {
      prop: "unicode-range",
      value:
        "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
    },
  ],
  variable: "--font-serif-latin",
  display: "optional",
  adjustFontFallback: false,
  preload: false,
});

export const fontVariables = [serifCyrillic, serifLatin].map((f) => f.variable).join(" ");
