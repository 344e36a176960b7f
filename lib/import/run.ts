import { promises as fs } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseFrontMatter } from "../content/front-matter";
import { readJson } from "../content/read-json";
import { readSourceConfigs, SOURCES_FILE } from "../content/sources";
import type { ContentProblem } from "../content/types";
import { validateSections } from "../content/validate";
import { IMAGE_FORMATS } from "../mime";
import { composeArticle, hashText, type ArticleFields } from "./article-file";
import { decodeText, sniffHtml } from "./encoding";
import { fetchResource } from "./fetch";
import { sniffImage } from "./image-sniff";
import { fingerprint, RecentStories } from "./near-duplicate";
import { baseSlug, makeSlug } from "./slug";
import { readRecent, readSourceState, writeFileAtomic, writeRecent, writeSourceState, type ItemState, type RunSummary, type SourceState } from "./state";
import { ImportError, type FeedItem, type SourceConfig } from "./types";

/**
 * The parsers and converters (saxes, parse5 and unified, Readability and linkedom, sharp) take
 * over a second to load; a pass in which no feed changed needs none of them, so they are loaded
 * when first used. Each import is kept: asking the module loader again for every item cost a
 * round trip to tsx's loader thread each time (a second per thousand items).
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}
const lazy = {
  feed: once(() => import("./parse-feed")),
  html: once(() => import("./html-to-markdown")),
  page: once(() => import("./extract-page")),
  sharp: once(async () => (await import("sharp")).default),
  load: once(() => import("../content/load")),
};

/**
 * One pass over the sources: fetch each feed, turn its new and changed items into article files,
 * remember what was done. Sources run side by side and fail alone: one partner's broken feed is a
 * line in the summary, never a stop for the others.
 */

export const LIMITS = {
  feedBytes: 10 * 1024 * 1024,
  imageBytes: 10 * 1024 * 1024,
  pageBytes: 10 * 1024 * 1024,
  timeoutMs: 15_000,
  maxRedirects: 5,
  /** A photo larger than this many pixels is refused before it is decoded (a decompression bomb). */
  imagePixels: 50_000_000,
  /** Most characters of a lead taken from a feed's summary. */
  leadChars: 600,
  tags: 10,
  tagChars: 60,
};

/** Sources read at once, and items of one source prepared at once (each may fetch a page and a photo). */
const SOURCE_CONCURRENCY = 4;
const ITEM_CONCURRENCY = 8;

export interface ImportOptions {
  root: string;
  /** Only these sources (`--source ID`, or the ones --watch finds due), enabled or not. */
  ids?: string[];
  userAgent: string;
  log: (line: string) => void;
  now?: () => number;
  /** Test hook: shorter timeouts. */
  limits?: Partial<typeof LIMITS>;
}

export interface SourceReport {
  id: string;
  name: string;
  summary: RunSummary;
}

export interface PassReport {
  sources: SourceReport[];
  /** Problems of sources.json and sections.json (each bad source is named and skipped). */
  problems: ContentProblem[];
}

export async function readSourcesConfig(root: string): Promise<{ sources: SourceConfig[]; problems: ContentProblem[] }> {
  const problems: ContentProblem[] = [];
  const sectionsJson = await readJson(root, "sections.json", problems);
  const { sections, problems: sectionProblems } = sectionsJson === undefined ? { sections: [], problems: [] } : validateSections(sectionsJson);
  const result = await readSourceConfigs(root, new Map(sections.map((s) => [s.slug, s])), false);
  return { sources: result.sources, problems: [...problems, ...sectionProblems, ...result.problems] };
}

/** The feed's URL: a `file:` URL without a slash is relative to the content folder. */
export function resolveSourceUrl(root: string, url: string): string {
  if (url.startsWith("file:") && !url.startsWith("file:/")) return pathToFileURL(path.join(root, decodeURIComponent(url.slice(5)))).href;
  return url;
}

/** Shared by every source of one pass: slugs in use and the stories of the last 48 hours. */
class PassContext {
  private slugs?: Promise<Set<string>>;
  readonly states = new Map<string, SourceState>();

