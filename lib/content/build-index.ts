import { parseFrontMatter } from "./front-matter";
import { countMarkdownWords, countWords, firstParagraphOf } from "./markdown";
import { markdownShapeProblem } from "./markdown-limits";
import { typesetText } from "./typography";
import type { Article, ContentIndex, ContentProblem, Section, SiteConfig, SourceInfo } from "./types";
import { validateArticle } from "./validate";

export interface SourceFile {
  /** Path inside the content folder, with forward slashes, e.g. `articles/politics/x.md`. */
  path: string;
  text: string;
  /** The file's modification stamp when it was read, kept on the article to find its body later. */
  stamp?: string;
}

export interface MediaInfo {
  width: number;
  height: number;
}

export interface IndexInput {
  site: SiteConfig;
  sections: Section[];
  files: SourceFile[];
  media: ReadonlyMap<string, MediaInfo>;
  /** The partners of sources.json (public fields); none when it is missing. */
  sources?: SourceInfo[];
  /** Problems found before this step (site.json, sections.json, sources.json, unreadable files). */
  problems?: ContentProblem[];
}

/**
 * Parses, validates and enhances one article file. Pure: all I/O happened before. The body is not
 * rendered here: the index keeps only what lists and metadata need, and `getArticleBody` renders a
 * body when a page or feed asks for it.
 */
export function buildArticle(
  file: SourceFile,
  sections: ReadonlyMap<string, Section>,
  media: ReadonlyMap<string, MediaInfo>,
): { article?: Article; problems: ContentProblem[]; body?: string } {
  if (file.text.includes("\u0000")) {
    return { problems: [{ file: file.path, field: "file", message: "is not a text file (contains NUL bytes)" }] };
  }
  const fm = parseFrontMatter(file.text);
  if (!fm.ok) return { problems: [{ file: file.path, field: fm.field, message: fm.message }] };

  const v = validateArticle(fm.data, { file: file.path, sections, mediaExists: (src) => media.has(src) });
  if (!v.ok) return { problems: v.problems };
  const f = v.fields;

  // Enhance: the title and the lead are typeset here, the body as it is rendered (markdown.ts).
  // Slugs, tags and names stay exactly as written.
  const bodyLead = f.lead === undefined ? firstParagraphOf(fm.body) : undefined;
  const lead = typesetText(f.lead ?? bodyLead ?? "");
  const section = sections.get(f.section)!;

  let image: Article["image"];
  if (f.image) {
    const local = !/^https:/i.test(f.image.src);
    const size = local ? media.get(f.image.src) : undefined;
    image = {
      src: local ? `/${f.image.src}` : f.image.src,
      alt: f.image.alt,
      ...(f.image.credit ? { credit: f.image.credit } : {}),
      ...(size ? { width: size.width, height: size.height } : {}),
    };
  }

  const article: Article = {
    slug: f.slug,
    file: file.path,
    title: typesetText(f.title),
    date: f.date,
    dateMs: f.dateMs,
    ...(f.updated ? { updated: f.updated } : {}),
    section: f.section,
    rubric: f.rubric ?? section.name,
    lead,
    tags: f.tags,
    ...(f.source ? { source: f.source } : {}),
    also: f.also,
    ...(image ? { image } : {}),
    top: f.top,
    ...(f.urgent ? { urgent: true as const } : {}),
    draft: f.draft,
    aliases: f.aliases,
    leadFromBody: bodyLead !== undefined,
    wordCount: (bodyLead === undefined ? countWords(lead) : 0) + countMarkdownWords(fm.body),
    ...(file.stamp ? { stamp: file.stamp } : {}),
  };
  // A body outside the shape bounds is never parsed: the article is published with its title and
  // lead, and the problem is listed so that content:check and the log name it.
  const shape = markdownShapeProblem(fm.body);
  const problems: ContentProblem[] = [...v.problems];
  if (shape) problems.push({ file: file.path, field: "body", message: `${shape}; the page shows the lead only` });
  // The body's Markdown goes to the search index's terms (lib/store/search-text.ts), not into the article.
  return { article, problems, body: fm.body };
}

/** Newest first; equal times fall back to the slug so the order never depends on file order. */
export function compareNewestFirst(a: Article, b: Article): number {
  return b.dateMs - a.dateMs || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/** One article file after parsing: its article when valid, and what was wrong with it. */
export interface ArticleRecord {
  path: string;
  article?: Article;
}

/**
 * Turns per-file results into the index: refuses duplicate slugs (the path that sorts first wins)
 * and sorts newest first. Cheap enough to run after every change.
 */
export function assembleIndex(
  site: SiteConfig,
  sections: Section[],
  media: ReadonlyMap<string, MediaInfo>,
  records: Iterable<ArticleRecord>,
  problems: ContentProblem[],
  sources: SourceInfo[] = [],
): ContentIndex {
  const sectionBySlug = new Map(sections.map((s) => [s.slug, s]));
  const bySlug = new Map<string, Article>();
  const all = [...problems];
  // Sorted paths make "which of two duplicates wins" the same on every machine.
  const sorted = [...records].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const { path, article } of sorted) {
    if (!article) continue;
    const existing = bySlug.get(article.slug);
    if (existing) {
      all.push({ file: path, field: "slug", message: `"${article.slug}" is already used by ${existing.file}` });
      continue;
    }
    bySlug.set(article.slug, article);
  }
  const articles = [...bySlug.values()].sort(compareNewestFirst);
  // An alias never shadows a live slug: the article that has the name keeps it.
  const byAlias = new Map<string, Article>();
  for (const a of articles) {
    for (const alias of a.aliases) {
      const owner = bySlug.get(alias) ?? byAlias.get(alias);
      if (owner) all.push({ file: a.file, field: "aliases", message: `"${alias}" is already used by ${owner.file}` });
      else byAlias.set(alias, a);
    }
  }
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  return { site, sections, sectionBySlug, articles, bySlug, byAlias, media, sources, sourceById, problems: all };
}

export function buildIndex(input: IndexInput): ContentIndex {
  const sectionBySlug = new Map(input.sections.map((s) => [s.slug, s]));
  const problems: ContentProblem[] = [...(input.problems ?? [])];
  const files = [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const records: ArticleRecord[] = files.map((file) => {
    const { article, problems: p } = buildArticle(file, sectionBySlug, input.media);
    problems.push(...p);
    return { path: file.path, ...(article ? { article } : {}) };
  });
  return assembleIndex(input.site, input.sections, input.media, records, problems, input.sources);
}
