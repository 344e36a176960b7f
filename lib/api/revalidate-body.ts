import { isSafeMediaPath } from "@/lib/content/validate";

export const MAX_PATHS = 1000;

export type RevalidateRequest = { ok: true; paths: string[] } | { ok: false; error: string };

function isContentPath(p: string): boolean {
  if (p === "site.json" || p === "sections.json") return true;
  if (p.startsWith("media/")) return isSafeMediaPath(p);
  return p.startsWith("articles/") && isSafeMediaPath(`media/${p.slice("articles/".length)}`) && p.endsWith(".md");
}

/**
 * Reads the body of POST /api/revalidate: nothing (or `{}`) refreshes the whole index;
 * `{"paths": ["articles/politics/x.md", …]}` re-reads just those files.
 */
export function parseRevalidateBody(text: string): RevalidateRequest {
  if (text.trim() === "") return { ok: true, paths: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: "body: must be JSON" };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { ok: false, error: "body: must be a JSON object" };
  const paths = (data as { paths?: unknown }).paths;
  if (paths === undefined) return { ok: true, paths: [] };
  if (!Array.isArray(paths)) return { ok: false, error: "paths: must be a list of paths inside the content folder" };
  if (paths.length > MAX_PATHS) return { ok: false, error: `paths: at most ${MAX_PATHS} at once` };
  for (const [i, p] of paths.entries()) {
    if (typeof p !== "string" || !isContentPath(p)) {
      return { ok: false, error: `paths[${i}]: must be site.json, sections.json, articles/….md or media/… inside the content folder` };
    }
  }
  return { ok: true, paths: paths as string[] };
}
