import { createHash } from "node:crypto";
import { promises as fs, statSync } from "node:fs";
import path from "node:path";
import { IMAGE_EXTENSIONS } from "../mime";
import { readArticleBodyText } from "./body";
import { Bodies } from "./bodies";
import { compactArticle, detached, NONE, ValuePool } from "./compact";
import { assembleIndex, buildArticle, type ArticleRecord, type MediaInfo } from "./build-index";
import { indexCacheKey, readIndexCache, writeIndexCache, type CachedRecord } from "./index-cache";
import type { RenderPool } from "./render-pool";
import { listArticleFiles, readArticleFile, readMedia, readSiteAndSections, readSources, toPosix, walk, type MediaCache, type SiteAndSections } from "./load";
import { SOURCES_FILE } from "./sources";
import { TreeWatcher, type TreeChange } from "./tree-watcher";
import { formatProblem, type Article, type ArticleBody, type ContentIndex, type ContentProblem, type SourceInfo } from "./types";

interface FileState extends ArticleRecord {
  /** mtime and size when last read, to notice changes on a re-scan. */
  stamp: string;
  problems: ContentProblem[];
}

export interface LiveContentOptions {
  /** The shortest time between two re-scans, which catch changes the file events missed. */
  rescanMs?: number;
  /** How long to wait for more file events before applying a batch. */
  debounceMs?: number;
  /** Where each new problem is reported once. */
  log?: (line: string) => void;
  watch?: boolean;
  /** Where parsed front matter is kept between starts, and what it must have been made with. */
  cache?: { file: string; salt: string };
  /** How many characters of rendered bodies to keep in memory. */
  bodyCacheChars?: number;
  /** Where bodies are rendered (default: a pool of its own, started on first use). */
  pool?: RenderPool;
  /** While thousands of changed files are read in a row, what is read so far is published this often. */
  publishEveryMs?: number;
  /**
   * Records parsed elsewhere (by the build's worker threads), used like cache entries: a file
   * whose stamp still matches is not read again.
   */
  preparsed?: Map<string, CachedRecord>;
}

/**
 * A re-scan may take at most this share of one core; a huge archive is re-scanned less often. File
 * events bring changes within the 5-second promise; the re-scan only catches events the file
 * system lost. It stats every file, 1.35 s of CPU at 100,000 articles: at 5 % it came every 27 s
 * and was the one per-request cost that grew with the archive (a 10-second load run that met it
 * lost 10-15 %); at 1 % it comes every 2 minutes or so there, and still every 5 s on a small site.
 */
const RESCAN_SHARE = 0.01;
/**
 * How often the content folder itself is checked: a folder removed and made again, renamed away
 * and replaced, or a symbolic link to it switched (as deploy tools do) leaves the file watchers on
 * the old folder, and the re-scan of a large archive comes minutes apart. One stat a second notices.
 */
const ROOT_CHECK_MS = 1000;
/** File events are applied at least this often while they keep coming (a large copy in progress). */
const MAX_DEBOUNCE_MS = 1000;
/** Files read at once when many are read in a row. */
const READ_AHEAD = 16;
/** Files stat'ed between two turns of the event loop. */
const STAT_SLICE = 500;

/**
 * The content folder, kept in memory and up to date. File events re-read only the files they name;
 * periodic re-scans compare modification times as a safety net. An article that turns invalid
 * (say, caught half-saved) keeps its last good version until it is fixed or deleted.
 *
 * The index holds what lists and metadata need; bodies are rendered on demand and kept in a
 * bounded cache, so memory does not grow with the size of the archive's text.
 */
