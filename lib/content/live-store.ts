import { watch, type FSWatcher, promises as fs } from "node:fs";
import path from "node:path";
import { assembleIndex, buildArticle, type ArticleRecord, type MediaInfo } from "./build-index";
import { listArticleFiles, MEDIA_EXTENSIONS, readArticleFile, readMedia, readSiteAndSections, toPosix, walk, type SiteAndSections } from "./load";
import { formatProblem, type ContentIndex, type ContentProblem } from "./types";

interface FileState extends ArticleRecord {
  /** mtime and size when last read, to notice changes on a re-scan. */
  stamp: string;
  problems: ContentProblem[];
}

export interface LiveContentOptions {
  /** How often the whole folder is compared with what is loaded, in case file events are lost. */
  rescanMs?: number;
  /** How long to wait for more file events before applying a batch. */
  debounceMs?: number;
  /** Where each new problem is reported once. */
  log?: (line: string) => void;
  watch?: boolean;
}

const CONFIG_FILES = new Set(["site.json", "sections.json"]);

/**
 * The content folder, kept in memory and up to date. File events re-read only the files they name;
 * a periodic re-scan compares modification times as a safety net. An article that turns invalid
 * (say, caught half-saved) keeps its last good version until it is fixed or deleted.
 */
export class LiveContent {
  private config!: SiteAndSections;
  private media: Map<string, MediaInfo> = new Map();
  private mediaStamp = "";
  private mediaProblems: ContentProblem[] = [];
  private listingProblems: ContentProblem[] = [];
  private configStamp = "";
  private files = new Map<string, FileState>();
  private current!: ContentIndex;
  private reported = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private pending = new Set<string>();
  private debounce?: NodeJS.Timeout;
  private timer?: NodeJS.Timeout;
  private watcher?: FSWatcher;

  private constructor(
    readonly root: string,
    private readonly options: Required<LiveContentOptions>,
  ) {}

  static async open(root: string, options: LiveContentOptions = {}): Promise<LiveContent> {
    const live = new LiveContent(root, {
      rescanMs: options.rescanMs ?? 5000,
      debounceMs: options.debounceMs ?? 100,
      log: options.log ?? ((line) => console.error(`[content] ${line}`)),
      watch: options.watch ?? true,
    });
    await live.reloadAll();
    if (live.options.watch) live.startWatching();
    return live;
  }

  get index(): ContentIndex {
    return this.current;
  }

  /** Re-reads the named files (paths inside the content folder), or everything when none are named. */
  refresh(paths?: string[]): Promise<ContentIndex> {
    return this.enqueue(() => (paths && paths.length > 0 ? this.applyChanges(new Set(paths)) : this.reloadAll()));
  }

  /** Compares the folder with what is loaded and re-reads what changed. */
  rescan(): Promise<ContentIndex> {
    return this.enqueue(() => this.rescanNow());
  }

