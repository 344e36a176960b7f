/**
 * The freshness probes' edits of a corpus: a new article made from a generated one (a new slug,
 * the current time), and an existing article's title changed in place. Pure: the bench writes the
 * files and times how long the server takes to show them.
 */
import { formatMinskDate } from "../../generate/corpus/text";
import { titleOf } from "./queries";

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A new article from a generated one's text: its date is `nowMs` (to the minute, a minute back so
 * that it is not scheduled for the future), and its `updated:` and `aliases:` lines are dropped
 * (two files answering the same old address would be a conflict, not a new story). Returns the
 * text and the path it belongs at, `articles/<section>/<yyyy>/<mm>/<slug>.md` in Minsk time.
 */
export function freshArticle(text: string, { slug, section, nowMs }: { slug: string; section: string; nowMs: number }): { path: string; text: string } {
  const date = formatMinskDate(nowMs - 60_000);
  const lines = text.split("\n");
  const end = lines.indexOf("---", 1);
  if (lines[0] !== "---" || end < 0) throw new Error("fresh article: the template has no front matter");
  const front = lines
    .slice(1, end)
    .filter((l) => !/^(updated|aliases):/.test(l))
    .map((l) => (l.startsWith("date:") ? `date: "${date}"` : l));
  if (!front.some((l) => l.startsWith("date:"))) throw new Error("fresh article: the template has no date");
  const [, y, m] = /^(\d{4})-(\d{2})/.exec(date)!;
  return { path: `articles/${section}/${y}/${pad(Number(m))}/${slug}.md`, text: ["---", ...front, ...lines.slice(end)].join("\n") };
}

/** The same article with `marker` added to the end of its title. */
export function withTitleMarker(text: string, marker: string): string {
  const title = titleOf(text);
  if (title === undefined) throw new Error("title edit: the article has no title");
  return text.replace(/^title:.*$/m, () => `title: ${JSON.stringify(`${title} ${marker}`)}`);
}
