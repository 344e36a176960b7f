/**
 * Date formatting in the site's time zone. Every function takes the locale and zone explicitly so
 * that the server and the browser produce the same text for the same instant.
 */

const cache = new Map<string, Intl.DateTimeFormat>();

function fmt(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    cache.set(key, f);
  }
  return f;
}

function parts(f: Intl.DateTimeFormat, ms: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(ms)) out[p.type] = p.value;
  return out;
}

/** "04.03.2024": the date line of the article page. */
export function formatNumericDate(ms: number, locale: string, timeZone: string): string {
  const p = parts(fmt(locale, timeZone, { day: "2-digit", month: "2-digit", year: "numeric" }), ms);
  return `${p.day}.${p.month}.${p.year}`;
}

/** "12:40", 24-hour clock. */
export function formatTime(ms: number, locale: string, timeZone: string): string {
  const p = parts(fmt(locale, timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }), ms);
  return `${p.hour}:${p.minute}`;
}

/**
 * «Обновлено …» under an article: the time alone when the update was on the day the article was
 * published (the date is already in the date line beside it), else the date and the time.
 */
export function formatUpdated(publishedMs: number, updatedMs: number, locale: string, timeZone: string): { date?: string; time: string } {
  const time = formatTime(updatedMs, locale, timeZone);
  if (dayKey(publishedMs, timeZone) === dayKey(updatedMs, timeZone)) return { time };
  return { date: formatNumericDate(updatedMs, locale, timeZone), time };
}

/** "2024-03-04": the calendar day in the zone, for grouping and comparing days. */
export function dayKey(ms: number, timeZone: string): string {
  const p = parts(fmt("en-CA", timeZone, { day: "2-digit", month: "2-digit", year: "numeric" }), ms);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "4 марта 2024": a day heading, without the "г." that Intl appends in Russian. */
export function formatDayHeading(ms: number, locale: string, timeZone: string): string {
  const p = parts(fmt(locale, timeZone, { day: "numeric", month: "long", year: "numeric" }), ms);
  return `${p.day} ${p.month} ${p.year}`;
}

/** "4 марта": day and month in the genitive form used in running text. */
export function formatDayMonth(ms: number, locale: string, timeZone: string): string {
  const p = parts(fmt(locale, timeZone, { day: "numeric", month: "long" }), ms);
  return `${p.day} ${p.month}`;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const relativeCache = new Map<string, Intl.RelativeTimeFormat>();

function relative(locale: string): Intl.RelativeTimeFormat {
  let f = relativeCache.get(locale);
  if (!f) {
    // "auto" gives the word for one day ago ("вчера") and plain numbers for minutes and hours.
    f = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    relativeCache.set(locale, f);
  }
  return f;
}

/**
 * The time shown in the news feed. Within the last 24 hours it is relative: "5 минут назад" below
 * an hour, "3 часа назад" the same day, "вчера, 23:10" the day before. Older items show the date
 * and time, with the year when it is not the current one. `now` is the render time, so the text is
 * the same wherever the page is rendered for that instant.
 */
export function formatFeedTime(ms: number, now: number, locale: string, timeZone: string): string {
  const time = formatTime(ms, locale, timeZone);
  const day = dayKey(ms, timeZone);
  const today = dayKey(now, timeZone);
  const age = now - ms;
  if (age >= 0 && age < DAY_MS) {
    if (age < HOUR_MS) return relative(locale).format(-Math.max(1, Math.floor(age / MINUTE_MS)), "minute");
    if (day === today) return relative(locale).format(-Math.floor(age / HOUR_MS), "hour");
    return `${relative(locale).format(-1, "day")}, ${time}`;
  }
  // A scheduled item seen in preview is "today" or later: the clock, or the date.
  if (day === today) return time;
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  const date = sameYear ? formatDayMonth(ms, locale, timeZone) : formatDayHeading(ms, locale, timeZone);
  return `${date}, ${time}`;
}

export interface DayGroup<T> {
  key: string;
  /** A representative instant of the day, for formatting its heading. */
  ms: number;
  items: T[];
}

/** Groups a newest-first list into calendar days of the zone, keeping the order. */
export function groupByDay<T extends { dateMs: number }>(items: T[], timeZone: string): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const item of items) {
    const key = dayKey(item.dateMs, timeZone);
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.items.push(item);
    else groups.push({ key, ms: item.dateMs, items: [item] });
  }
  return groups;
}
