import { describe, expect, it } from "vitest";
import { makeArticle } from "./test-helpers";
import { urgentNotice } from "./urgent";

const at = (hour: number, minute = 0) => `2024-03-05T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00+03:00`;
const ms = (hour: number, minute = 0) => Date.parse(at(hour, minute));

describe("«Срочно»", () => {
  const newest = [
    makeArticle("calm", at(11), {}),
    makeArticle("urgent-new", at(10), { urgent: true }),
    makeArticle("urgent-old", at(6), { urgent: true }),
  ];

  it("shows the newest urgent article for its hours, then none", () => {
    expect(urgentNotice(newest, ms(12), 6)).toEqual({ article: newest[1], expiresMs: ms(16) });
    expect(urgentNotice(newest, ms(15, 59), 6)?.article.slug).toBe("urgent-new");
    expect(urgentNotice(newest, ms(16), 6)).toBeUndefined();
    // With a shorter lifetime the older one has gone already, and the newer too at 12:00.
    expect(urgentNotice(newest, ms(12), 2)).toBeUndefined();
    expect(urgentNotice(newest, ms(11), 2)?.article.slug).toBe("urgent-new");
  });

  it("ignores an article not yet published at that instant", () => {
    expect(urgentNotice([makeArticle("later", at(13), { urgent: true })], ms(12), 6)).toBeUndefined();
  });
});
