/*
 * How the PostgreSQL store finds a search's window: the newest matches of a query (5,000).
 *
 * A GIN index returns a word's matches in no useful order, so "the newest 5,000" of a word in
 * half of a million articles meant visiting all 500,000 rows, or, as the planner preferred, walking
 * the key index backwards and reading each row's document to test it: some 20 µs a row, over a
 * second for a common word at 1,000,000 articles (bench:scale). So each document also holds the
 * term of its month (search.ts, monthTerm), and the window is read a batch of months at a time,
 * newest first: the query AND "any of these months". GIN then walks the rarer side of that AND
 * (those months' articles, or the word's own matches) and the rows visited are about as many as the
 * window keeps. The articles per month are already counted (the archive's `m:` counts), so each
 * batch is sized to what it should find.
 *
 * The planning here is pure; the reader (reader.ts) runs the batches.
 */

/** A month of the archive and how many articles it holds. */
export interface MonthCount {
  month: string;
  n: number;
}

/** The archive's months newest first, from its `m:YYYY-MM` counts (the store's `counts` rows). */
export function monthsNewestFirst(rows: readonly { key: string; n: number | string }[]): MonthCount[] {
  const out: MonthCount[] = [];
  for (const { key, n } of rows) {
    const count = Number(n);
    if (key.startsWith("m:") && count > 0) out.push({ month: key.slice(2), n: count });
  }
  return out.sort((a, b) => (a.month < b.month ? 1 : a.month > b.month ? -1 : 0));
}

/** How much further than its estimate a batch reaches, so that one more batch is seldom needed. */
export const BATCH_MARGIN = 1.25;

/**
 * How many articles the next batch should cover to find the `need - found` matches still missing,
 * from the rate found so far: at first as many as are needed (every article might match), then the
 * shortfall at the rate seen, and never less than all the batches before it together, so that even
 * a word found nowhere recent reaches the archive's end in a handful of batches.
 */
export function batchTarget(need: number, found: number, scanned: number): number {
  if (scanned <= 0) return need;
  const rate = Math.max(found, 1) / scanned;
  return Math.max(scanned, Math.ceil(((need - found) / rate) * BATCH_MARGIN));
}

/** The months from `from` on that make a batch of at least `target` articles (one month at least). */
export function batchEnd(months: readonly MonthCount[], from: number, target: number): number {
  let end = from;
  let covered = 0;
  while (end < months.length && (end === from || covered < target)) covered += months[end++]!.n;
  return end;
}

/** One batch's rows, newest first: the key's second and id, and its relevance (0 when not asked). */
export interface WindowRow {
  sec: number;
  id: number;
  r: number;
}

/**
 * What GIN pays for each article of a batch's months, in matches read: it walks the posting list of
 * every month term in the query, to tell which of the words' matches are in those months. Measured
 * at a million articles (1 December): a two-word query's second batch named 18 months (about
 * 500,000 articles); the index scan took 55 of its 65 ms and its 6,000 matches the other 10, while
 * the query alone read all 11,900 of its matches in 17 to 22 ms. About 0.11 µs an article against
 * 1.5 µs a match read (its row, its rank, the sort): 0.075. Over the scale bench's 300 queries
 * (`npm run bench:search-store`) 0.02, 0.04 and 0.075 gave the same p95 within 2 ms, and 0.04 the
 * least time in all, so a match costs a little more than that one query showed.
 */
export const MONTH_ARTICLE_COST = 0.04;

/**
 * Whether the rest of the archive is better read by the query alone than by the next batch of
 * months: reading the rest reads every match left (about `rate` of the articles left); the batch
 * reads every match of its months and pays for its months' articles (MONTH_ARTICLE_COST). So month
 * terms pay only for a word common enough that the rest holds many times the window; for the
 * others (a word in 1 % of a million articles, or most queries of two words) the query alone
 * costs a fraction, and a fixed bound of 10,000 matches (as before) sent those through 18 months.
 */
export function restIsCheaper(rate: number, left: number, batchArticles: number): boolean {
  return rate * left <= batchArticles * (MONTH_ARTICLE_COST + rate);
}

/**
 * The newest `need` matches, newest first. `read(months, limit, below)` returns the newest `limit`
 * matches within those months, or with `months` undefined, anywhere older than `below` (a match
 * already read; all of them when undefined). Months are asked for newest first, in batches sized by
 * batchTarget, until reading all that is left by the query alone costs less than the next batch
 * (restIsCheaper), or the next batch would be all that is left: that is read at once.
 */
export async function readWindow(
  months: readonly MonthCount[],
  need: number,
  read: (months: string[] | undefined, limit: number, below: WindowRow | undefined) => Promise<WindowRow[]>,
): Promise<WindowRow[]> {
  const out: WindowRow[] = [];
  let left = months.reduce((sum, m) => sum + m.n, 0);
  let scanned = 0;
  for (let from = 0; out.length < need;) {
    const end = batchEnd(months, from, batchTarget(need, out.length, scanned));
    // Before any batch the rate is unknown: the first reads the newest months.
    const batchArticles = months.slice(from, end).reduce((sum, m) => sum + m.n, 0);
    if (end >= months.length || (scanned > 0 && restIsCheaper(Math.max(out.length, 1) / scanned, left, batchArticles))) {
      // Every match of the months read so far is in `out` (a batch that returned fewer than asked
      // returned all of its months' matches), and every older month's are older than those.
      out.push(...(await read(undefined, need - out.length, out.at(-1))));
      break;
    }
    const batch = months.slice(from, end);
    out.push(
      ...(await read(
        batch.map((m) => m.month),
        need - out.length,
        undefined,
      )),
    );
    for (const m of batch) {
      scanned += m.n;
      left -= m.n;
    }
    from = end;
  }
  return out;
}

/**
 * Relevance by id for scoreWindow (lib/store/sqlite/rank.ts): the rank of the title, tags and lead
 * (search.ts, headLiteral) where they hold a word of the query; a match in the body alone gets half
 * the lowest of those, so that no recency boost (at most 1.5) lifts it over one they hold. With
 * no such match at all, every match is equal and the boost alone orders them.
 */
export function headRelevance(rows: readonly WindowRow[]): Map<number, number> {
  let lowest = Infinity;
  for (const { r } of rows) if (r > 0 && r < lowest) lowest = r;
  const bodyOnly = Number.isFinite(lowest) ? lowest / 2 : 1;
  return new Map(rows.map(({ id, r }) => [id, r > 0 ? r : bodyOnly]));
}