export class LiveContent {
  private config!: SiteAndSections;
  private media: Map<string, MediaInfo> = new Map();
  /** Photo sizes by file stamp: new photos are read, the others are not read again (readMedia). */
  private readonly mediaCache: MediaCache = new Map();
  private mediaStamp = "";
  private mediaProblems: ContentProblem[] = [];
  private listingProblems: ContentProblem[] = [];
  private configStamp = "";
  /**
   * sources.json, kept apart from site.json and sections.json: no article is parsed with it, so a
   * partner renamed or added re-reads this one file and leaves the parsed articles (and the cache
   * key they are saved under) alone.
   */
  private sources: SourceInfo[] = [];
  private sourceProblems: ContentProblem[] = [];
  private sourcesStamp = "";
  private files = new Map<string, FileState>();
  /** Shares repeated values (sections, tags, credits…) between the articles the index keeps. */
  private pool = new ValuePool();
  private current!: ContentIndex;
  private reported = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private pending = new Map<string, TreeChange>();
  private debounce?: NodeJS.Timeout;
  private timer?: NodeJS.Timeout;
  private watcher?: TreeWatcher;
  private closed = false;
  private realRoot = "";
  /** What the content folder is (folderId), to notice it being replaced. */
  private rootId = "";
  private rootTimer?: NodeJS.Timeout;
  private rootMissing = false;
  private firstPending = 0;
  /** Rendered bodies (lib/content/bodies.ts, which readers of the SQLite store use alone). */
  private bodies: Bodies;
  private unsaved = false;
  private saving?: Promise<void>;
  /** How long the last listing of the articles took. */
  private listingMs = 0;

  private constructor(
    readonly root: string,
    private readonly options: Required<Omit<LiveContentOptions, "cache" | "preparsed" | "pool">> & Pick<LiveContentOptions, "cache" | "preparsed" | "pool">,
  ) {
    this.bodies = new Bodies(root, {
      pool: options.pool,
      log: options.log,
      bodyCacheChars: options.bodyCacheChars,
      // A new `body: …` problem is published with the index (and logged there, once).
      onProblem: () => void this.enqueue(async () => this.publish()),
    });
  }

  static async open(root: string, options: LiveContentOptions = {}): Promise<LiveContent> {
    const live = new LiveContent(root, {
      rescanMs: options.rescanMs ?? 5000,
      debounceMs: options.debounceMs ?? 100,
      log: options.log ?? ((line) => console.error(`[content] ${line}`)),
      watch: options.watch ?? true,
      cache: options.cache,
      preparsed: options.preparsed,
      pool: options.pool,
      publishEveryMs: options.publishEveryMs ?? 1000,
      bodyCacheChars: options.bodyCacheChars ?? 32 * 1024 * 1024,
    });
    live.realRoot = await fs.realpath(root).catch(() => path.resolve(/* turbopackIgnore: true */ root));
    live.rootId = await folderId(root);
    await live.reloadAll(true);
    // Pages are served while the folders are being watched one by one; a re-scan covers the gap.
    if (live.options.watch) live.watching = live.startWatching();
    return live;
  }

  /** Settles once every folder is watched. */
  watching: Promise<void> = Promise.resolve();

  get index(): ContentIndex {
    return this.current;
  }

  /** Re-reads the named files (paths inside the content folder), or everything when none are named. */
  refresh(paths?: string[]): Promise<ContentIndex> {
    return this.enqueue(() =>
      paths && paths.length > 0 ? this.applyChanges(paths.map((p) => ({ path: p, folder: false }))) : this.reloadAll(false),
    );
  }

  /** Compares the folder with what is loaded and re-reads what changed. */
  rescan(): Promise<ContentIndex> {
    return this.enqueue(() => this.rescanNow());
  }

  /** Writes the parsed front matter to the cache file now, if there is one. */
  async saveCache(): Promise<void> {
    await this.enqueue(async () => {});
    await this.save();
  }

  /**
   * The article's rendered body. Read from its file on first use and cached; when the file has
   * been caught mid-save, the last good body seen by this process is served instead.
   */
  body(article: Article): Promise<ArticleBody> {
    return this.bodies.body(article);
  }

  /** How many rendered bodies are kept for readers (for tests and diagnostics). */
  get cachedBodies(): number {
    return this.bodies.cachedBodies;
  }

  /**
   * The body's words as plain text (at least the first `maxWords` of them), for the search index.
   * A cached body is used as it is; otherwise only the opening of the file's body is parsed and
   * nothing is kept, so indexing a whole archive neither renders every body nor pushes the bodies
   * readers are reading out of the cache.
   */
  async bodyText(article: Article, maxWords?: number): Promise<string> {
    return this.bodies.cached(article)?.text ?? readArticleBodyText(this.root, article, this.bodies.renderer, maxWords);
  }

  close(): void {
    this.closed = true;
    this.bodies.close();
    this.watcher?.close();
    if (this.timer) clearTimeout(this.timer);
    if (this.rootTimer) clearInterval(this.rootTimer);
    if (this.debounce) clearTimeout(this.debounce);
  }