  close(): void {
    this.watcher?.close();
    if (this.timer) clearInterval(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
  }

  private enqueue(job: () => Promise<void>): Promise<ContentIndex> {
    const run = this.queue.then(job, job);
    // A failed job must not stop later ones; it is logged and the last good index stays.
    this.queue = run.catch((err) => this.options.log(`refresh failed: ${(err as Error).message}`));
    return run.then(() => this.current);
  }

  private startWatching() {
    try {
      this.watcher = watch(this.root, { recursive: true }, (_event, name) => {
        if (!name) return;
        this.pending.add(toPosix(name.toString()));
        if (this.debounce) clearTimeout(this.debounce);
        this.debounce = setTimeout(() => {
          const batch = new Set(this.pending);
          this.pending.clear();
          void this.enqueue(() => this.applyChanges(batch));
        }, this.options.debounceMs);
      });
      // Watching must not keep a build or a test process alive.
      this.watcher.unref();
      this.watcher.on("error", (err) => this.options.log(`file watching stopped (${err.message}); re-scans continue`));
    } catch (err) {
      this.options.log(`cannot watch ${this.root} (${(err as Error).message}); relying on re-scans`);
    }
    this.timer = setInterval(() => void this.rescan(), this.options.rescanMs);
    this.timer.unref();
  }

  private async applyChanges(paths: Set<string>) {
    const needsFull = [...paths].some((p) => CONFIG_FILES.has(p) || p === "media" || p.startsWith("media/"));
    if (needsFull) return this.reloadAll();
    const articles = [...paths].filter((p) => p.startsWith("articles/") && p.toLowerCase().endsWith(".md"));
    // A renamed or removed folder reports only its own name: compare the whole listing then.
    if (articles.length !== [...paths].filter((p) => p.startsWith("articles")).length) return this.rescanNow();
    for (const rel of articles) await this.readFile(rel);
    this.publish();
  }

  private async reloadAll() {
    const problems: ContentProblem[] = [];
    const config = await readSiteAndSections(this.root);
    const media = await readMedia(this.root, problems);
    this.config = config;
    this.media = media;
    this.mediaProblems = problems;
    [this.mediaStamp, this.configStamp] = await Promise.all([this.stampMedia(), this.stampConfig()]);
    const listing = await this.listArticles();
    for (const rel of this.files.keys()) if (!listing.has(rel)) this.files.delete(rel);
    for (const rel of listing.keys()) await this.readFile(rel, true);
    this.publish();
  }

  private async rescanNow() {
    const [config, mediaStamp] = await Promise.all([this.stampConfig(), this.stampMedia()]);
    if (config !== this.configStamp || mediaStamp !== this.mediaStamp) return this.reloadAll();
    const listing = await this.listArticles();
    let changed = false;
    for (const rel of this.files.keys()) {
      if (!listing.has(rel)) {
        this.files.delete(rel);
        changed = true;
      }
    }
    for (const [rel, stamp] of listing) {
      if (this.files.get(rel)?.stamp !== stamp) {
        await this.readFile(rel);
        changed = true;
      }
    }
    if (changed) this.publish();
  }

  private async stampConfig(): Promise<string> {
    const stamps = await Promise.all([...CONFIG_FILES].map((f) => stampOf(path.join(this.root, f))));
    return stamps.join("|");
  }

  private async stampMedia(): Promise<string> {
    const files = await readMediaListing(this.root);
    const stamps = await Promise.all(files.map(async (f) => `${f}:${await stampOf(path.join(this.root, f))}`));
    return stamps.join("|");
  }

  /** Article files with their stamps; the listing's own problems (outside symlinks) are kept. */
  private async listArticles(): Promise<Map<string, string>> {
    const problems: ContentProblem[] = [];
    const found = await listArticleFiles(this.root, problems);
    this.listingProblems = problems;
    const out = new Map<string, string>();
    await Promise.all(
      found.map(async (full) => {
        out.set(toPosix(path.relative(this.root, full)), await stampOf(full));
      }),
    );
    return out;
  }

  /** Re-reads one article; `fresh` ignores the last good version (config or media changed). */
  private async readFile(rel: string, fresh = false) {
    const full = path.join(this.root, ...rel.split("/"));
    const stamp = await stampOf(full);
    if (stamp === "missing" || !(await insideRoot(this.root, full))) {
      this.files.delete(rel);
      return;
    }
    const previous = this.files.get(rel);
    const source = await readArticleFile(this.root, rel);
    const sectionBySlug = new Map(this.config.sections.map((s) => [s.slug, s]));
    const result = "text" in source ? buildArticle(source, sectionBySlug, this.media) : { problems: [source] };
    const keep = !result.article && !fresh && previous?.article ? previous.article : result.article;
    this.files.set(rel, { path: rel, stamp, problems: result.problems, ...(keep ? { article: keep } : {}) });
  }

  private publish() {
    const problems = [...this.config.problems, ...this.mediaProblems, ...this.listingProblems];
    for (const f of this.files.values()) problems.push(...f.problems);
    this.current = assembleIndex(this.config.site, this.config.sections, this.media, this.files.values(), problems);
    // Each problem is reported once while it lasts, not on every re-scan.
    const lines = new Set(this.current.problems.map(formatProblem));
    for (const line of lines) if (!this.reported.has(line)) this.options.log(line);
    this.reported = lines;
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

async function insideRoot(root: string, full: string): Promise<boolean> {
  try {
    const [realRoot, real] = await Promise.all([fs.realpath(root), fs.realpath(full)]);
    return real.startsWith(realRoot + path.sep);
  } catch {
    return false;
  }
}

async function readMediaListing(root: string): Promise<string[]> {
  const files = await walk(root, path.join(root, "media"), (n) => MEDIA_EXTENSIONS.has(path.extname(n).toLowerCase()), []);
  return files.map((f) => toPosix(path.relative(root, f))).sort();
}
