import { isPublished } from "@/lib/content/queries";
import type { Article, ContentIndex } from "@/lib/content/types";
import { Postings } from "./postings";
import { recencyBoost } from "./ranking";
import { tokenize, wordTerms, type ParsedQuery } from "./text";

/*
 * Full-text search over the live content index.
 *
 * Words become terms in ./text (Russian stems); ./postings holds them compactly and ranks matches
 * by BM25+ per field with field boosts, times a per-document boost for recency. Updates are in
 * place, per document, which is what a live archive needs. MiniSearch, used before, cost about
 * 100 bytes per (term, document) and doubled the resident memory of a 100,000-article server;
 * FlexSearch's scoring is not term-frequency based, and Orama keeps a copy of every document.
 */

/** The indexed fields, in this order: title, lead, tags, body. */
type Fields = [title: string, lead: string, tags: string, body: string];
/** A word in the title says more about the story than the same word deep in the body. */
const FIELD_BOOST = [3, 1.5, 2.5, 1];

/** A field's text as index terms, in order. */
function termsOf(text: string): string[] {
  return tokenize(text).flatMap((t) => wordTerms(t.word));
}

export interface SearchIndexOptions {
  /** The current content index; asked again before each search. */
  source: () => ContentIndex | Promise<ContentIndex>;
  /**
   * An article's body as plain text, at least its first `maxWords` words when a limit is given
   * (`getArticleBodyText`); what is past the limit is cut here.
   */
  body: (article: Article, maxWords: number | undefined) => Promise<string>;
  /**
   * Only the first this many words of a body are indexed (memory), or a function of the number of
   * articles giving it (see bodyWordLimit); undefined: all of it.
   */
  maxBodyWords?: number | ((articles: number) => number);
  /** Articles indexed between two yields to the event loop. */
  chunkSize?: number;
  /** How long a search waits for the index to catch up before it searches what is indexed so far. */
  waitMs?: number;
  log?: (line: string) => void;
}

export interface SearchHit {
  slug: string;
  score: number;
}

export interface SearchOutcome {
  /** Published matches, best first. */
  hits: SearchHit[];
  /** Every term of the query, for highlighting the words that matched. */
  terms: ReadonlySet<string>;
  /** False while the first build is still running and only part of the archive was searched. */
  complete: boolean;
}

interface Indexed {
  article: Article;
  /** Hash of what was indexed, so an unchanged article re-read from disk is not indexed again. */
  hash: number;
}

/** FNV-1a, 32 bits: enough to tell whether an article's text changed. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * How many words of each body to index so that all bodies together stay within `budget` words:
 * a small site gets its bodies indexed (nearly) whole, a large archive their openings, which in
 * news carry the facts. Postings, not documents, are what the index's memory is made of.
 */
export function bodyWordLimit(articles: number, budget: number, { min = 20, max = 500 } = {}): number {
  return Math.min(max, Math.max(min, Math.floor(budget / Math.max(1, articles))));
}

/** The first `max` words of a text (the rest of the text is not indexed). */
export function firstWords(text: string, max: number | undefined): string {
  if (max === undefined) return text;
  if (max <= 0) return "";
  const tokens = tokenize(text);
  return tokens.length <= max ? text : text.slice(0, tokens[max - 1]!.end);
}

export class SearchIndex {
  // Words and terms come from ./text, which also reads the query, so both sides agree.
  private postings = new Postings(FIELD_BOOST.length);
  private indexed = new Map<string, Indexed>();
  private synced?: ContentIndex;
  private running?: Promise<void>;
  private built = false;
  /** Words of each body indexed in the current pass. */
  private bodyWords?: number;
  private readonly chunkSize: number;
  private readonly waitMs: number;
  private readonly log: (line: string) => void;

  constructor(private readonly options: SearchIndexOptions) {
    this.chunkSize = options.chunkSize ?? 50;
    this.waitMs = options.waitMs ?? 5_000;
    this.log = options.log ?? ((line) => console.error(`[search] ${line}`));
  }

  /** Number of articles in the search index (published or scheduled; drafts are never indexed). */
  get size(): number {
    return this.indexed.size;
  }

  /** Distinct terms in the index. */
  get termCount(): number {
    return this.postings.termCount;
  }