  private recentStories?: Promise<RecentStories>;

  constructor(
    readonly options: ImportOptions,
    readonly limits: typeof LIMITS,
  ) {}

  /** The stories of the last 48 hours, read when the first new item needs them. */
  recent(): Promise<RecentStories> {
    this.recentStories ??= readRecent(this.root).then((list) => new RecentStories(list, this.now()));
    return this.recentStories;
  }

  /** Saves the stories of the last 48 hours, if this pass read (and so may have added to) them. */
  async saveRecent(): Promise<void> {
    if (this.recentStories) await writeRecent(this.root, (await this.recentStories).toJSON(this.now()));
  }

  get root() {
    return this.options.root;
  }

  now() {
    return (this.options.now ?? Date.now)();
  }

  /** Every slug of the content folder, read once per pass and only when a new article needs one. */
  async slugTaken(): Promise<(slug: string) => boolean> {
    // One walk, however many items ask at once: a second would drop the slugs claimed meanwhile.
    this.slugs ??= lazy
      .load()
      .then(({ walk }) =>
        walk(this.root, path.join(this.root, "articles"), (n) => n.toLowerCase().endsWith(".md"), []).then(
          (files) => new Set([...files.map((f) => path.basename(f).replace(/\.md$/i, "")), ...this.claimed]),
        ),
      );
    const slugs = await this.slugs;
    return (slug) => slugs.has(slug) || this.claimed.has(slug);
  }

  /** Slugs given out in this pass (also before the walk above is done). */
  private readonly claimed = new Set<string>();

  claimSlug(slug: string) {
    this.claimed.add(slug);
  }
}

export async function runImport(options: ImportOptions): Promise<PassReport> {
  const { root } = options;
  const limits = { ...LIMITS, ...options.limits };
  const config = await readSourcesConfig(root);
  const ids = options.ids;
  const sources = config.sources.filter((s) => (ids ? ids.includes(s.id) : s.enabled));
  const missing = ids?.filter((id) => !config.sources.some((s) => s.id === id)) ?? [];
  if (missing.length > 0) {
    const known = config.sources.map((s) => s.id).join(", ") || "none";
    throw new ImportError(`no valid source "${missing.join('", "')}" in ${SOURCES_FILE} (known: ${known})`);
  }
  const ctx = new PassContext(options, limits);
  for (const s of config.sources) ctx.states.set(s.id, await readSourceState(root, s.id));

  // Feeds are fetched a few at a time, but their items are taken in the order of sources.json, so
  // that which of two partners' copies of one story becomes the article does not depend on which
  // answered first, and at most SOURCE_CONCURRENCY fetched feeds wait in memory.
  const reports: SourceReport[] = [];
  const fetches = new Map<SourceConfig, Promise<Fetched>>();
  for (const [i, source] of sources.entries()) {
    for (const next of sources.slice(i, i + SOURCE_CONCURRENCY)) if (!fetches.has(next)) fetches.set(next, fetchSource(next, ctx));
    const fetched = await fetches.get(source)!;
    fetches.delete(source);
    reports.push({ id: source.id, name: source.name, summary: await importFetched(source, fetched, ctx) });
  }
  // A duplicate may have changed another source's state («Также сообщают»): all are saved.
  for (const s of config.sources) await writeSourceState(root, s.id, ctx.states.get(s.id)!);
  await ctx.saveRecent();
  return { sources: reports, problems: config.problems };
}

function emptySummary(at: number): RunSummary {
  return { at: new Date(at).toISOString(), ok: true, new: 0, updated: 0, unchanged: 0, duplicates: 0, failed: 0, edited: 0, notModified: false, ms: 0 };
}

function reasonOf(err: unknown): string {
  if (err instanceof ImportError) return err.reason;
  return err instanceof Error ? err.message : String(err);
}

interface Fetched {
  started: number;
  feedUrl: string;
  /** The feed's items, oldest first; undefined when the feed was not modified. */
  items?: FeedItem[];
  etag?: string;
  lastModified?: string;
  /** Hash of the feed's bytes, when it was read. */
  bytesHash?: string;
  error?: unknown;
}

