import { describe, expect, it } from "vitest";
import { makeArticle, testSections, testSite } from "@/lib/content/test-helpers";
import { CardCache } from "./og-card-cache";
import { articleOgCard, ogCardKey } from "./og-image";

const section = testSections[0]!;
const article = makeArticle("card", "2024-03-04T12:40:00+03:00", { stamp: "1:100" });

describe("articleOgCard", () => {
  it("draws an article's card once; a crawler's second request is served from the cache", async () => {
    const cache = new CardCache(8 * 1024 * 1024);
    const first = await articleOgCard(article, section, testSite, cache);
    const second = await articleOgCard(article, section, testSite, cache);
    // A PNG of 1200×630.
    expect(Buffer.from(first.subarray(1, 4)).toString()).toBe("PNG");
    expect([Buffer.from(first).readUInt32BE(16), Buffer.from(first).readUInt32BE(20)]).toEqual([1200, 630]);
    expect(second).toBe(first);
    expect([cache.renders, cache.hits]).toEqual([1, 1]);
  }, 30_000);
});

describe("ogCardKey", () => {
  it("changes with the article's file, its title and the names the card shows", async () => {
    const key = await ogCardKey(article, section, testSite);
    expect(await ogCardKey({ ...article }, section, testSite)).toBe(key);
    expect(await ogCardKey({ ...article, stamp: "2:100" }, section, testSite)).not.toBe(key);
    expect(await ogCardKey({ ...article, title: "Другой" }, section, testSite)).not.toBe(key);
    expect(await ogCardKey(article, { ...section, name: "Иное" }, testSite)).not.toBe(key);
    expect(await ogCardKey(article, section, { ...testSite, name: "Другой вестник" })).not.toBe(key);
  });
});
