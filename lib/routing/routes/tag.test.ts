import { describe, expect, it } from "vitest";
import { makeArticle, makeStore } from "@/lib/content/test-helpers";
import { resolveTag } from "./tag";

const now = Date.parse("2024-03-05T12:00:00+03:00");
const store = await makeStore([
  ...Array.from({ length: 21 }, (_, i) => makeArticle(`m${i}`, `2024-03-01T10:${String(i).padStart(2, "0")}:00+03:00`, { tags: ["Минск"] })),
  makeArticle("n", "2024-03-01T09:00:00+03:00", { tags: ["Node.js", "Могилёв"] }),
  makeArticle("draft", "2024-03-01T10:00:00+03:00", { draft: true, tags: ["Тайна"] }),
]);

describe("resolveTag", () => {
  it("gives a published tag under its own spelling, with its page of articles", async () => {
    const resolved = (await resolveTag(store, "Минск", { page: "2" }, now))!;
    expect(resolved.tag.name).toBe("Минск");
    expect(resolved.page).toMatchObject({ page: 2, pageCount: 2, total: 21 });
    expect((await resolveTag(store, "Node.js", {}, now))?.page.items.map((a) => a.slug)).toEqual(["n"]);
  });

  it("refuses other spellings (the proxy redirects them), draft-only and unknown tags, and pages past the end", async () => {
    for (const name of ["минск", "Могилев", "Тайна", "nope", ""]) expect(await resolveTag(store, name, {}, now), name).toBeUndefined();
    expect(await resolveTag(store, "Минск", { page: "3" }, now)).toBeUndefined();
    expect(await resolveTag(store, "Минск", { page: "0" }, now)).toBeUndefined();
  });
});
