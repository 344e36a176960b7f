/**
 * `npm run media:export -- --out <dir>`: writes the photos of CONTENT_DIR into <dir>/media as pages
 * with MEDIA_BASE_URL ask for them (the originals, their resized copies and crops:
 * lib/content/media-export.ts), for nginx, a CDN or an object store to serve (docs/production.md,
 * "Photos from a CDN or an object store"). Run it where the indexer runs, after each change (it
 * writes only new and changed photos); `aws s3 sync <dir> s3://…` or `rclone sync` then uploads
 * what changed.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { contentDir } from "../../lib/content/load";
import { exportMedia } from "../../lib/content/media-export";

const { values } = parseArgs({ options: { out: { type: "string" } } });
if (!values.out) {
  console.error("media:export: say where to write: npm run media:export -- --out <dir>");
  process.exit(2);
}
const started = performance.now();
const out = path.resolve(values.out);
const report = await exportMedia(contentDir(), out, (line) => console.error(`[media:export] ${line}`));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `media:export: ${report.photos} photos in ${contentDir()}/media, ${report.written} written (${report.files} files), ${report.photos - report.written - report.problems.length} unchanged, in ${seconds} s → ${out}/media`,
);
if (report.problems.length) process.exit(1);
