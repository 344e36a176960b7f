import { describe, expect, it } from "vitest";
import { dayKey, formatDayHeading, formatFeedTime, formatNumericDate, formatTime, formatUpdated, groupByDay } from "./dates";

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

  it("shows the last 24 hours relative to the render time, older items with the date", () => {
    const now = ms("2024-03-05T12:00:00+03:00");
    const feed = (iso: string) => formatFeedTime(ms(iso), now, "ru-RU", MINSK);
    expect(feed("2024-03-05T11:59:40+03:00")).toBe("1 минуту назад");
    expect(feed("2024-03-05T11:55:00+03:00")).toBe("5 минут назад");
    expect(feed("2024-03-05T11:39:00+03:00")).toBe("21 минуту назад");
    expect(feed("2024-03-05T11:00:00+03:00")).toBe("1 час назад");
    expect(feed("2024-03-05T09:15:00+03:00")).toBe("2 часа назад");
    expect(feed("2024-03-05T00:30:00+03:00")).toBe("11 часов назад");
    expect(feed("2024-03-04T23:30:00+03:00")).toBe("вчера, 23:30");
    expect(feed("2024-03-04T12:00:01+03:00")).toBe("вчера, 12:00");
    expect(feed("2024-03-04T11:59:00+03:00")).toBe("4 марта, 11:59");
    expect(feed("2023-12-31T10:00:00+03:00")).toBe("31 декабря 2023, 10:00");
  });

  it("takes the day from the site's zone, not the server's", () => {
    // 00:20 in Minsk: 50 minutes ago is yesterday there (but still minutes), two hours ago too.
    const now = ms("2024-03-04T21:20:00Z");
    expect(formatFeedTime(ms("2024-03-04T20:30:00Z"), now, "ru-RU", MINSK)).toBe("50 минут назад");
    expect(formatFeedTime(ms("2024-03-04T19:20:00Z"), now, "ru-RU", MINSK)).toBe("вчера, 22:20");
    expect(formatFeedTime(ms("2024-03-04T19:20:00Z"), now, "ru-RU", "UTC")).toBe("2 часа назад");
  });

  it("shows a scheduled item (seen in preview) with its clock or date", () => {
    const now = ms("2024-03-05T12:00:00+03:00");
    expect(formatFeedTime(ms("2024-03-05T18:00:00+03:00"), now, "ru-RU", MINSK)).toBe("18:00");
    expect(formatFeedTime(ms("2024-03-07T18:00:00+03:00"), now, "ru-RU", MINSK)).toBe("7 марта, 18:00");
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

describe("formatUpdated", () => {
  const published = Date.parse("2024-03-04T12:40:00+03:00");
  it("gives the time alone for an update on the day of publication, in the site's zone", () => {
    expect(formatUpdated(published, Date.parse("2024-03-04T23:50:00+03:00"), "ru-RU", "Europe/Minsk")).toEqual({ time: "23:50" });
    // 23:50 in Minsk is the next day in Tokyo.
    expect(formatUpdated(published, Date.parse("2024-03-04T23:50:00+03:00"), "ru-RU", "Asia/Tokyo")).toEqual({ date: "05.03.2024", time: "05:50" });
  });

  it("gives the date too for an update on another day", () => {
    expect(formatUpdated(published, Date.parse("2024-03-05T00:10:00+03:00"), "ru-RU", "Europe/Minsk")).toEqual({ date: "05.03.2024", time: "00:10" });
  });
});
