import type { ImportMode, SourceConfig } from "../import/types";
import type { ContentProblem, Section, SourceInfo } from "./types";
import { readJson } from "./read-json";
import { describe, isRecord, SLUG_PATTERN } from "./validate";

/**
 * `sources.json`: the partner feeds the importer reads (docs/importer.md). Validated like
 * the other content files: each bad entry is named (`sources.json: [3].url: …`) and left out, and
 * the other sources still run. The site reads the same file for `/source/<id>` pages.
 */

export const SOURCES_FILE = "sources.json";
const MODES: readonly ImportMode[] = ["full", "lead", "page"];
const MAX_SOURCES = 500;
const MAX_CATEGORIES = 500;
const MIN_EVERY_MS = 60_000;
const MAX_EVERY_MS = 7 * 24 * 3_600_000;
const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90s", "10m", "2h", "1d" → milliseconds, or undefined when it is not such a duration. */
export function parseEvery(v: string): number | undefined {
  const m = /^(\d{1,6})\s*([smhd])$/.exec(v.trim());
  // The pattern's second group is one of UNITS' keys.
  return m ? Number(m[1]) * UNITS[m[2]!]! : undefined;
}


// Defined with the index's other shapes, which carry it; re-exported for the importer's imports.
export type { SourceInfo };

/** What the site keeps of each source: the id and the name, never the feed's address. */
export function publicSources(sources: readonly SourceConfig[]): SourceInfo[] {
  return sources.map(({ id, name }) => ({ id, name }));
}

export function validateSources(
  data: unknown,
  sections: ReadonlyMap<string, Section>,
  file = SOURCES_FILE,
): { sources: SourceConfig[]; problems: ContentProblem[] } {
  if (!Array.isArray(data)) {
    return { sources: [], problems: [{ file, field: "(root)", message: `must be a JSON array of sources, got ${describe(data)}` }] };
  }
  const sources: SourceConfig[] = [];
  const problems: ContentProblem[] = [];
  if (data.length > MAX_SOURCES) {
    problems.push({ file, field: "(root)", message: `has ${data.length} sources; the first ${MAX_SOURCES} are read` });
  }
  data.slice(0, MAX_SOURCES).forEach((entry, i) => {
    const local: Omit<ContentProblem, "file">[] = [];
    const at = (field: string) => `[${i}].${field}`;
    const bad = (field: string, message: string) => local.push({ field: at(field), message });
    if (!isRecord(entry)) {
      problems.push({ file, field: `[${i}]`, message: `must be an object with id, name, url, section and mode, got ${describe(entry)}` });
      return;
    }
    const str = (field: string, required: boolean): string | undefined => {
      const v = entry[field];
      if (v === undefined || v === null || (typeof v === "string" && v.trim() === "" && !required)) {
        if (required) bad(field, "is required");
        return undefined;
      }
      if (typeof v !== "string") return void bad(field, `must be a string, got ${describe(v)}`);
      if (v.trim() === "") return void bad(field, "must not be empty");
      if (v.length > 2000) return void bad(field, "is longer than 2000 characters");
      return v.trim();
    };

    const id = str("id", true);
    if (id !== undefined) {
      if (!SLUG_PATTERN.test(id) || id.length > 60) bad("id", `"${id}" must be lowercase Latin letters, digits and single hyphens, at most 60 characters`);
      else if (sources.some((s) => s.id === id) || data.slice(0, i).some((e) => isRecord(e) && e.id === id)) bad("id", `duplicate source "${id}"`);
    }
    const name = str("name", true);
    const url = str("url", true);
    if (url !== undefined) {
      let protocol = "";
      try {
        protocol = new URL(url, "file:///").protocol;
      } catch {
        bad("url", `is not a URL: ${JSON.stringify(url)}`);
      }
      if (protocol && !["http:", "https:", "file:"].includes(protocol)) bad("url", `must be http:, https: or file:, got ${JSON.stringify(protocol)}`);
    }
    const section = str("section", true);
    if (section !== undefined && !sections.has(section)) bad("section", `unknown section "${section}" (known: ${[...sections.keys()].join(", ") || "none"})`);
    const rubric = str("rubric", false);

    let mode: ImportMode = "full";
    const rawMode = entry.mode;
    if (rawMode !== undefined && rawMode !== null) {
      if (typeof rawMode === "string" && (MODES as readonly string[]).includes(rawMode)) mode = rawMode as ImportMode;
      else bad("mode", `must be one of ${MODES.join(", ")}, got ${describe(rawMode)}`);
    }

    let everyMs = 10 * 60_000;
    const every = str("every", false);
    if (every !== undefined) {
      const ms = parseEvery(every);
      if (ms === undefined) bad("every", `must be a duration such as "90s", "10m", "2h" or "1d", got ${JSON.stringify(every)}`);
      else if (ms < MIN_EVERY_MS || ms > MAX_EVERY_MS) bad("every", `must be between 1m and 7d, got ${JSON.stringify(every)}`);
      else everyMs = ms;
    }

    let enabled = true;
    if (entry.enabled !== undefined && entry.enabled !== null) {
      if (typeof entry.enabled !== "boolean") bad("enabled", `must be true or false, got ${describe(entry.enabled)}`);
      else enabled = entry.enabled;
    }

    const categories: Record<string, string> = {};
    if (entry.categories !== undefined && entry.categories !== null) {
      if (!isRecord(entry.categories)) bad("categories", `must map feed categories to section slugs, got ${describe(entry.categories)}`);
      else {
        const pairs = Object.entries(entry.categories);
        if (pairs.length > MAX_CATEGORIES) bad("categories", `has more than ${MAX_CATEGORIES} entries`);
        for (const [category, slug] of pairs.slice(0, MAX_CATEGORIES)) {
          const field = `categories[${JSON.stringify(category)}]`;
          if (typeof slug !== "string") bad(field, `must be a section slug, got ${describe(slug)}`);
          else if (!sections.has(slug)) bad(field, `unknown section "${slug}"`);
          else categories[category.trim().toLowerCase()] = slug;
        }
      }
    }

    problems.push(...local.map((p) => ({ file, ...p })));
    if (local.length === 0 && id && name && url && section) {
      sources.push({ id, name, url, section, ...(rubric ? { rubric } : {}), mode, everyMs, enabled, categories });
    }
  });
  return { sources, problems };
}

/**
 * Reads and validates `sources.json`: the site (`optional`: no file, no partners) and the
 * importer (a missing file is a problem: there is nothing to import) read it alike.
 */
export async function readSourceConfigs(
  root: string,
  sections: ReadonlyMap<string, Section>,
  optional: boolean,
): Promise<{ sources: SourceConfig[]; problems: ContentProblem[] }> {
  const problems: ContentProblem[] = [];
  const json = await readJson(root, SOURCES_FILE, problems, optional);
  if (json === undefined) return { sources: [], problems };
  const result = validateSources(json, sections);
  return { sources: result.sources, problems: [...problems, ...result.problems] };
}
