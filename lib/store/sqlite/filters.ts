import type { ListFilter } from "@/lib/store/types";

/**
 * A list filter as SQL over `articles` (or over `tags` for a tag's list, which carries the
 * article's state, date and slug so that a tag page is one index range). Parameters are
 * positional; the statement text depends only on which fields are set, so a handful of prepared
 * statements serve every request.
 */
export function filterSql(filter: ListFilter, { future = false } = {}): { from: string; where: string; shape: string } {
  // `future`: the scheduled articles of the list instead (date after now), which a kept count subtracts.
  const date = future ? ">" : "<=";
  const where: string[] = [];
  let from = "articles a";
  let shape = "";
  if (filter.tag !== undefined) {
    from = "tags t JOIN articles a ON a.id = t.article_id";
    where.push("t.tag_key = ?", "t.state = 0", `t.date_ms ${date} ?`);
    shape += "g";
  } else where.push("a.state = 0", `a.date_ms ${date} ?`);
  // `now` goes second for a tag, first otherwise: filled in by the caller through NOW.
  if (filter.section !== undefined) {
    where.push("a.section = ?");
    shape += "s";
  }
  if (filter.source !== undefined) {
    where.push("a.source_id = ?");
    shape += "p";
  }
  if (filter.top) {
    where.push("a.top = 1");
    shape += "t";
  }
  if (filter.month !== undefined) {
    where.push("a.month = ?");
    shape += "m";
  }
  if (filter.sinceMs !== undefined) {
    where.push("a.date_ms >= ?");
    shape += "d";
  }
  return { from, where: where.join(" AND "), shape: future ? `${shape}+` : shape };
}

/** The parameters of filterSql's statement, in its order, for the instant `now`. */
export function filterParams(filter: ListFilter, now: number): (string | number)[] {
  const out: (string | number)[] = [];
  if (filter.tag !== undefined) out.push(filter.tag);
  out.push(now);
  if (filter.section !== undefined) out.push(filter.section);
  if (filter.source !== undefined) out.push(filter.source);
  if (filter.month !== undefined) out.push(filter.month);
  if (filter.sinceMs !== undefined) out.push(filter.sinceMs);
  return out;
}

/** The order of every list: newest first, ties by slug. Over a tag's rows, the tag's copy. */
export function orderSql(filter: ListFilter): string {
  return filter.tag !== undefined ? "t.date_ms DESC, t.slug" : "a.date_ms DESC, a.slug";
}

/** The `counts` row that holds the list's length (before scheduled ones), when one does. */
export function countKey(filter: ListFilter): string | undefined {
  const set = [filter.tag, filter.section, filter.source, filter.top || undefined, filter.month, filter.sinceMs].filter((v) => v !== undefined).length;
  if (set === 0) return "a";
  if (set > 1 || filter.sinceMs !== undefined) return undefined;
  if (filter.tag !== undefined) return `g:${filter.tag}`;
  if (filter.section !== undefined) return `s:${filter.section}`;
  if (filter.source !== undefined) return `p:${filter.source}`;
  if (filter.month !== undefined) return `m:${filter.month}`;
  return "t";
}
