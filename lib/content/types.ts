/** Data shapes shared by the content pipeline: files → validated records → index → pages. */

export interface SiteConfig {
  name: string;
  description: string;
  edition: { name: string; genitive: string };
  timeZone: string;
  /** What the footer says about the newsroom (site.json `editorial`); each field optional. */
  editorial?: Editorial;
  /** Hours an `urgent: true` article shows its «Срочно» banner on every page (DEFAULT_URGENT_HOURS when absent). */
  urgentHours?: number;
}

/** The editorial details a Belarusian or Russian news site shows at the foot of every page. */
export interface Editorial {
  /** «Редакция» line: the newsroom or publisher. */
  name?: string;
  /** «Главный редактор». */
  editor?: string;
  address?: string;
  email?: string;
  phone?: string;
  /** Registration as a mass medium, as the certificate words it. */
  registration?: string;
  /** The age mark: «0+», «6+», «12+», «16+» or «18+». */
  ageMark?: string;
}

export interface Section {
  slug: string;
  name: string;
  genitive: string;
}

export interface ArticleImage {
  /** URL the page uses: `/media/...` for files in the content folder, or an https URL. */
  src: string;
  alt: string;
  credit?: string;
  /** Intrinsic size; known for local media, absent for remote images. */
  width?: number;
  height?: number;
}

export interface ArticleSource {
  /** The partner's id in sources.json, when the story came from a partner feed: links to /source/<id>. */
  id?: string;
  name: string;
  url?: string;
}

/** Another partner that reported the same story (front matter `also`): always with its original's URL. */
export type AlsoReported = ArticleSource & { url: string };

/** The public face of a partner in sources.json, what pages need: never the feed's address. */
export interface SourceInfo {
  id: string;
  name: string;
}

export interface Article {
  slug: string;
  /** Path of the source file inside the content folder, for error messages. */
  file: string;
  title: string;
  /** Publication time as written in the file (ISO 8601 with offset). */
  date: string;
  /** Publication time in epoch milliseconds, for sorting and publish checks. */
  dateMs: number;
  updated?: string;
  section: string;
  rubric: string;
  lead: string;
  tags: string[];
  source?: ArticleSource;
  /** Other partners that reported the same story, in the file's order (empty when none). */
  also: AlsoReported[];
  image?: ArticleImage;
  top: boolean;
  /** «Срочно»: a banner on every page while the story is fresh (site.json urgentHours); only present when true. */
  urgent?: true;
  draft: boolean;
  /** Old slugs that redirect here permanently. */
  aliases: string[];
  /** Words in the lead and the body, for reading time. */
  wordCount: number;
  /** The lead is the body's first paragraph, which the rendered body then leaves out. */
  leadFromBody: boolean;
  /** Modification stamp of the file the article was read from, when read from disk. */
  stamp?: string;
}

/** An article's body, rendered on demand (`getArticleBody`); the index does not hold bodies. */
export interface ArticleBody {
  /** Sanitised HTML (without the first paragraph when that paragraph is the lead). */
  html: string;
  /** The same body as plain text. */
  text: string;
}

/** One problem with one content file, reported as `<file>: <field>: <message>`. */
export interface ContentProblem {
  file: string;
  field: string;
  message: string;
}

export interface ContentIndex {
  site: SiteConfig;
  sections: Section[];
  sectionBySlug: ReadonlyMap<string, Section>;
  /** Every valid article (drafts and scheduled included), newest first. */
  articles: Article[];
  bySlug: ReadonlyMap<string, Article>;
  /** Old slug → the article it now belongs to. */
  byAlias: ReadonlyMap<string, Article>;
  /** Image files under media/, keyed by their path inside the content folder (`media/a.jpg`). */
  media: ReadonlyMap<string, { width: number; height: number }>;
  /** The partners of sources.json, in its order (public fields only; none when it is missing). */
  sources: SourceInfo[];
  sourceById: ReadonlyMap<string, SourceInfo>;
  problems: ContentProblem[];
}

export function formatProblem(p: ContentProblem): string {
  return `${p.file}: ${p.field}: ${p.message}`;
}
