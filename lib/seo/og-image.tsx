import { readFile } from "node:fs/promises";
import path from "node:path";
import { ImageResponse } from "next/og";
import sharp from "sharp";
import type { Article, Section, SiteConfig } from "@/lib/content/types";
import { readMediaFile, statMediaFile } from "@/lib/content/media";
import { OG_HEIGHT, OG_WIDTH } from "./metadata";
import { CardCache } from "./og-card-cache";

type Font = { name: string; data: Buffer; weight: 700; style: "normal" };

let fonts: Promise<Font[]> | undefined;

/**
 * PT Serif and PT Sans Bold from @fontsource: the Cyrillic and the Latin subset of each, since the
 * renderer takes WOFF files whole. Read once per process.
 */
function loadFonts(): Promise<Font[]> {
  const dir = path.join(/* turbopackIgnore: true */ process.cwd(), "node_modules", "@fontsource");
  const file = (family: string, subset: string) => readFile(path.join(dir, family, "files", `${family}-${subset}-700-normal.woff`));
  fonts ??= Promise.all([
    file("pt-serif", "latin").then((data): Font => ({ name: "SerifLatin", data, weight: 700, style: "normal" })),
    file("pt-serif", "cyrillic").then((data): Font => ({ name: "SerifCyrillic", data, weight: 700, style: "normal" })),
    file("pt-sans", "latin").then((data): Font => ({ name: "SansLatin", data, weight: 700, style: "normal" })),
    file("pt-sans", "cyrillic").then((data): Font => ({ name: "SansCyrillic", data, weight: 700, style: "normal" })),
  ]);
  return fonts;
}

async function photoDataUrl(article: Article): Promise<string | undefined> {
  const src = article.image?.src;
  if (!src?.startsWith("/media/")) return undefined;
  const file = await readMediaFile(src.slice("/media/".length).split("/"));
  if (!file) return undefined;
  const jpeg = await sharp(file.body).resize(OG_WIDTH, OG_HEIGHT, { fit: "cover", position: "attention" }).jpeg({ quality: 80 }).toBuffer();
  return `data:image/jpeg;base64,${jpeg.toString("base64")}`;
}

// Each script is a separate face; the renderer takes a glyph from the first face in the list that has it.
const SERIF = "SerifLatin, SerifCyrillic";
const SANS = "SansLatin, SansCyrillic";

/**
 * Characters no bundled face has (emoji, pictographs) are dropped: the renderer would otherwise
 * try to download a font for them, and this server has no way out.
 */
export function drawableText(s: string): string {
  return s
    .replace(/[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u{FE0F}\u{200D}\u{20E3}]/gu, "")
    .replace(/\s{2,}/g, " ")
    .trim();
}

/**
 * Drawn cards kept in memory: 32 MB holds the cards of the articles readers share at any one time
 * (a card with a photo is 0.5-1 MB of PNG), and an instance's memory stays bounded however many
 * articles crawlers walk through.
 */
const cards = new CardCache(32 * 1024 * 1024);

/** What a card shows, and so when it must be drawn again: the article's file, names and photo. */
export async function ogCardKey(article: Article, section: Section, site: SiteConfig): Promise<string> {
  const src = article.image?.src;
  const photo = src?.startsWith("/media/") ? await statMediaFile(src.slice("/media/".length).split("/")) : undefined;
  return [article.slug, article.file, article.stamp ?? "", article.title, section.name, site.name, src ?? "", photo ?? ""].join("\0");
}

/** The article's preview card as PNG bytes, drawn once per version of the article (see `cards`). */
export async function articleOgCard(article: Article, section: Section, site: SiteConfig, cache: CardCache = cards): Promise<Uint8Array> {
  const key = await ogCardKey(article, section, site);
  return cache.get(key, async () => new Uint8Array(await (await articleOgImage(article, section, site)).arrayBuffer()));
}

/** The 1200×630 preview card of an article: title, section and site name, over its photo if any. */
export async function articleOgImage(article: Article, section: Section, site: SiteConfig): Promise<ImageResponse> {
  const [photo, loaded] = await Promise.all([photoDataUrl(article), loadFonts()]);
  const dark = photo !== undefined;
  const title = drawableText(article.title);
  const size = title.length > 90 ? 48 : title.length > 60 ? 56 : 64;
  return new ImageResponse(
    <div style={{ width: "100%", height: "100%", display: "flex", position: "relative", background: "#fdfcf9" }}>
      {photo && (
        // eslint-disable-next-line @next/next/no-img-element -- rendered to PNG, not served as HTML
        <img src={photo} width={OG_WIDTH} height={OG_HEIGHT} alt="" style={{ position: "absolute", top: 0, left: 0 }} />
      )}
      <div
        style={{
          position: "absolute",
          top: 0,
          left: 0,
          width: OG_WIDTH,
          height: OG_HEIGHT,
          display: "flex",
          flexDirection: "column",
          justifyContent: "flex-end",
          padding: "56px 64px",
          background: dark ? "linear-gradient(180deg, rgba(0,0,0,0) 25%, rgba(10,10,12,0.88) 75%)" : "#fdfcf9",
          borderTop: dark ? "none" : "16px solid #16171a",
        }}
      >
        <div
          style={{
            display: "flex",
            fontFamily: SANS,
            fontSize: 28,
            color: "#fff",
            background: "#a4161a",
            padding: "6px 16px",
            alignSelf: "flex-start",
            textTransform: "uppercase",
            letterSpacing: 2,
          }}
        >
          {drawableText(section.name)}
        </div>
        <div style={{ display: "flex", marginTop: 24, fontFamily: SERIF, fontSize: size, lineHeight: 1.15, color: dark ? "#fff" : "#16171a" }}>{title}</div>
        <div style={{ display: "flex", marginTop: 28, fontFamily: SANS, fontSize: 28, color: dark ? "#e8e6e1" : "#5b5f66" }}>{drawableText(site.name)}</div>
      </div>
    </div>,
    { width: OG_WIDTH, height: OG_HEIGHT, fonts: loaded },
  );
}
