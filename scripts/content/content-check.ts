/**
 * `npm run content:check [dir]`: validates the content folder (CONTENT_DIR, or the argument) and
 * prints every problem as `<file>: <field>: <message>`. Exits 1 when there is any, so it can guard
 * a newsroom's publishing pipeline.
 */
import { contentDir, loadContent } from "../../lib/content/load";
import { formatProblem } from "../../lib/content/types";

const dir = process.argv[2] ?? contentDir();
const index = await loadContent(process.argv[2] ? (await import("node:path")).resolve(dir) : dir);
for (const p of index.problems) console.log(formatProblem(p));
const drafts = index.articles.filter((a) => a.draft).length;
const scheduled = index.articles.filter((a) => !a.draft && a.dateMs > Date.now()).length;
console.error(
  `${dir}: ${index.articles.length} valid articles (${drafts} drafts, ${scheduled} scheduled), ` +
    `${index.sections.length} sections, ${index.sources.length} partners, ${index.media.size} media files, ${index.problems.length} problems`,
);
process.exit(index.problems.length > 0 ? 1 : 0);