  private enqueue(job: () => Promise<void>): Promise<ContentIndex> {
    const run = this.queue.then(job, job);
    // A failed job must not stop later ones; it is logged and the last good index stays.
    this.queue = run.catch((err) => this.options.log(`refresh failed: ${(err as Error).message}`));
    return run.then(() => this.current);
  }

  private async startWatching() {
    await this.watchTree();
    // The start-up listing just compared every file: the first re-scan is spaced by its cost too.
    this.scheduleRescan(this.listingMs);
    this.rootTimer = setInterval(() => void this.checkRoot(), ROOT_CHECK_MS);
    this.rootTimer.unref();
  }

  private async watchTree() {
    const watcher = new TreeWatcher(
      this.root,
      (change) => {
        this.pending.set(change.path, change);
        if (this.debounce) clearTimeout(this.debounce);
        // A copy of thousands of files sends events for seconds: apply them as they come, at least
        // once a second, instead of waiting for the last one.
        this.firstPending ||= Date.now();
        const wait = Math.max(0, Math.min(this.options.debounceMs, this.firstPending + MAX_DEBOUNCE_MS - Date.now()));
        this.debounce = setTimeout(() => {
          const batch = [...this.pending.values()];
          this.pending.clear();
          this.firstPending = 0;
          void this.enqueue(() => this.applyChanges(batch));
        }, wait);
      },
      (message) => this.options.log(`${message}; re-scans continue`),
    );
    this.watcher = watcher;
    await watcher.start();
  }

  /**
   * Follows the content folder when it is replaced: the watchers move to the new folder and it is
   * read anew (files whose stamp did not change keep their parsed record). While the folder is
   * missing, the last content is served.
   */
  private async checkRoot() {
    if (this.closed) return;
    const id = await folderId(this.root);
    if (id === "missing") {
      if (!this.rootMissing) this.options.log(`${this.root}: folder: is missing; serving the last content read until it is back`);
      this.rootMissing = true;
      return;
    }
    if (id === this.rootId && !this.rootMissing) return;
    const replaced = id !== this.rootId;
    this.rootMissing = false;
    this.rootId = id;
    if (!replaced) return;
    this.options.log(`${this.root}: folder: was replaced; reading it anew`);
    this.watcher?.close();
    this.realRoot = await fs.realpath(this.root).catch(() => this.realRoot);
    await this.watchTree();
    await this.enqueue(() => this.reloadAll(false, true));
  }

  /** Re-scans no more often than rescanMs, and rarer when one re-scan costs a lot. */
  private scheduleRescan(lastMs: number) {
    if (this.closed) return;
    const delay = Math.max(this.options.rescanMs, lastMs / RESCAN_SHARE);
    this.timer = setTimeout(() => {
      const started = performance.now();
      void this.rescan().finally(() => this.scheduleRescan(performance.now() - started));
    }, delay);
    this.timer.unref();
  }

  /**
   * Applies a batch of file events with the least work each needs: sections.json re-validates
   * everything (sources.json too, whose entries name sections); site.json, sources.json and media
   * re-read only themselves and the articles that use them.
   */
  private async applyChanges(changes: TreeChange[]) {
    if (!(await this.folderReadable())) return;
    const paths = changes.map((c) => c.path);
    if (paths.includes("sections.json") || paths.some((p) => p === "" || p === "articles" || p === "media")) return this.reloadAll(false);
    if (paths.includes("site.json")) {
      const config = await readSiteAndSections(this.root);
      this.config = { ...config, sections: this.config.sections };
      this.configStamp = await this.stampConfig();
    }
    if (paths.includes(SOURCES_FILE)) await this.refreshSources();
    if (paths.some((p) => p.startsWith("media/"))) await this.refreshMedia();
    // A folder created, moved or removed under articles/ is seen as the folder only.
    if (changes.some((c) => c.folder && c.path.startsWith("articles/"))) return this.rescanNow(true);
    const articles = paths.filter((rel) => rel.startsWith("articles/") && rel.toLowerCase().endsWith(".md") && !path.posix.basename(rel).startsWith("."));
    await this.readInTurn(articles);
    this.publish();
  }

