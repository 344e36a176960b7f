import { describe, expect, it } from "vitest";
import { makeArticle, makeStore } from "@/lib/content/test-helpers";
import { resolveSection, resolveSectionRss } from "./section";

const now = Date.parse("2024-03-05T12:00:00+03:00");
const store = await makeStore([
  ...Array.from({ length: 21 }, (_, i) => makeArticle(`a${i}`, `2024-03-01T10:${String(i).padStart(2, "0")}:00+03:00`)),
  makeArticle("later", "2024-03-09T10:00:00+03:00"),
]);

describe("resolveSection", () => {
  it("gives the section and its page of published articles", async () => {
    const resolved = (await resolveSection(store, "politics", { page: "2" }, now))!;
    expect(resolved.section.name).toBe("Политика");
    expect(resolved.page).toMatchObject({ page: 2, pageCount: 2, total: 21 });
    expect(resolved.page.items.map((a) => a.slug)).toEqual(["a0"]);
  });

  it("has page 1 for an empty section, and nothing past the end, for unknown sections or bad ?page=", async () => {
    expect((await resolveSection(store, "sport", {}, now))!.page.total).toBe(0);
    expect(await resolveSection(store, "sport", { page: "2" }, now)).toBeUndefined();
    expect(await resolveSection(store, "politics", { page: "3" }, now)).toBeUndefined();
    expect(await resolveSection(store, "politics", { page: "abc" }, now)).toBeUndefined();
    expect(await resolveSection(store, "weather", {}, now)).toBeUndefined();
  });
});

describe("resolveSectionRss", () => {
  it("has a feed for every section, empty or not", async () => {
    expect((await resolveSectionRss(store, "sport"))?.section.slug).toBe("sport");
    expect(await resolveSectionRss(store, "weather")).toBeUndefined();
  });
});