/** Reads and parses one feed; never throws (a failure is part of the result). */
async function fetchSource(source: SourceConfig, ctx: PassContext): Promise<Fetched> {
  const started = ctx.now();
  const state = ctx.states.get(source.id)!;
  const feedUrl = resolveSourceUrl(ctx.root, source.url);
  try {
    if (state.retryAfter && Date.parse(state.retryAfter) > started) {
      throw new ImportError(`the partner asked to wait until ${state.retryAfter} (Retry-After)`);
    }
    // Items that failed last time (a photo server down, say) are tried again: the feed is read
    // whole, not answered with "not modified".
    const sameUrl = state.url === feedUrl && !(state.last && state.last.failed > 0);
    const result = await fetchResource(feedUrl, {
      ...fetchLimits(ctx, ctx.limits.feedBytes),
      accept: "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
      etag: sameUrl ? state.etag : undefined,
      lastModified: sameUrl ? state.lastModified : undefined,
      ...originRules(feedUrl),
    });
    if (result.status === "not-modified") return { started, feedUrl };
    // A partner that ignores validators but sends the same bytes has changed nothing either.
    const bytesHash = hashText(result.bytes);
    if (sameUrl && state.bytes === bytesHash) return { started, feedUrl, etag: result.etag, lastModified: result.lastModified, bytesHash };
    const text = decodeText(result.bytes, result.contentType);
    if (sniffHtml(text)) throw new ImportError("the address answers an HTML page, not a feed");
    const feed = (await lazy.feed()).parseFeed(text, result.url);
    // Oldest first: of two copies of one story in the same feed, the earlier is the article.
    return { started, feedUrl, items: [...feed.items].reverse(), etag: result.etag, lastModified: result.lastModified, bytesHash };
  } catch (error) {
    return { started, feedUrl, error };
  }
}

async function importFetched(source: SourceConfig, fetched: Fetched, ctx: PassContext): Promise<RunSummary> {
  const { started, feedUrl } = fetched;
  const summary = emptySummary(started);
  const state = ctx.states.get(source.id)!;
  const log = (line: string) => ctx.options.log(`${source.id}: ${line}`);
  if (fetched.error === undefined) {
    state.url = feedUrl;
    state.retryAfter = undefined;
    state.failures = 0;
    state.lastSuccess = new Date(started).toISOString();
    if (fetched.etag !== undefined || fetched.lastModified !== undefined) {
      state.etag = fetched.etag;
      state.lastModified = fetched.lastModified;
    }
    if (!fetched.items) summary.notModified = true;
    else {
      const queue = [...fetched.items];
      await Promise.all(
        Array.from({ length: Math.min(ITEM_CONCURRENCY, queue.length) }, async () => {
          for (let item = queue.shift(); item; item = queue.shift()) {
            try {
              summary[await importItem(item, source, feedUrl, state, ctx, log)]++;
            } catch (err) {
              summary.failed++;
              log(`item ${JSON.stringify(item.title.slice(0, 80))} (${item.link ?? item.guid}): ${reasonOf(err)}`);
            }
          }
        }),
      );
    }
    // Remembered only when every item made it, so that the same bytes again are tried again.
    state.bytes = summary.failed === 0 ? (fetched.bytesHash ?? state.bytes) : undefined;
  } else {
    summary.ok = false;
    summary.reason = reasonOf(fetched.error);
    state.failures++;
    const retryAfterMs = fetched.error instanceof ImportError ? fetched.error.details.retryAfterMs : undefined;
    if (retryAfterMs) state.retryAfter = new Date(started + retryAfterMs).toISOString();
    log(`failed: ${summary.reason}`);
  }
  summary.ms = ctx.now() - started;
  state.last = summary;
  return summary;
}

/**
 * The feed's own origin may be anything the operator configured (a partner on the newsroom's
 * network, a test server on 127.0.0.1); every other address a feed names must be public.
 */