  /**
   * Brings the index up to the current content index: only articles that are new, changed or
   * gone are touched. One run at a time; a search that arrives meanwhile waits for it.
   */
  catchUp(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Published articles matching every word of the query (in any of its forms), best first. */
  async search(query: ParsedQuery, now: number): Promise<SearchOutcome> {
    const terms = new Set(query.words.flat());
    const complete = await this.settle();
    if (query.words.length === 0) return { hits: [], terms, complete };
    const results = this.postings.search(query.words, {
      boost: FIELD_BOOST,
      docBoost: (slug) => {
        const entry = this.indexed.get(slug);
        return entry ? recencyBoost(entry.article.dateMs, now) : 0;
      },
      filter: (slug) => {
        const entry = this.indexed.get(slug);
        return entry !== undefined && isPublished(entry.article, now);
      },
    });
    const hits = results.map((r) => ({ slug: r.key, score: r.score, dateMs: this.indexed.get(r.key)!.article.dateMs }));
    // Equal scores (say, two stories matching only by tag) go newest first, the same on every run.
    hits.sort((a, b) => b.score - a.score || b.dateMs - a.dateMs || (a.slug < b.slug ? -1 : 1));
    // Repeated questions are answered from memory by the caller (./store.ts searchArticles).
    return { hits: hits.map(({ slug, score }) => ({ slug, score })), terms, complete };
  }

  /** Waits for the index to catch up, at most `waitMs` while the first build runs. */
  private async settle(): Promise<boolean> {
    const run = this.catchUp();
    if (this.built) {
      await run;
      return true;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.waitMs);
    });
    const done = await Promise.race([run.then(() => true), timeout]);
    clearTimeout(timer);
    return done;
  }

  private async run() {
    const started = performance.now();
    // Content may change while a pass runs (the pass yields); go again until nothing is left.
    for (;;) {
      let latest: ContentIndex | undefined;
      try {
        latest = await this.options.source();
        if (latest === this.synced) break;
        await this.apply(latest);
      } catch (err) {
        // Searches go on with what is indexed; the next content change starts a new pass.
        this.log(`index update failed: ${(err as Error).message}`);
        if (!latest) break;
      }
      this.synced = latest;
      if (!this.built) {
        // The lists grew in steps while building; most will not grow again.
        this.postings.trim();
        const { termCount, listBytes } = this.postings;
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        this.log(`indexed ${this.indexed.size} articles in ${seconds} s: ${termCount} terms, ${(listBytes / 1048576).toFixed(1)} MB of postings`);
      }
      this.built = true;
    }
  }

  private async apply(index: ContentIndex) {
    for (const slug of [...this.indexed.keys()]) {
      const current = index.bySlug.get(slug);
      if (!current || current.draft) {
        this.postings.remove(slug);
        this.indexed.delete(slug);
      }
    }
    const limit = this.options.maxBodyWords;
    this.bodyWords = typeof limit === "function" ? limit(index.articles.length) : limit;
    // Newest first: while the first build runs, searches already cover the latest news.
    const todo: Article[] = [];
    for (const a of index.articles) {
      if (a.draft) continue;
      const entry = this.indexed.get(a.slug);
      if (entry?.article === a) continue;
      // Re-read from an unchanged file (the store rebuilds articles when site.json or media
      // change): nothing to index, and no body to render.
      if (entry && a.stamp !== undefined && entry.article.stamp === a.stamp && entry.article.file === a.file) {
        entry.article = a;
        continue;
      }
      todo.push(a);
    }
    for (let i = 0; i < todo.length; i += this.chunkSize) {
      const chunk = todo.slice(i, i + this.chunkSize);
      const bodies = await Promise.all(chunk.map((a) => this.bodyText(a)));
      chunk.forEach((article, j) => this.put(article, bodies[j]!));
      await yieldToEventLoop();
    }
  }

  private async bodyText(article: Article): Promise<string> {
    try {
      return firstWords(await this.options.body(article, this.bodyWords), this.bodyWords);
    } catch (err) {
      this.log(`${article.file}: body not indexed: ${(err as Error).message}`);
      return "";
    }
  }

  private put(article: Article, body: string) {
    const fields: Fields = [article.title, article.lead, article.tags.join(" \n "), body];
    const hash = hashText(fields.join("\0"));
    const previous = this.indexed.get(article.slug);
    // Re-read but unchanged (the content store rebuilds every article when site.json or media change).
    if (previous && previous.hash === hash) {
      previous.article = article;
      return;
    }
    this.postings.add(article.slug, fields.map(termsOf));
    this.indexed.set(article.slug, { article, hash });
  }
}