  /** Re-reads media, then only the articles whose photo changed or that lacked one. */
  private async refreshMedia() {
    const problems: ContentProblem[] = [];
    const media = await readMedia(this.root, problems, this.mediaCache);
    const changed = new Set<string>();
    for (const [key, size] of media) {
      const old = this.media.get(key);
      if (!old || old.width !== size.width || old.height !== size.height) changed.add(key);
    }
    for (const key of this.media.keys()) if (!media.has(key)) changed.add(key);
    this.media = media;
    this.mediaProblems = problems;
    this.mediaStamp = await this.stampMedia();
    for (const [rel, f] of this.files) {
      const src = f.article?.image?.src.replace(/^\//, "");
      if ((src && changed.has(src)) || f.problems.some((p) => p.field.startsWith("image"))) await this.readFile(rel, true);
    }
  }

  private async reloadAll(initial: boolean, reuseParsed = false) {
    if (!initial && !(await this.folderReadable())) return;
    const problems: ContentProblem[] = [];
    const config = await readSiteAndSections(this.root);
    const media = await readMedia(this.root, problems, this.mediaCache);
    const stamps = `${this.mediaStamp}|${this.configStamp}`;
    this.config = config;
    this.media = media;
    this.mediaProblems = problems;
    [this.mediaStamp, this.configStamp] = await Promise.all([this.stampMedia(), this.stampConfig()]);
    await this.refreshSources();
    const listing = await this.listArticles();
    // A folder replaced by a copy (deploy tools keep modification times) costs a listing, not a
    // parse of every file: what is parsed serves as the cache while sections and media are the same.
    const reuse = reuseParsed && stamps === `${this.mediaStamp}|${this.configStamp}`;
    const cached = initial ? ((await this.loadCache()) ?? this.options.preparsed) : reuse ? this.parsedRecords() : undefined;
    for (const rel of this.files.keys()) if (!listing.has(rel)) this.files.delete(rel);
    const toRead: string[] = [];
    for (const [rel, stamp] of listing) {
      const hit = cached?.get(rel);
      if (hit && hit.stamp === stamp) {
        // The cache's strings are the record's own; the listing's are slices of long paths.
        this.keep(hit.article?.file === rel ? hit.article.file : detached(rel), hit.stamp, hit.problems, hit.article);
      } else {
        toRead.push(rel);
      }
    }
    // A few reads in flight at once, so that parsing one file overlaps the disk wait of the next.
    // The listing has just checked every symbolic link on the way to these files.
    for (let i = 0; i < toRead.length; i += READ_AHEAD) {
      await Promise.all(toRead.slice(i, i + READ_AHEAD).map((rel) => this.readFile(rel, true, true)));
    }
    const parsed = toRead.length;
    this.publish();
    if (parsed > 0 || (cached && cached.size !== listing.size)) this.unsaved = true;
    if (initial && this.unsaved) void this.save();
  }

  private async rescanNow(publishAnyway = false) {
    if (!(await this.folderReadable())) return;
    const [config, mediaStamp] = await Promise.all([this.stampConfig(), this.stampMedia()]);
    const [site, sections] = config.split("|");
    if (sections !== this.configStamp.split("|")[1]) return this.reloadAll(false);
    const mediaChanged = mediaStamp !== this.mediaStamp;
    if (site !== this.configStamp.split("|")[0]) {
      this.config = { ...(await readSiteAndSections(this.root)), sections: this.config.sections };
      this.configStamp = config;
      publishAnyway = true;
    }
    if (mediaChanged) await this.refreshMedia();
    if ((await this.stampSources()) !== this.sourcesStamp) {
      await this.refreshSources();
      publishAnyway = true;
    }
    const listing = await this.listArticles();
    let changed = false;
    for (const rel of this.files.keys()) {
      if (!listing.has(rel)) {
        this.files.delete(rel);
        changed = true;
      }
    }
    const stale = [...listing].filter(([rel, stamp]) => this.files.get(rel)?.stamp !== stamp).map(([rel]) => rel);
    if (stale.length > 0) changed = (await this.readInTurn(stale)) || changed;
    if (changed || publishAnyway || mediaChanged) this.publish();
    // The cache is refreshed at re-scan pace, not on every edit, since writing it costs a second
    // at 100,000 articles.
    if (this.unsaved) void this.save();
  }

  /** `<site.json stamp>|<sections.json stamp>` */
  private async stampConfig(): Promise<string> {
    const stamps = await Promise.all(["site.json", "sections.json"].map((f) => stampOf(path.join(/* turbopackIgnore: true */ this.root, f))));
    return stamps.join("|");
  }

  private stampSources(): Promise<string> {
    return stampOf(path.join(/* turbopackIgnore: true */ this.root, SOURCES_FILE));
  }

  /** Re-reads sources.json against the current sections; stamped first, so an edit meanwhile is seen by the next re-scan. */
  private async refreshSources() {
    this.sourcesStamp = await this.stampSources();
    const { sources, problems } = await readSources(this.root, this.config.sections);
    this.sources = sources;
    this.sourceProblems = problems;
  }

  private async stampMedia(): Promise<string> {
    const files = await readMediaListing(this.root);
    const stamps = await Promise.all(files.map(async (f) => `${f}:${await stampOf(path.join(/* turbopackIgnore: true */ this.root, f))}`));
    return createHash("sha1").update(stamps.join("|")).digest("hex");
  }

  /** Article files with their stamps; the listing's own problems (outside symlinks) are kept. */
  private async listArticles(): Promise<Map<string, string>> {
    const started = performance.now();
    const problems: ContentProblem[] = [];
    const found = await listArticleFiles(this.root, problems);
    this.listingProblems = problems;
    const out = new Map<string, string>();
    // Synchronous stats in slices: a third of the CPU of promise-based ones (100,000 files: 0.8 s
    // against 2.4 s here), and the event loop is never held for more than a few milliseconds.
    for (let i = 0; i < found.length; i += STAT_SLICE) {
      if (i > 0) await new Promise((r) => setImmediate(r));
      for (const full of found.slice(i, i + STAT_SLICE)) out.set(relativeTo(this.root, full), stampOfSync(full));
    }
    this.listingMs = performance.now() - started;
    return out;
  }

  /**
   * Re-reads one article; `fresh` ignores the last good version (config or media changed). Returns
   * whether anything changed.
   */
  private async readFile(rel: string, fresh = false, listed = false): Promise<boolean> {
    const full = path.join(/* turbopackIgnore: true */ this.root, ...rel.split("/"));
    if (!listed && !(await insideRoot(this.realRoot, full))) return this.files.delete(rel);
    const previous = this.files.get(rel);
    const source = await readArticleFile(this.root, rel);
    if (!("text" in source) && (await stampOf(full)) === "missing") return this.files.delete(rel);
    const stamp = "text" in source ? source.stamp! : `unreadable:${Date.now()}`;
    const sectionBySlug = new Map(this.config.sections.map((s) => [s.slug, s]));
    const result = "text" in source ? buildArticle(source, sectionBySlug, this.media) : { problems: [source] };
    const keep = !result.article && !fresh && previous?.article ? previous.article : result.article;
    this.keep(previous?.path ?? detached(rel), detached(stamp), result.problems, keep);
    this.unsaved = true;
    return true;
  }

  /**
   * Reads changed files a few at a time; a long run (thousands of files copied in) is published
   * every second as it goes, so readers see the first of them while the rest are read.
   */
  private async readInTurn(rels: string[]): Promise<boolean> {
    let changed = false;
    let published = performance.now();
    for (let i = 0; i < rels.length; i += READ_AHEAD) {
      const read = await Promise.all(rels.slice(i, i + READ_AHEAD).map((rel) => this.readFile(rel)));
      changed = read.some(Boolean) || changed;
      if (performance.now() - published >= this.options.publishEveryMs) {
        this.publish();
        published = performance.now();
      }
    }
    return changed;
  }

  /**
   * Whether the content folder is there to be read. While it is missing (removed, or renamed away
   * before its replacement is renamed in) or has lost its articles/ folder, what was read last is
   * served: an empty site for the length of a deploy would answer 404 to every reader.
   */
  private async folderReadable(): Promise<boolean> {
    if ((await folderId(this.root)) === "missing") return false;
    if (this.files.size > 0 && (await folderId(path.join(/* turbopackIgnore: true */ this.root, "articles"))) === "missing") {
      this.options.log(`${this.root}: articles: folder is missing; serving the last content read until it is back`);
      return false;
    }
    return true;
  }

  /** The records parsed so far, as a cache keyed by path. */
  private parsedRecords(): Map<string, CachedRecord> {
    const out = new Map<string, CachedRecord>();
    for (const [rel, f] of this.files) out.set(rel, { stamp: f.stamp, problems: f.problems, ...(f.article ? { article: f.article } : {}) });
    return out;
  }

  /**
   * Records one file's state in its compact form: the path is the map's key, the record's path and
   * the article's file at once, and the stamp is shared the same way. Both must be strings of their
   * own, not slices of a listing (see `detached`): callers pass the known record's path, or a copy.
   */
  private keep(rel: string, stamp: string, problems: ContentProblem[], article: Article | undefined) {
    // An article kept from before (its new version is broken) is already compact.
    const kept = article && article !== this.files.get(rel)?.article ? compactArticle(article, this.pool, rel, article.stamp === stamp ? stamp : article.stamp) : article;
    this.files.set(rel, { path: rel, stamp, problems: problems.length === 0 ? NONE : problems, ...(kept ? { article: kept } : {}) });
  }

  private publish() {
    const problems = [...this.config.problems, ...this.sourceProblems, ...this.mediaProblems, ...this.listingProblems, ...this.bodies.problems()];
    for (const f of this.files.values()) problems.push(...f.problems);
    this.current = assembleIndex(this.config.site, this.config.sections, this.media, this.files.values(), problems, this.sources);
    // Each problem is reported once while it lasts, not on every re-scan.
    const lines = new Set(this.current.problems.map(formatProblem));
    for (const line of lines) if (!this.reported.has(line)) this.options.log(line);
    this.reported = lines;
  }

  private cacheKey(): string {
    return indexCacheKey([this.options.cache?.salt ?? "", this.realRoot, this.configStamp, this.mediaStamp]);
  }

  private async loadCache(): Promise<Map<string, CachedRecord> | undefined> {
    if (!this.options.cache) return undefined;
    return readIndexCache(this.options.cache.file, this.cacheKey());
  }

  private save(): Promise<void> {
    if (!this.options.cache || this.saving) return this.saving ?? Promise.resolve();
    const file = this.options.cache.file;
    this.unsaved = false;
    const entries = [...this.files].map(([rel, f]): [string, CachedRecord] => [rel, { stamp: f.stamp, problems: f.problems, ...(f.article ? { article: f.article } : {}) }]);
    this.saving = writeIndexCache(file, this.cacheKey(), entries)
      .catch((err) => {
        this.unsaved = true;
        this.options.log(`cannot write the index cache ${file}: ${(err as Error).message}`);
      })
      .finally(() => (this.saving = undefined));
    return this.saving;
  }
}

/**
 * What a folder is, through symbolic links: its real path, device, inode and birth time; "missing"
 * when there is none. The inode alone is not enough: a folder removed frees its inode, and the
 * next one made (the replacement, often) gets it again.
 */
async function folderId(dir: string): Promise<string> {
  try {
    const [real, s] = await Promise.all([fs.realpath(dir), fs.stat(dir)]);
    return s.isDirectory() ? `${real}|${s.dev}:${s.ino}:${s.birthtimeMs}` : "missing";
  } catch {
    return "missing";
  }
}

/** The path inside the content folder, with forward slashes; a prefix cut for the files a walk found. */
function relativeTo(root: string, full: string): string {
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return toPosix(full.startsWith(prefix) ? full.slice(prefix.length) : path.relative(/* turbopackIgnore: true */ root, full));
}

function stampOfSync(full: string): string {
  try {
    const s = statSync(full, { throwIfNoEntry: false });
    return s ? `${s.mtimeMs}:${s.size}` : "missing";
  } catch {
    return "missing"; // unreadable now: the reader reports it
  }
}

async function stampOf(full: string): Promise<string> {
  try {
    const s = await fs.stat(full);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return "missing";
  }
}

/** Whether the file, symbolic links resolved, is inside the (already resolved) content folder. */
async function insideRoot(realRoot: string, full: string): Promise<boolean> {
  try {
    return (await fs.realpath(full)).startsWith(realRoot + path.sep);
  } catch {
    return true; // a missing file is dealt with by the reader
  }
}

async function readMediaListing(root: string): Promise<string[]> {
  const files = await walk(root, path.join(/* turbopackIgnore: true */ root, "media"), (n) => IMAGE_EXTENSIONS.has(path.extname(n).toLowerCase()), []);
  return files.map((f) => toPosix(path.relative(root, f))).sort();
}
