import { describe, expect, it } from "vitest";
import { dayKey, formatDayHeading, formatFeedTime, formatNumericDate, formatTime, groupByDay } from "./dates";

const MINSK = "Europe/Minsk";
const ms = (iso: string) => Date.parse(iso);

describe("dates in the site's time zone", () => {
  it("shows an article dated 23:30 UTC on the next day in Minsk", () => {
    expect(formatNumericDate(ms("2024-03-04T23:30:00Z"), "ru-RU", MINSK)).toBe("05.03.2024");
    expect(formatTime(ms("2024-03-04T23:30:00Z"), "ru-RU", MINSK)).toBe("02:30");
    expect(formatNumericDate(ms("2024-03-04T23:30:00Z"), "ru-RU", "UTC")).toBe("04.03.2024");
  });

  it("formats the seed article's date line", () => {
    expect(formatNumericDate(ms("2024-03-04T12:40:00+03:00"), "ru-RU", MINSK)).toBe("04.03.2024");
    expect(formatTime(ms("2024-03-04T12:40:00+03:00"), "ru-RU", MINSK)).toBe("12:40");
    expect(formatTime(ms("2024-03-04T00:05:00+03:00"), "ru-RU", MINSK)).toBe("00:05");
  });

  it("writes day headings in the genitive without the trailing 'г.'", () => {
    expect(formatDayHeading(ms("2024-03-04T12:00:00+03:00"), "ru-RU", MINSK)).toBe("4 марта 2024");
    expect(formatDayHeading(ms("2024-12-31T22:30:00Z"), "ru-RU", MINSK)).toBe("1 января 2025");
  });

  it("shows only the clock for today's feed items and the date for older ones", () => {
    const now = ms("2024-03-05T12:00:00+03:00");
    expect(formatFeedTime(ms("2024-03-05T09:15:00+03:00"), now, "ru-RU", MINSK)).toBe("09:15");
    expect(formatFeedTime(ms("2024-03-04T23:30:00+03:00"), now, "ru-RU", MINSK)).toBe("4 марта, 23:30");
    expect(formatFeedTime(ms("2023-12-31T10:00:00+03:00"), now, "ru-RU", MINSK)).toBe("31 декабря 2023, 10:00");
  });

  it("groups a newest-first list by calendar day of the zone", () => {
    const items = ["2024-03-05T01:00:00+03:00", "2024-03-04T22:30:00Z", "2024-03-04T20:00:00Z", "2024-03-04T10:00:00+03:00"].map((d) => ({ dateMs: ms(d) }));
    expect(groupByDay(items, MINSK).map((g) => [g.key, g.items.length])).toEqual([
      ["2024-03-05", 2],
      ["2024-03-04", 2],
    ]);
    expect(dayKey(ms("2024-03-04T21:00:00Z"), MINSK)).toBe("2024-03-05");
  });
});
