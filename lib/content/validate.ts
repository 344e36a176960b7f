import type { AlsoReported, ArticleSource, ContentProblem, Editorial, Section, SiteConfig } from "./types";

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 120;
/** Partners listed under «Также сообщают»: more would be a wall of links, not an attribution. */
export const MAX_ALSO = 20;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_EXAMPLE = "2024-03-04T12:40:00+03:00";

/** Front matter after validation, before enhancement (lead, body HTML, image size). */
export interface ValidArticleFields {
  slug: string;
  title: string;
  date: string;
  dateMs: number;
  updated?: string;
  section: string;
  rubric?: string;
  lead?: string;
  tags: string[];
  source?: ArticleSource;
  also: AlsoReported[];
  image?: { src: string; alt: string; credit?: string };
  top: boolean;
  urgent: boolean;
  draft: boolean;
  aliases: string[];
}

type Problems = Omit<ContentProblem, "file">[];

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A value as a problem message names it: `a list`, `string "x"`, `null`. */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "a mapping" : `${typeof v} ${JSON.stringify(v)}`;
}

function requiredString(data: Record<string, unknown>, field: string, problems: Problems, path = field) {
  const v = data[field];
  if (v === undefined || v === null) {
    problems.push({ field: path, message: "is required" });
    return undefined;
  }
  if (typeof v !== "string") {
    problems.push({ field: path, message: `must be a string, got ${describe(v)}` });
    return undefined;
  }
  if (v.trim() === "") {
    problems.push({ field: path, message: "must not be empty" });
    return undefined;
  }
  return v.trim();
}

/** An absent, null or blank optional field means "use the default". */
function optionalString(data: Record<string, unknown>, field: string, problems: Problems, path = field) {
  const v = data[field];
  if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) return undefined;
  return requiredString(data, field, problems, path);
}

function optionalBoolean(data: Record<string, unknown>, field: string, problems: Problems): boolean {
  const v = data[field];
  if (v === undefined || v === null) return false;
  if (typeof v !== "boolean") {
    problems.push({ field, message: `must be true or false, got ${describe(v)}` });
    return false;
  }
  return v;
}

/** Parses an ISO 8601 date-time that carries its own offset; a bare local time is ambiguous. */
export function parseDateTime(v: unknown): number | string {
  if (typeof v !== "string") return `must be an ISO 8601 date-time with an offset (e.g. ${DATE_EXAMPLE}), got ${describe(v)}`;
  if (!ISO_WITH_OFFSET.test(v.trim())) {
    return `must be an ISO 8601 date-time with an offset (e.g. ${DATE_EXAMPLE}), got ${JSON.stringify(v)}`;
  }
  const ms = Date.parse(v.trim());
  if (Number.isNaN(ms)) return `is not a real date-time: ${JSON.stringify(v)}`;
  return ms;
}

