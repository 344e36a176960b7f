/**
 * Dates as feeds write them (RFC 822/1123 in RSS, RFC 3339 in Atom) → ISO 8601 with the feed's own
 * offset. The offset is kept rather than converted to UTC so that an article dated «12:40 по
 * Москве» still says 12:40 +03:00 in its file, as the editor who reads it expects.
 */

/** Offsets of the zone names feeds actually use; anything else is refused, not guessed. */
const ZONES: Readonly<Record<string, string>> = {
  GMT: "Z",
  UT: "Z",
  UTC: "Z",
  Z: "Z",
  EST: "-05:00",
  EDT: "-04:00",
  CST: "-06:00",
  CDT: "-05:00",
  MST: "-07:00",
  MDT: "-06:00",
  PST: "-08:00",
  PDT: "-07:00",
  MSK: "+03:00",
};

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

// Day name optional (and never checked: feeds get it wrong), month by its first three letters,
// seconds optional, and a zone required: a time without one could be any of 26 hours.
const RFC822 = /^(?:[a-z]+\.?,?\s*)?(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s-]+(\d{4}|\d{2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}:?\d{2}|[a-z]{1,5})$/i;

// Fractions are allowed and dropped: the output format has whole seconds.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[t ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s*(z|[+-]\d{2}:?\d{2})$/i;

/** Longer strings are not dates; the bound also keeps the regular expressions cheap. */
const MAX_DATE_CHARS = 80;

/**
 * A feed date as `YYYY-MM-DDTHH:MM:SS` plus `Z` or `±HH:MM`, or undefined when the text is not a
 * valid, unambiguous date and time.
 */
export function feedDate(text: string): string | undefined {
  const s = text.trim();
  if (!s || s.length > MAX_DATE_CHARS) return undefined;

  const iso = RFC3339.exec(s);
  if (iso) {
    const [, y, mo, d, h, mi, sec, zone] = iso;
    return build(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(sec ?? 0), offsetOf(zone!));
  }

  const rfc = RFC822.exec(s);
  if (rfc) {
    const [, d, mon, y, h, mi, sec, zone] = rfc;
    const month = MONTHS[mon!.slice(0, 3).toLowerCase()];
    if (month === undefined || !isMonthName(mon!)) return undefined;
    return build(fullYear(y!), month, Number(d), Number(h), Number(mi), Number(sec ?? 0), offsetOf(zone!));
  }
  return undefined;
}

/** "Mar", "March" and "Sept" name a month; "Marzipan" does not. */
function isMonthName(name: string): boolean {
  const full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
  const lower = name.toLowerCase();
  return full.some((m) => m.startsWith(lower)) || lower === "sept";
}

/** RFC 2822 §4.3: two-digit years 00–49 are 20xx, 50–99 are 19xx. */
function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 50 ? 2000 + n : 1900 + n;
}

/** `Z`, `±HH:MM`, or undefined for an unknown zone name or an offset no place on Earth uses. */
function offsetOf(zone: string): string | undefined {
  const named = ZONES[zone.toUpperCase()];
  if (named !== undefined) return named;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return undefined;
  return `${m[1]}${m[2]}:${m[3]}`;
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: string | undefined): string | undefined {
  if (offset === undefined || y < 1000) return undefined;
  // A leap second (60) is refused too: JavaScript's Date cannot read it back.
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${offset}`;
}

function daysIn(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one (UTC, so no local zone interferes).
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}
