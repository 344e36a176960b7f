import { statSync } from "node:fs";
import path from "node:path";
import type { ArticleText } from "@/lib/store/files";
import { BodyCache, bodyKey, readArticleBody, renderArticleText, type BodyResult } from "./body";
import { RenderPool } from "./render-pool";
import { formatProblem, type Article, type ArticleBody, type ContentProblem } from "./types";

export interface BodiesOptions {
  /** Where bodies are rendered (default: a pool of its own, started on first use). */
  pool?: RenderPool;
  /** Where a file whose body cannot be read now is reported, once until it is fixed. */
  log?: (line: string) => void;
  /**
   * Where an article file's text comes from when not from `root` on this machine: app instances of
   * a PostgreSQL site read it from the database (lib/store/files.ts).
   */
  text?: (file: string) => Promise<ArticleText>;
  /** How many characters of rendered bodies to keep in memory. */
  bodyCacheChars?: number;
  /**
   * Told of each new `body: …` problem (see problems()); by default it is logged, once while it
   * lasts. A caller that logs the problems it lists itself passes its own.
   */
  onProblem?: (problem: ContentProblem) => void;
}

/** Bodies that could not be rendered, remembered by file and stamp so that each costs its budget once. */
const FAILED_BODIES = 1000;
/**
 * The last good body of each file, kept (in a share of the cache's budget) for a file later caught
 * mid-save: the store keeps the file's last good article, whose body is no longer in the file.
 */
const LAST_GOOD_SHARE = 4;

const EMPTY_BODY: ArticleBody = Object.freeze({ html: "", text: "" });

/**
 * The rendered bodies of a process's readers. The index (lib/store) holds what lists and metadata
 * need; a body is rendered from its file on first use, in the render pool, and kept in a cache
 * bounded by length, so memory does not grow with the size of the archive's text. Readers see no
 * file events: the first reader of a new or changed story renders it (concurrent readers wait for
 * that one render).
 */
export class Bodies {
  private readonly bodies: BodyCache;
  private readonly rendering = new Map<string, Promise<ArticleBody>>();
  /** By file: served when the file cannot be read as an article now and its rendered body is gone from the cache. */
  private readonly lastGood: BodyCache;
  /** Files reported as unreadable, so that each is logged once until it renders again. */
  private readonly brokenBodies = new Set<string>();
  /** Render failures by body key (file and stamp): a hostile body costs its time budget once. */
  private readonly failedBodies = new Map<string, string>();
  /** `body: …` problems found while rendering, by file, with the stamp they were found at. */
  private readonly bodyProblems = new Map<string, { stamp: string; problem: ContentProblem }>();
  private readonly log: (line: string) => void;
  private ownPool?: RenderPool;

  constructor(
    readonly root: string,
    private readonly options: BodiesOptions = {},
  ) {
    const chars = options.bodyCacheChars ?? 32 * 1024 * 1024;
    this.bodies = new BodyCache(chars);
    this.lastGood = new BodyCache(Math.floor(chars / LAST_GOOD_SHARE));
    this.log = options.log ?? ((line) => console.error(`[content] ${line}`));
  }

  /**
   * The article's rendered body. Read from its file on first use and cached; when the file has
   * been caught mid-save, the last good body seen by this process is served instead.
   */
  body(article: Article): Promise<ArticleBody> {
    const key = bodyKey(article);
    const hit = this.bodies.get(key);
    if (hit) return Promise.resolve(hit);
    if (this.failedBodies.has(key)) return Promise.resolve(this.lastGood.get(article.file) ?? EMPTY_BODY);
    // Under load many readers ask for the same new article at once; it is rendered once.
    let pending = this.rendering.get(key);
    if (!pending) {
      pending = this.renderFromFile(article, key).finally(() => this.rendering.delete(key));
      this.rendering.set(key, pending);
    }
    return pending;
  }

  /** The body already rendered for this version of the article, if it is in the cache. */
  cached(article: Article): ArticleBody | undefined {
    return this.bodies.get(bodyKey(article));
  }

  /**
   * The `body: …` problems found while rendering (a body over its time budget, a parser failure),
   * by file, for as long as the file is the one they were found in.
   */
  problems(): ContentProblem[] {
    const out: ContentProblem[] = [];
    for (const [file, { stamp, problem }] of this.bodyProblems) {
      // Without a folder here, a problem lasts until the file's next version renders.
      if (this.options.text) {
        out.push(problem);
        continue;
      }
      // A handful of files at most: a stat each is cheaper than being told about every change.
      if (stampOfSync(path.join(/* turbopackIgnore: true */ this.root, ...file.split("/"))) !== stamp) this.bodyProblems.delete(file);
      else out.push(problem);
    }
    return out;
  }

  /** How many rendered bodies are kept for readers (for tests and diagnostics). */
  get cachedBodies(): number {
    return this.bodies.count;
  }

  /** The workers that render bodies: the caller's, or this one's own, started on first use. */
  get renderer(): RenderPool {
    return this.options.pool ?? (this.ownPool ??= new RenderPool());
  }

  close(): void {
    void this.ownPool?.close();
    this.ownPool = undefined;
  }

  private async renderFromFile(article: Article, key: string): Promise<ArticleBody> {
    const result = await this.read(article);
    if ("body" in result) {
      this.bodies.set(key, result.body);
      this.lastGood.set(article.file, result.body);
      this.brokenBodies.delete(article.file);
      if (this.options.text) this.bodyProblems.delete(article.file);
      return result.body;
    }
    if (!result.transient) this.bodyFailed(article, key, result.problem, !result.shape);
    else if (!this.brokenBodies.has(article.file)) {
      this.brokenBodies.add(article.file);
      this.log(`${article.file}: body: cannot be read now (${result.problem}); the page shows the lead until the file is fixed`);
    }
    return this.lastGood.get(article.file) ?? EMPTY_BODY;
  }

  private async read(article: Article): Promise<BodyResult> {
    if (!this.options.text) return readArticleBody(this.root, article, this.renderer);
    const read = await this.options.text(article.file);
    if ("problem" in read) return { problem: read.problem, transient: true };
    return renderArticleText(read.text, article, this.renderer, read.stamp);
  }

  /**
   * A body that cannot be rendered (outside the shape bounds, over its time budget, or the parser
   * failed) is remembered with its stamp, so that it is not tried again until the file changes, and
   * is listed among the content problems as `<file>: body: …`.
   */
  private bodyFailed(article: Article, key: string, message: string, list: boolean) {
    this.failedBodies.set(key, message);
    if (this.failedBodies.size > FAILED_BODIES) this.failedBodies.delete(this.failedBodies.keys().next().value!);
    // A body refused for its shape is listed by the index already.
    if (!list) return;
    const file = article.file;
    const problem: ContentProblem = { file, field: "body", message: `${message}; the page shows the lead only` };
    this.bodyProblems.set(file, { stamp: article.stamp ?? "", problem });
    if (this.options.onProblem) this.options.onProblem(problem);
    else this.log(formatProblem(problem));
  }
}

function stampOfSync(full: string): string {
  try {
    const s = statSync(full, { throwIfNoEntry: false });
    return s ? `${s.mtimeMs}:${s.size}` : "missing";
  } catch {
    return "missing";
  }
}