function isHttpUrl(v: string, httpsOnly: boolean): boolean {
  try {
    const u = new URL(v);
    return httpsOnly ? u.protocol === "https:" : u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
}

/** `media/<path>` inside the content folder: no parent segments, no absolute paths. */
export function isSafeMediaPath(src: string): boolean {
  if (!src.startsWith("media/")) return false;
  const parts = src.split("/");
  return parts.every((p) => p !== "" && p !== "." && p !== ".." && !p.includes("\\") && !p.includes("\0"));
}

export function slugFromFileName(file: string): string {
  const base = file.split("/").pop() ?? file;
  return base.replace(/\.md$/i, "");
}

export interface ArticleContext {
  file: string;
  sections: ReadonlyMap<string, Section>;
  mediaExists: (src: string) => boolean;
}

/** Checks one article's front matter against the content contract; reports every problem at once. */
export function validateArticle(
  data: Record<string, unknown>,
  ctx: ArticleContext,
): { ok: true; fields: ValidArticleFields; problems: ContentProblem[] } | { ok: false; problems: ContentProblem[] } {
  const problems: Problems = [];
  /** Problems that do not keep the article off the site (it is published, and they are listed). */
  const notices: Problems = [];

  const title = requiredString(data, "title", problems);

  let dateMs: number | undefined;
  let date: string | undefined;
  if (data.date === undefined || data.date === null) {
    problems.push({ field: "date", message: "is required" });
  } else {
    const parsed = parseDateTime(data.date);
    if (typeof parsed === "string") problems.push({ field: "date", message: parsed });
    else {
      dateMs = parsed;
      date = String(data.date).trim();
    }
  }

  let updated: string | undefined;
  if (data.updated !== undefined && data.updated !== null) {
    const parsed = parseDateTime(data.updated);
    if (typeof parsed === "string") problems.push({ field: "updated", message: parsed });
    else updated = String(data.updated).trim();
  }

  const section = requiredString(data, "section", problems);
  if (section !== undefined && !ctx.sections.has(section)) {
    const known = [...ctx.sections.keys()].join(", ");
    problems.push({ field: "section", message: `unknown section "${section}" (known: ${known || "none"})` });
  }

  let slug: string | undefined;
  if (data.slug !== undefined && data.slug !== null) {
    slug = requiredString(data, "slug", problems);
  } else {
    slug = slugFromFileName(ctx.file);
  }
  if (slug !== undefined) {
    if (slug.length > MAX_SLUG_LENGTH) {
      problems.push({ field: "slug", message: `is longer than ${MAX_SLUG_LENGTH} characters` });
    } else if (!SLUG_PATTERN.test(slug)) {
      const origin = data.slug === undefined ? "taken from the file name, " : "";
      problems.push({
        field: "slug",
        message: `"${slug}" (${origin}must be lowercase Latin letters and digits joined by single hyphens)`,
      });
    }
  }

  const rubric = optionalString(data, "rubric", problems);
  const lead = optionalString(data, "lead", problems);

  const tags: string[] = [];
  if (data.tags !== undefined && data.tags !== null) {
    if (!Array.isArray(data.tags)) {
      problems.push({ field: "tags", message: `must be a list of strings, got ${describe(data.tags)}` });
    } else {
      data.tags.forEach((t, i) => {
        if (typeof t !== "string" && typeof t !== "number") {
          problems.push({ field: `tags[${i}]`, message: `must be a string, got ${describe(t)}` });
        } else if (String(t).trim() !== "" && !tags.includes(String(t).trim())) {
          tags.push(String(t).trim());
        }
      });
    }
  }

  let source: ArticleSource | undefined;
  if (data.source !== undefined && data.source !== null) {
    if (!isRecord(data.source)) {
      problems.push({ field: "source", message: `must be a mapping with name and url, got ${describe(data.source)}` });
    } else {
      const name = requiredString(data.source, "name", problems, "source.name");
      const url = optionalString(data.source, "url", problems, "source.url");
      if (url !== undefined && !isHttpUrl(url, false)) {
        problems.push({ field: "source.url", message: `must be an absolute http(s) URL, got ${JSON.stringify(url)}` });
      }
      // The partner's id in sources.json; it becomes a URL (/source/<id>), so it is a slug.
      const id = optionalString(data.source, "id", problems, "source.id");
      if (id !== undefined && (!SLUG_PATTERN.test(id) || id.length > MAX_SLUG_LENGTH)) {
        problems.push({ field: "source.id", message: `"${id}" must be lowercase Latin letters and digits joined by single hyphens, at most ${MAX_SLUG_LENGTH} characters` });
      }
      if (name !== undefined) {
        source = { ...(id !== undefined ? { id } : {}), name, ...(url !== undefined && isHttpUrl(url, false) ? { url } : {}) };
      }
    }
  }

  const also = validateAlso(data.also, problems, notices);

  let image: ValidArticleFields["image"];
  if (data.image !== undefined && data.image !== null) {
    if (!isRecord(data.image)) {
      problems.push({ field: "image", message: `must be a mapping with src, alt and credit, got ${describe(data.image)}` });
    } else {
      const src = requiredString(data.image, "src", problems, "image.src");
      const alt = requiredString(data.image, "alt", problems, "image.alt");
      const credit = optionalString(data.image, "credit", problems, "image.credit");
      let srcOk = false;
      if (src !== undefined) {
        if (/^https:\/\//i.test(src)) {
          srcOk = isHttpUrl(src, true);
          if (!srcOk) problems.push({ field: "image.src", message: `is not a valid https URL: ${JSON.stringify(src)}` });
        } else if (!isSafeMediaPath(src)) {
          problems.push({
            field: "image.src",
            message: `must be media/<path> inside the content folder or an https URL, got ${JSON.stringify(src)}`,
          });
        } else if (!ctx.mediaExists(src)) {
          problems.push({ field: "image.src", message: `file not found: ${src}` });
        } else srcOk = true;
      }
      if (src !== undefined && alt !== undefined && srcOk) image = { src, alt, ...(credit ? { credit } : {}) };
    }
  }

  const top = optionalBoolean(data, "top", problems);
  const urgent = optionalBoolean(data, "urgent", problems);
  const draft = optionalBoolean(data, "draft", problems);

  const aliases: string[] = [];
  if (data.aliases !== undefined && data.aliases !== null) {
    if (!Array.isArray(data.aliases)) {
      problems.push({ field: "aliases", message: `must be a list of old slugs, got ${describe(data.aliases)}` });
    } else {
      data.aliases.forEach((a, i) => {
        if (typeof a !== "string" || !SLUG_PATTERN.test(a) || a.length > MAX_SLUG_LENGTH) {
          problems.push({ field: `aliases[${i}]`, message: `must be a slug (lowercase Latin letters and digits joined by single hyphens), got ${describe(a)}` });
        } else if (a !== slug && !aliases.includes(a)) aliases.push(a);
      });
    }
  }

  if (problems.length > 0 || !title || !date || dateMs === undefined || !section || !slug) {
    return { ok: false, problems: [...problems, ...notices].map((p) => ({ file: ctx.file, ...p })) };
  }
  return {
    ok: true,
    problems: notices.map((p) => ({ file: ctx.file, ...p })),
    fields: {
      slug,
      title,
      date,
      dateMs,
      ...(updated ? { updated } : {}),
      section,
      ...(rubric ? { rubric } : {}),
      ...(lead ? { lead } : {}),
      tags,
      ...(source ? { source } : {}),
      also,
      ...(image ? { image } : {}),
      top,
      urgent,
      draft,
      aliases,
    },
  };
}

/**
 * `also`: other partners that reported the same story, each `{name, url}` with the URL of its
 * original. A malformed entry is a broken file, as any ill-typed field is; a list longer than
 * MAX_ALSO is only trimmed (its first entries kept), since the story itself is sound.
 */
function validateAlso(value: unknown, problems: Problems, notices: Problems): AlsoReported[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ field: "also", message: `must be a list of {name, url}, got ${describe(value)}` });
    return [];
  }
  if (value.length > MAX_ALSO) {
    notices.push({ field: "also", message: `has ${value.length} entries; the first ${MAX_ALSO} are shown` });
  }
  const out: AlsoReported[] = [];
  value.slice(0, MAX_ALSO).forEach((entry, i) => {
    if (!isRecord(entry)) {
      problems.push({ field: `also[${i}]`, message: `must be a mapping with name and url, got ${describe(entry)}` });
      return;
    }
    const name = requiredString(entry, "name", problems, `also[${i}].name`);
    const url = requiredString(entry, "url", problems, `also[${i}].url`);
    if (url !== undefined && !isHttpUrl(url, false)) {
      problems.push({ field: `also[${i}].url`, message: `must be an absolute http(s) URL, got ${JSON.stringify(url)}` });
    } else if (name !== undefined && url !== undefined) out.push({ name, url });
  });
  return out;
}