function originRules(feedUrl: string): { trustedOrigin?: string; fileRoot?: string } {
  const url = new URL(feedUrl);
  if (url.protocol === "file:") return { fileRoot: path.dirname(decodeURIComponent(url.pathname)) };
  return { trustedOrigin: url.origin };
}

type Outcome = "new" | "updated" | "unchanged" | "duplicates" | "edited";

function articleFile(root: string, sourceId: string, slug: string): string {
  return path.join(root, "articles", sourceId, `${slug}.md`);
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

async function importItem(
  item: FeedItem,
  source: SourceConfig,
  feedUrl: string,
  state: SourceState,
  ctx: PassContext,
  log: (line: string) => void,
): Promise<Outcome> {
  const itemHash = hashText(JSON.stringify(item));
  const known = state.items[item.guid];
  if (known && known.item === itemHash) return known.duplicateOf ? "duplicates" : "unchanged";
  if (known?.duplicateOf) {
    known.item = itemHash;
    return "duplicates";
  }

  if (known) {
    // The partner changed the item: update the article in place, unless an editor got there first.
    const file = articleFile(ctx.root, source.id, known.slug);
    const current = await readIfExists(file);
    if (current === undefined || hashText(current) !== known.file) {
      log(`${path.relative(ctx.root, file)}: ${current === undefined ? "removed" : "changed"} by an editor; the partner's update is not applied`);
      known.item = itemHash;
      return "edited";
    }
    const prepared = await prepareArticle(item, source, feedUrl, known.slug, ctx, log, known.image);
    // An item without a date of its own keeps the date it was first published with.
    const before = parseFrontMatter(current);
    const firstDate = before.ok && typeof before.data.date === "string" ? before.data.date : undefined;
    const date = item.published || item.updated || !firstDate ? prepared.fields.date : firstDate;
    const updated = item.updated && item.updated !== date && Date.parse(item.updated) <= ctx.now() ? item.updated : isoNow(ctx.now());
    // The partners the file already names under «Также сообщают» stay (after a lost state, the
    // file is the only record of them).
    const also = before.ok && Array.isArray(before.data.also) ? (before.data.also as { name: string; url: string }[]) : known.also;
    const text = composeArticle({ ...prepared.fields, date, updated, also }, prepared.body);
    await writeFileAtomic(file, text);
    Object.assign(known, { item: itemHash, file: hashText(text), image: prepared.image });
    return "updated";
  }

  const { htmlToText } = await lazy.html();
  const opening = htmlToText(item.summary ?? item.full ?? "").slice(0, 2000) || htmlToText(item.full ?? "").slice(0, 2000);
  const fp = fingerprint(item.title, opening);
  const recent = await ctx.recent();
  // A lost state must not import the feed a second time: the file its title gives, if it is this
  // item's (same original link), is adopted.
  const base = baseSlug(item.title, source.id, item.guid);
  if (item.link) {
    const existing = await readIfExists(articleFile(ctx.root, source.id, base));
    const parsed = existing === undefined ? undefined : parseFrontMatter(existing);
    if (parsed?.ok && (parsed.data.source as { url?: unknown } | undefined)?.url === item.link) {
      state.items[item.guid] = { slug: base, item: itemHash, file: hashText(existing!) };
      ctx.claimSlug(base);
      // Remembered again for the duplicate check, which lost its memory with the state.
      recent.add({ source: source.id, slug: base, at: ctx.now(), fp });
      return "unchanged";
    }
  }

  const same = recent.findSame(fp, source.id, ctx.now());
  if (same && item.link) {
    await addAlso(same.source, same.slug, { name: source.name, url: item.link }, ctx, log);
    state.items[item.guid] = { slug: same.slug, item: itemHash, duplicateOf: { source: same.source, slug: same.slug } };
    log(`«${item.title.slice(0, 80)}» is the story of ${same.source}/${same.slug}: listed there under «Также сообщают»`);
    return "duplicates";
  }

  const taken = await ctx.slugTaken();
  const slug = makeSlug(item.title, source.id, item.guid, taken);
  ctx.claimSlug(slug);
  const prepared = await prepareArticle(item, source, feedUrl, slug, ctx, log, undefined);
  const text = composeArticle(prepared.fields, prepared.body);
  await writeFileAtomic(articleFile(ctx.root, source.id, slug), text);
  state.items[item.guid] = { slug, item: itemHash, file: hashText(text), ...(prepared.image ? { image: prepared.image } : {}) };
  recent.add({ source: source.id, slug, at: ctx.now(), fp });
  return "new";
}

function isoNow(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** Adds a partner to «Также сообщают» of another source's article, if that file is still the importer's. */
async function addAlso(sourceId: string, slug: string, entry: { name: string; url: string }, ctx: PassContext, log: (line: string) => void) {
  const state = ctx.states.get(sourceId);
  const known = state && Object.values(state.items).find((i) => i.slug === slug && !i.duplicateOf);
  const file = articleFile(ctx.root, sourceId, slug);
  const current = await readIfExists(file);
  if (!known || current === undefined || hashText(current) !== known.file) {
    log(`${path.relative(ctx.root, file)}: changed by an editor; «Также сообщают: ${entry.name}» is not added`);
    return;
  }
  const parsed = parseFrontMatter(current);
  if (!parsed.ok) return;
  // The file's own list: after a lost state it is the only record of the partners already named.
  const written = Array.isArray(parsed.data.also) ? (parsed.data.also as { name: string; url: string }[]) : (known.also ?? []);
  const also = [...written];
  if (also.some((a) => a.url === entry.url) || also.length >= 20) return;
  also.push(entry);
  const text = composeArticle({ ...parsed.data, also }, parsed.body);
  await writeFileAtomic(file, text);
  known.also = also;
  known.file = hashText(text);
}

interface Prepared {
  fields: ArticleFields;
  body: string;
  image?: ItemState["image"];
}

async function prepareArticle(
  item: FeedItem,
  source: SourceConfig,
  feedUrl: string,
  slug: string,
  ctx: PassContext,
  log: (line: string) => void,
  previousImage: ItemState["image"],
): Promise<Prepared> {
  // Relative addresses in a feed's text are relative to the feed; in a page's, to the page.
  let base = feedUrl;
  let html = source.mode === "lead" ? "" : (item.full ?? item.summary ?? "");
  let pageImage: string | undefined;
  if (source.mode === "page") {
    if (!item.link) throw new ImportError("page mode needs the item's link, and the feed gives none");
    try {
      const page = await fetchResource(item.link, {
        ...fetchLimits(ctx, ctx.limits.pageBytes),
        accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        ...originRules(feedUrl),
      });
      if (page.status === "ok") {
        const extracted = (await lazy.page()).extractArticle(decodeText(page.bytes, page.contentType), page.url);
        if (extracted) {
          html = extracted.html;
          base = page.url;
          pageImage = extracted.image;
        } else log(`${item.link}: no article text found on the page; the feed's text is used`);
      }
    } catch (err) {
      log(`${item.link}: page not read (${reasonOf(err)}); the feed's text is used`);
    }
  }
  const { htmlToMarkdown, htmlToText } = await lazy.html();
  const converted = html ? htmlToMarkdown(html, base) : { markdown: "", images: [] };
  const summaryText = item.summary ? htmlToText(item.summary) : "";
  const bodyText = converted.markdown;
  // A summary is a lead of its own only when the body does not already start with it.
  let lead: string | undefined;
  if (summaryText && (source.mode === "lead" || !normalizeSpace(htmlToText(html)).startsWith(normalizeSpace(summaryText).slice(0, 100)))) {
    lead = cutText(summaryText, ctx.limits.leadChars);
  }
  if (!lead && !bodyText.trim()) throw new ImportError("the item has no text");

  const categories = item.categories;
  const mapped = categories.map((c) => source.categories[c.trim().toLowerCase()]).find(Boolean);
  const section = mapped ?? source.section;
  const tags = [...new Set(categories.map((c) => c.trim()).filter((c) => c && c.length <= ctx.limits.tagChars && !source.categories[c.toLowerCase()]))].slice(
    0,
    ctx.limits.tags,
  );

  const now = ctx.now();
  let date = item.published ?? item.updated ?? isoNow(now);
  // A partner's clock ahead of ours would schedule the story for later; it is news now.
  if (Date.parse(date) > now + 10 * 60_000) date = isoNow(now);

  // The feed's photo, else the text's pictures in order (the first may be a tracking pixel).
  const candidates = [...new Set([item.image?.url, ...converted.images.map((i) => i.url), pageImage].filter((u): u is string => !!u))].slice(0, 3);
  let image: ItemState["image"];
  let imageAlt: string | undefined;
  for (const url of candidates) {
    try {
      image =
        previousImage?.url === url && (await exists(path.join(ctx.root, previousImage.file)))
          ? previousImage
          : await downloadImage(url, source, slug, feedUrl, ctx);
      imageAlt = url === item.image?.url ? item.image?.alt : converted.images.find((i) => i.url === url)?.alt;
      break;
    } catch (err) {
      log(`${slug}: photo ${url} not used: ${reasonOf(err)}`);
    }
  }
  const fields: ArticleFields = {
    title: item.title,
    date,
    section,
    ...(source.rubric ? { rubric: source.rubric } : {}),
    ...(lead ? { lead } : {}),
    tags,
    source: { id: source.id, name: source.name, ...(item.link ? { url: item.link } : {}) },
    ...(image ? { image: { src: image.file, alt: cutText(imageAlt || item.title, 300), credit: cutText(item.image?.credit ?? source.name, 200) } } : {}),
  };
  return { fields, body: bodyText, image };
}

function fetchLimits(ctx: PassContext, maxBytes: number) {
  return { maxBytes, timeoutMs: ctx.limits.timeoutMs, maxRedirects: ctx.limits.maxRedirects, userAgent: ctx.options.userAgent };
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/** Smaller pictures are icons, buttons or tracking pixels, not the story's photo. */
const MIN_PHOTO = { width: 200, height: 120 };

/** Fetches a photo into media/<source>/<slug>.<ext>, after checking that it really is a photo. */
async function downloadImage(url: string, source: SourceConfig, slug: string, feedUrl: string, ctx: PassContext): Promise<ItemState["image"]> {
  const result = await fetchResource(url, {
    ...fetchLimits(ctx, ctx.limits.imageBytes),
    accept: "image/avif,image/webp,image/jpeg,image/png,image/gif;q=0.9",
    ...originRules(feedUrl),
  });
  if (result.status !== "ok") throw new ImportError("no photo in the answer");
  const kind = sniffImage(result.bytes);
  if (!kind) throw new ImportError("not a JPEG, PNG, WebP, AVIF or GIF by its bytes");
  const sharp = await lazy.sharp();
  const meta = await sharp(result.bytes, { limitInputPixels: ctx.limits.imagePixels })
    .metadata()
    .catch((err: Error) => {
      throw new ImportError(`not a readable image: ${err.message}`);
    });
  if (!meta.width || !meta.height) throw new ImportError("the image has no dimensions");
  if (meta.width < MIN_PHOTO.width || meta.height < MIN_PHOTO.height) {
    throw new ImportError(`${meta.width}×${meta.height} is too small for a photo (a tracking pixel or an icon)`);
  }
  const file = `media/${source.id}/${slug}${IMAGE_FORMATS[kind].extension}`;
  await writeFileAtomic(path.join(ctx.root, file), result.bytes);
  return { url, file };
}

function normalizeSpace(s: string): string {
  return s.replace(/\s+/g, " ").trim().toLowerCase();
}

/** Cuts plain text at a word, with an ellipsis, when it is longer than `max`. */
function cutText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const at = cut.lastIndexOf(" ");
  return `${(at > max / 2 ? cut.slice(0, at) : cut).replace(/[\s,.;:—–-]+$/, "")}…`;
}
