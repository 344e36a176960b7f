import { describe, expect, it } from "vitest";
import { makeArticle, makeStore } from "@/lib/content/test-helpers";
import { HOME_FEED_SIZE, SECTION_BLOCK_SIZE, TOP_SIZE } from "@/lib/limits";
import { resolveHome } from "./home";

const now = Date.parse("2024-03-05T12:00:00+03:00");
const at = (i: number) => `2024-03-01T10:${String(i).padStart(2, "0")}:00+03:00`;

describe("resolveHome", () => {
  it("exists on an empty site, with no stories", async () => {
    expect(await resolveHome(await makeStore([]), now)).toEqual({ top: [], feed: [], blocks: [] });
  });

  it("leads with the newest top story and lists the other top stories apart from it", async () => {
    const store = await makeStore([
      ...Array.from({ length: TOP_SIZE + 3 }, (_, i) => makeArticle(`t${i}`, at(i), { top: true })),
      ...Array.from({ length: HOME_FEED_SIZE + 3 }, (_, i) => makeArticle(`n${i}`, at(30 + i), { section: "sport" })),
      makeArticle("later", "2024-03-09T10:00:00+03:00", { top: true }),
    ]);
    const home = await resolveHome(store, now);
    expect(home.main?.slug).toBe(`t${TOP_SIZE + 2}`);
    expect(home.top.map((a) => a.slug)).toEqual(Array.from({ length: TOP_SIZE }, (_, i) => `t${TOP_SIZE + 1 - i}`));
    expect(home.feed).toHaveLength(HOME_FEED_SIZE);
    expect(home.feed[0]!.slug).toBe(`n${HOME_FEED_SIZE + 2}`);
    expect(home.blocks.map((b) => b.section.slug)).toEqual(["politics", "sport"]);
  });

  it("names each story once in the main column: a section's block skips the main and top stories", async () => {
    const store = await makeStore([
      ...Array.from({ length: TOP_SIZE + 1 }, (_, i) => makeArticle(`t${i}`, at(20 + i), { top: true })),
      ...Array.from({ length: SECTION_BLOCK_SIZE + 1 }, (_, i) => makeArticle(`p${i}`, at(i))),
      makeArticle("s0", at(1), { section: "sport", top: true }),
    ]);
    const home = await resolveHome(store, now);
    const above = [home.main!, ...home.top].map((a) => a.slug);
    const politics = home.blocks.find((b) => b.section.slug === "politics")!.articles.map((a) => a.slug);
    // All the top stories were politics: the block still holds its full count, of the others.
    expect(politics).toEqual(Array.from({ length: SECTION_BLOCK_SIZE }, (_, i) => `p${SECTION_BLOCK_SIZE - i}`));
    const all = [...above, ...home.blocks.flatMap((b) => b.articles.map((a) => a.slug))];
    expect(new Set(all).size).toBe(all.length);
  });

  it("leads with the newest article when no story is top", async () => {
    const home = await resolveHome(await makeStore([makeArticle("a", at(1)), makeArticle("b", at(2))]), now);
    expect(home.main?.slug).toBe("b");
    expect(home.top).toEqual([]);
    expect(home.blocks.map((b) => b.section.slug)).toEqual(["politics"]); // empty sections are skipped
  });
});
