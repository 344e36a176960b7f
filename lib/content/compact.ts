import type { AlsoReported, Article, ArticleImage, ArticleSource } from "./types";

/**
 * An archive repeats itself: a dozen sections, a few hundred rubrics, a few thousand tags, the
 * same agencies as sources, file photos used again with the same caption and credit. Parsed one
 * by one, each article gets its own copy of every one of these; on 100,000 articles that is tens
 * of megabytes and hundreds of thousands of objects the garbage collector walks on every full
 * collection, while pages are being served. The pool hands out one shared copy of equal values.
 *
 * It is bounded: past `limit` entries it starts afresh, so values of deleted articles do not stay
 * forever. Sharing is then rebuilt as articles are read again; nothing is lost but some sharing.
 */
export class ValuePool {
  private strings = new Map<string, string>();
  private records = new Map<string, object>();

  constructor(private readonly limit = 50_000) {}

  string(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    if (this.strings.size >= this.limit) this.strings.clear();
    this.strings.set(value, value);
    return value;
  }

  /** One shared object per key; the objects are never modified after indexing, so sharing is safe. */
  record<T extends object>(key: string, make: () => T): T {
    const known = this.records.get(key);
    if (known !== undefined) return known as T;
    if (this.records.size >= this.limit) this.records.clear();
    const value = make();
    this.records.set(key, value);
    return value;
  }

  get size(): number {
    return this.strings.size + this.records.size;
  }
}

/**
 * The empty list most articles have (no aliases, no problems): one array for all of them, frozen
 * so that a push by mistake throws instead of reaching every article.
 */
export const NONE = Object.freeze([]) as unknown as never[];

/**
 * A copy of the string that shares no memory with a longer one. A path cut from a file listing is
 * a slice that keeps the whole absolute path alive for as long as the index keeps the article.
 */
export function detached(value: string): string {
  return JSON.parse(JSON.stringify(value)) as string;
}

/**
 * The article as the index keeps it: equal values shared through the pool, its file and stamp the
 * very strings its file record holds, empty lists shared. Pages see the same data.
 */
export function compactArticle(article: Article, pool: ValuePool, file: string, stamp: string | undefined): Article {
  const tags = article.tags.length === 0 ? NONE : pool.record(`t\0${article.tags.join("\0")}`, () => article.tags.map((t) => pool.string(t)));
  const out: Article = {
    slug: article.slug,
    file,
    title: article.title,
    date: article.date,
    dateMs: article.dateMs,
    ...(article.updated ? { updated: article.updated } : {}),
    section: pool.string(article.section),
    rubric: pool.string(article.rubric),
    lead: article.lead,
    tags,
    ...(article.source ? { source: compactSource(article.source, pool) } : {}),
    also: article.also.length === 0 ? NONE : article.also.map((a) => compactAlso(a, pool)),
    ...(article.image ? { image: compactImage(article.image, pool) } : {}),
    top: article.top,
    draft: article.draft,
    aliases: article.aliases.length === 0 ? NONE : article.aliases,
    wordCount: article.wordCount,
    leadFromBody: article.leadFromBody,
    ...(stamp !== undefined ? { stamp } : {}),
  };
  return out;
}

function compactImage(image: ArticleImage, pool: ValuePool): ArticleImage {
  const key = `i\0${image.src}\0${image.alt}\0${image.credit ?? ""}\0${image.width ?? ""}\0${image.height ?? ""}`;
  return pool.record(key, () => ({
    src: pool.string(image.src),
    alt: image.alt,
    ...(image.credit ? { credit: pool.string(image.credit) } : {}),
    ...(image.width !== undefined && image.height !== undefined ? { width: image.width, height: image.height } : {}),
  }));
}

function compactSource(source: ArticleSource, pool: ValuePool): ArticleSource {
  // A link to the original is usually the article's own; the agency's name (and a partner's id)
  // is what repeats.
  const id = source.id !== undefined ? { id: pool.string(source.id) } : {};
  if (source.url) return { ...id, name: pool.string(source.name), url: source.url };
  return pool.record(`s\0${source.id ?? ""}\0${source.name}`, () => ({ ...id, name: pool.string(source.name) }));
}

function compactAlso(also: AlsoReported, pool: ValuePool): AlsoReported {
  return { name: pool.string(also.name), url: also.url };
}
