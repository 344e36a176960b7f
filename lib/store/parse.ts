import type { MediaInfo } from "@/lib/content/build-index";
import { buildArticle } from "@/lib/content/build-index";
import { readArticleFile, readArticleFileSync } from "@/lib/content/load";
import type { ContentProblem } from "@/lib/content/types";
import type { SourceFile } from "@/lib/content/build-index";
import type { Section } from "@/lib/content/types";
import { searchFields } from "./search-text";
import type { FileRecord } from "./sqlite/writer";

/** What parsing an article needs besides its file: the sections and the media it may refer to. */
export interface ParseContext {
  root: string;
  sectionBySlug: ReadonlyMap<string, Section>;
  media: ReadonlyMap<string, MediaInfo>;
}

/**
 * Reads and parses one article file into the record the store keeps: the article with its search
 * terms when valid, and its problems. Undefined when the file is gone. Pure CPU once read, so the
 * indexer runs it on worker threads for large batches (./parse-worker.ts).
 */
export async function parseFile(rel: string, ctx: ParseContext, fresh = false): Promise<FileRecord | undefined> {
  return parseSource(rel, await readArticleFile(ctx.root, rel), ctx, fresh);
}

/** parseFile with a synchronous read, for worker threads that do nothing else. */
export function parseFileSync(rel: string, ctx: ParseContext, fresh = false): FileRecord | undefined {
  return parseSource(rel, readArticleFileSync(ctx.root, rel), ctx, fresh);
}

function parseSource(rel: string, source: SourceFile | ContentProblem, ctx: ParseContext, fresh: boolean): FileRecord | undefined {
  if (!("text" in source)) {
    if (/ENOENT|ENOTDIR/.test(source.message)) return undefined;
    return { path: rel, stamp: `unreadable:${Date.now()}`, problems: [source], ...(fresh ? { fresh } : {}) };
  }
  const { article, problems, body } = buildArticle(source, ctx.sectionBySlug, ctx.media);
  return {
    path: rel,
    stamp: source.stamp!,
    problems,
    ...(article ? { article, search: searchFields(article, body ?? "", article.leadFromBody) } : {}),
    ...(fresh ? { fresh } : {}),
  };
}
