import { describe, expect, it } from "vitest";
import { BodyCache, renderArticleBody } from "./body";

const body = (n: number) => ({ html: "x".repeat(n), text: "" });

describe("BodyCache", () => {
  it("drops the least recently used bodies once their total length passes the bound", () => {
    const cache = new BodyCache(100);
    cache.set("a", body(40));
    cache.set("b", body(40));
    cache.get("a"); // "b" is now the oldest
    cache.set("c", body(40));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.get("c")).toBeDefined();
    expect(cache.totalChars).toBe(80);
  });

  it("keeps a single body larger than the bound rather than nothing", () => {
    const cache = new BodyCache(10);
    cache.set("big", body(50));
    expect(cache.count).toBe(1);
  });
});

describe("renderArticleBody", () => {
  it("leaves out the first paragraph only when it is the lead", () => {
    const text = "---\ntitle: X\n---\nЛид.\n\nТекст.";
    expect(renderArticleBody(text, { leadFromBody: true })?.html).toBe("<p>Текст.</p>");
    expect(renderArticleBody(text, { leadFromBody: false })?.text).toBe("Лид.\n\nТекст.");
    expect(renderArticleBody("---\ntitle: [x\n", { leadFromBody: true })).toBeUndefined();
  });
});
