import { createHash } from "node:crypto";
import { realpathSync } from "node:fs";
import path from "node:path";
import { SCHEMA_VERSION } from "./sqlite/schema";

/**
 * Where a content folder's index database lives: `INDEX_DB` when set (production sets it to a
 * disk that survives deploys), else `.data/index/` of the working folder. One file per content
 * folder, so that servers on different folders never share one, and per schema version, so that
 * new code builds its own beside the one old servers are still reading.
 */
export function indexLocation(contentRoot: string, cwd: string = process.cwd()): string {
  if (process.env.INDEX_DB) return path.resolve(/* turbopackIgnore: true */ cwd, process.env.INDEX_DB);
  let real = contentRoot;
  try {
    real = realpathSync(/* turbopackIgnore: true */ contentRoot);
  } catch {}
  const id = createHash("sha1").update(real).digest("hex").slice(0, 12);
  return path.join(/* turbopackIgnore: true */ cwd, ".data", "index", `content-${id}.v${SCHEMA_VERSION}.sqlite`);
}
