/**
 * Shapes shared by the importer: sources.json → fetch → parse → items → Markdown article files.
 * The importer only writes files; the site reads them like any editor's file.
 */

/** How much of an item becomes the article: see `mode` in docs/importer.md. */
export type ImportMode = "full" | "lead" | "page";

/** One validated entry of `CONTENT_DIR/sources.json`. */
export interface SourceConfig {
  /** Lowercase Latin letters, digits and hyphens; unique; names the folder articles/<id>/. */
  id: string;
  /** Shown to readers: «Источник материала: <name>». */
  name: string;
  /** `http:`, `https:` or `file:` (a `file:` URL may be relative to the content folder). */
  url: string;
  /** Default section slug. */
  section: string;
  /** Label on the date line; absent: the section's name. */
  rubric?: string;
  mode: ImportMode;
  /** Poll interval in milliseconds (from "30s", "10m", "2h"). */
  everyMs: number;
  enabled: boolean;
  /** Feed category (as written in the feed, compared case-insensitively) → section slug. */
  categories: Record<string, string>;
}

/** A photo named by a feed item: enclosure, media:content / media:thumbnail, or the text's first <img>. */
export interface FeedImage {
  /** Absolute URL (resolved against the item or feed URL). */
  url: string;
  /** media:credit / media:copyright, when the feed gives one. */
  credit?: string;
  /** media:description / media:title / the img's alt, when the feed gives one. */
  alt?: string;
}

/** One item of an RSS 2.0, Yandex News RSS or Atom feed, as plain data with every field bounded. */
export interface FeedItem {
  /** guid / Atom id; falls back to the link, then to a hash of title and date. Never empty. */
  guid: string;
  /** The partner's page for this item: absolute http(s) URL, when the feed gives a usable one. */
  link?: string;
  /** Plain text, entities decoded, tags stripped, whitespace collapsed. */
  title: string;
  /** ISO 8601 with the offset the feed used (`GMT`/`UT`/`Z` → `Z`), from pubDate / published / dc:date. */
  published?: string;
  /** ISO 8601 with offset, from Atom updated (only when published is also present). */
  updated?: string;
  /** category / dc:subject / Atom category@term or @label, trimmed, deduplicated, in feed order. */
  categories: string[];
  /** description / Atom summary: HTML or plain text, as the feed has it (not yet sanitised). */
  summary?: string;
  /** yandex:full-text / content:encoded / Atom content: HTML or plain text (not yet sanitised). */
  full?: string;
  image?: FeedImage;
  /** author / dc:creator / Atom author name, plain text. */
  author?: string;
}

export interface ParsedFeed {
  kind: "rss" | "atom";
  title?: string;
  items: FeedItem[];
}

/** What a fetch brought back. */
export type FetchResult =
  | {
      status: "ok";
      bytes: Buffer;
      /** The Content-Type header, when there was one. */
      contentType?: string;
      etag?: string;
      lastModified?: string;
      /** The URL after redirects. */
      url: string;
    }
  | { status: "not-modified"; url: string };

/** A source, page or image that could not be read; `reason` is shown to the operator as is. */
export class ImportError extends Error {
  constructor(
    readonly reason: string,
    readonly details: { retryAfterMs?: number; status?: number } = {},
  ) {
    super(reason);
    this.name = "ImportError";
  }
}