/**
 * The newsroom's time zone when site.json names none: dates on pages, day headings, "today" and the
 * sitemap's months follow it. The one place it is written; the e2e browser uses it too.
 */
export const DEFAULT_TIME_ZONE = "Europe/Minsk";

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("ru-RU", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function validateSite(data: unknown, file = "site.json"): { site?: SiteConfig; problems: ContentProblem[] } {
  const problems: Problems = [];
  if (!isRecord(data)) {
    return { problems: [{ file, field: "(root)", message: `must be a JSON object, got ${describe(data)}` }] };
  }
  const name = requiredString(data, "name", problems);
  const description = optionalString(data, "description", problems) ?? "";
  let edition: SiteConfig["edition"] | undefined;
  if (!isRecord(data.edition)) {
    problems.push({ field: "edition", message: data.edition === undefined ? "is required" : `must be an object with name and genitive, got ${describe(data.edition)}` });
  } else {
    const en = requiredString(data.edition, "name", problems, "edition.name");
    const eg = requiredString(data.edition, "genitive", problems, "edition.genitive");
    if (en && eg) edition = { name: en, genitive: eg };
  }
  let timeZone = DEFAULT_TIME_ZONE;
  const tz = optionalString(data, "timeZone", problems);
  if (tz !== undefined) {
    if (isValidTimeZone(tz)) timeZone = tz;
    else problems.push({ field: "timeZone", message: `unknown IANA time zone ${JSON.stringify(tz)}` });
  }
  const editorial = validateEditorial(data.editorial, problems);
  let urgentHours: number | undefined;
  if (data.urgentHours !== undefined && data.urgentHours !== null) {
    const h = data.urgentHours;
    if (typeof h !== "number" || !Number.isFinite(h) || h <= 0 || h > MAX_URGENT_HOURS) {
      problems.push({ field: "urgentHours", message: `must be a number of hours above 0 and at most ${MAX_URGENT_HOURS}, got ${describe(h)}` });
    } else urgentHours = h;
  }
  const withFile = problems.map((p) => ({ file, ...p }));
  if (!name || !edition) return { problems: withFile };
  return {
    site: { name, description, edition, timeZone, ...(editorial ? { editorial } : {}), ...(urgentHours !== undefined ? { urgentHours } : {}) },
    problems: withFile,
  };
}

/** How long a «Срочно» banner shows when site.json does not say (hours). */
export const DEFAULT_URGENT_HOURS = 6;
/** A banner for longer than two days is not news any more. */
const MAX_URGENT_HOURS = 48;
const AGE_MARKS = ["0+", "6+", "12+", "16+", "18+"];
const EDITORIAL_FIELDS = ["name", "editor", "address", "email", "phone", "registration", "ageMark"] as const;

/**
 * site.json `editorial`: the footer's details (every field optional, unknown ones named). A bad
 * field is left out and named; the rest still shows.
 */
function validateEditorial(value: unknown, problems: Problems): Editorial | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) {
    problems.push({ field: "editorial", message: `must be an object (name, editor, address, email, phone, registration, ageMark), got ${describe(value)}` });
    return undefined;
  }
  const out: Editorial = {};
  for (const key of Object.keys(value))
    if (!(EDITORIAL_FIELDS as readonly string[]).includes(key)) problems.push({ field: `editorial.${key}`, message: `unknown field; known: ${EDITORIAL_FIELDS.join(", ")}` });
  for (const key of EDITORIAL_FIELDS) {
    const v = optionalString(value, key, problems, `editorial.${key}`);
    if (v === undefined) continue;
    if (key === "email" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) problems.push({ field: "editorial.email", message: `must be an e-mail address, got ${JSON.stringify(v)}` });
    else if (key === "phone" && !/^\+?[\d\s()-]{5,}$/.test(v)) problems.push({ field: "editorial.phone", message: `must be a phone number (digits, spaces, +, -, brackets), got ${JSON.stringify(v)}` });
    else if (key === "ageMark" && !AGE_MARKS.includes(v)) problems.push({ field: "editorial.ageMark", message: `must be one of ${AGE_MARKS.join(", ")}, got ${JSON.stringify(v)}` });
    else out[key] = v.trim();
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function validateSections(data: unknown, file = "sections.json"): { sections: Section[]; problems: ContentProblem[] } {
  if (!Array.isArray(data)) {
    return { sections: [], problems: [{ file, field: "(root)", message: `must be a JSON array of sections, got ${describe(data)}` }] };
  }
  const sections: Section[] = [];
  const problems: ContentProblem[] = [];
  data.forEach((entry, i) => {
    const local: Problems = [];
    if (!isRecord(entry)) {
      problems.push({ file, field: `[${i}]`, message: `must be an object with slug, name and genitive, got ${describe(entry)}` });
      return;
    }
    const slug = requiredString(entry, "slug", local, `[${i}].slug`);
    const name = requiredString(entry, "name", local, `[${i}].name`);
    const genitive = requiredString(entry, "genitive", local, `[${i}].genitive`);
    if (slug && !SLUG_PATTERN.test(slug)) local.push({ field: `[${i}].slug`, message: `"${slug}" must be lowercase Latin letters and digits joined by single hyphens` });
    if (slug && sections.some((s) => s.slug === slug)) local.push({ field: `[${i}].slug`, message: `duplicate section "${slug}"` });
    problems.push(...local.map((p) => ({ file, ...p })));
    if (local.length === 0 && slug && name && genitive) sections.push({ slug, name, genitive });
  });
  return { sections, problems };
}
