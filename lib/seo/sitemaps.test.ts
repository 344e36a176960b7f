import { describe, expect, it } from "vitest";
import { makeArticle, makeStore } from "@/lib/content/test-helpers";
import { hasNewsSitemap, newsSitemapXml } from "./sitemaps";

const now = Date.parse("2024-03-05T12:00:00+03:00");
const old = makeArticle("old", "2024-03-01T10:00:00+03:00");

describe("the Google News sitemap", () => {
  it("lists the last two days' articles", async () => {
    const store = await makeStore([old, makeArticle("fresh", "2024-03-05T11:00:00+03:00")]);
    expect(await hasNewsSitemap(store, now)).toBe(true);
    const xml = (await newsSitemapXml(store, now, "https://news.example", "ru"))!;
    expect(xml.match(/<url>/g)).toHaveLength(1);
    expect(xml).toContain("<loc>https://news.example/news/fresh</loc>");
  });

  it("does not exist while the last two days hold no article: an empty urlset is invalid", async () => {
    const store = await makeStore([old, makeArticle("draft", "2024-03-05T11:00:00+03:00", { draft: true })]);
    expect(await hasNewsSitemap(store, now)).toBe(false);
    expect(await newsSitemapXml(store, now, "https://news.example", "ru")).toBeUndefined();
  });
});
