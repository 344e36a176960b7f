import { describe, expect, it } from "vitest";
import { makeArticle, makeStore } from "@/lib/content/test-helpers";
import { resolveSource, resolveSourceRss } from "./source";

const now = Date.parse("2024-03-05T12:00:00+03:00");
const partner = (id: string) => ({ source: { id, name: `Имя ${id}` } });
const store = await makeStore(
  [
    ...Array.from({ length: 21 }, (_, i) => makeArticle(`v${i}`, `2024-03-01T10:${String(i).padStart(2, "0")}:00+03:00`, partner("vestnik"))),
    makeArticle("g", "2024-03-01T09:00:00+03:00", partner("gone")),
    makeArticle("d", "2024-03-01T09:00:00+03:00", { ...partner("drafty"), draft: true }),
  ],
  [
    { id: "vestnik", name: "Вестник" },
    { id: "quiet", name: "Тихий" },
  ],
);

describe("resolveSource", () => {
  it("gives a partner of sources.json with its page of articles", async () => {
    const resolved = (await resolveSource(store, "vestnik", { page: "2" }, now))!;
    expect(resolved.source).toEqual({ id: "vestnik", name: "Вестник" });
    expect(resolved.page).toMatchObject({ page: 2, pageCount: 2, total: 21 });
    expect((await resolveSource(store, "quiet", {}, now))!.page.total).toBe(0);
  });

  it("names a partner removed from sources.json as its newest article does", async () => {
    expect((await resolveSource(store, "gone", {}, now))?.source).toEqual({ id: "gone", name: "Имя gone" });
  });

  it("refuses unknown ids, ids that are not slugs, partners with drafts only and pages past the end", async () => {
    for (const id of ["nope", "drafty", "Vestnik", "vest_nik", "x".repeat(200)]) expect(await resolveSource(store, id, {}, now), id).toBeUndefined();
    expect(await resolveSource(store, "vestnik", { page: "3" }, now)).toBeUndefined();
    expect(await resolveSource(store, "quiet", { page: "2" }, now)).toBeUndefined();
  });
});

describe("resolveSourceRss", () => {
  it("has a feed for every partner that has a page", async () => {
    for (const id of ["vestnik", "quiet", "gone"]) expect((await resolveSourceRss(store, id, now))?.source.id, id).toBe(id);
    for (const id of ["nope", "drafty", "Vestnik"]) expect(await resolveSourceRss(store, id, now), id).toBeUndefined();
  });
});
