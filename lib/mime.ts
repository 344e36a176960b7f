/**
 * The image formats the site takes, in one place: what media/ may hold and is served with, what
 * the importer keeps (by the bytes, see lib/import/image-sniff.ts) and the file name it gives it,
 * and the type feeds announce for a photo. SVG is none of them: it can carry script.
 */
export type ImageKind = "jpeg" | "png" | "webp" | "avif" | "gif";

/** Each format's MIME type and the extension a file of it gets (.jpeg is read too). */
export const IMAGE_FORMATS: Record<ImageKind, { type: string; extension: string }> = {
  jpeg: { type: "image/jpeg", extension: ".jpg" },
  png: { type: "image/png", extension: ".png" },
  webp: { type: "image/webp", extension: ".webp" },
  avif: { type: "image/avif", extension: ".avif" },
  gif: { type: "image/gif", extension: ".gif" },
};

const TYPE_BY_EXTENSION = new Map<string, string>([...Object.values(IMAGE_FORMATS).map((f) => [f.extension, f.type] as const), [".jpeg", "image/jpeg"]]);

/** Lower-case extensions, with the dot, of the files media/ may hold. */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(TYPE_BY_EXTENSION.keys());

/** The MIME type of an image file or URL by its extension (any case; a URL's query and fragment are ignored), if it is one of the formats. */
export function imageTypeOf(fileOrUrl: string): string | undefined {
  const name = fileOrUrl.replace(/[?#].*$/s, "");
  const dot = name.lastIndexOf(".");
  if (dot < 0 || name.indexOf("/", dot) >= 0) return undefined;
  return TYPE_BY_EXTENSION.get(name.slice(dot).toLowerCase());
}
