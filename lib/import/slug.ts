import { createHash } from "node:crypto";
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from "../content/validate";

/**
 * The URL of an imported article, made from its Russian (or Belarusian) title with one fixed
 * scheme, documented in docs/importer.md ("Slugs"). The scheme never changes: a published slug is
 * kept for good (the importer remembers it), but a changed table would give the same story a
 * different URL after a lost state, and two importers different URLs.
 *
 * Close to the transliteration of Russian passports (ICAO Doc 9303) and to what Russian news sites
 * put in their URLs: й → y, х → kh, ц → ts, ю → yu, я → ya, ё → e; ъ and ь are dropped.
 */
export const TRANSLITERATION: Readonly<Record<string, string>> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
  // Belarusian and Ukrainian letters.
  і: "i",
  ў: "u",
  ґ: "g",
  є: "ye",
  ї: "yi",
};

/** Most characters of a title that become the slug: long enough to read, short enough to share. */
export const SLUG_TITLE_CHARS = 80;

/** Lowercase Latin words joined by single hyphens; "" when the title has no letters or digits. */
export function transliterate(title: string): string {
  let out = "";
  for (const ch of title.normalize("NFC").toLowerCase()) {
    const mapped = TRANSLITERATION[ch];
    if (mapped !== undefined) out += mapped;
    else if (/[a-z0-9]/.test(ch)) out += ch;
    // A soft sign inside a word is dropped above; anything else (space, punctuation, other
    // scripts) separates words.
    else out += "-";
  }
  return out.replace(/-+/g, "-").replace(/^-|-$/g, "");
}

/** Cuts at a word boundary, so that a slug never ends in half a word. */
function cutAtWord(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const at = cut.lastIndexOf("-");
  return (at > 0 ? cut.slice(0, at) : slug.slice(0, max)).replace(/-$/, "");
}

/** The slug a title gives before `-2`, `-3`… are added: the first one the importer tries. */
export function baseSlug(title: string, sourceId: string, guid: string): string {
  let base = cutAtWord(transliterate(title), SLUG_TITLE_CHARS);
  if (base === "") base = `${sourceId}-${createHash("sha1").update(guid).digest("hex").slice(0, 10)}`;
  base = cutAtWord(base, MAX_SLUG_LENGTH - 6);
  if (!SLUG_PATTERN.test(base)) throw new Error(`slug "${base}" does not match the slug pattern`);
  return base;
}

/**
 * A slug for a new article that is not in `taken`: the transliterated title, then `-2`, `-3`…
 * A title with nothing to transliterate (only emoji or Chinese, say) gets `<source>-<hash of guid>`.
 */
export function makeSlug(title: string, sourceId: string, guid: string, taken: (slug: string) => boolean): string {
  const base = baseSlug(title, sourceId, guid);
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
