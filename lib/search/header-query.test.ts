import { describe, expect, it } from "vitest";
import { MAX_QUERY_LENGTH } from "./text";
import { searchQueryFromHeader, searchQueryOf } from "./header-query";

describe("the search query for the header's search box", () => {
  it("is the search page's query, trimmed and cut as the page shows it", () => {
    expect(searchQueryOf("/search", new URLSearchParams("q=%20%20Минск%20"))).toBe("Минск");
    expect(searchQueryOf("/en/search", new URLSearchParams("q=Minsk&page=2"))).toBe("Minsk");
    expect(searchQueryOf("/search", new URLSearchParams(`q=${"а".repeat(MAX_QUERY_LENGTH + 10)}`))).toHaveLength(MAX_QUERY_LENGTH);
  });

  it("is empty on other pages, without a query, or with the query repeated", () => {
    expect(searchQueryOf("/", new URLSearchParams("q=Минск"))).toBe("");
    expect(searchQueryOf("/news/search", new URLSearchParams("q=Минск"))).toBe("");
    expect(searchQueryOf("/search", new URLSearchParams(""))).toBe("");
    expect(searchQueryOf("/search", new URLSearchParams("q=a&q=b"))).toBe("");
  });

  it("goes through a header percent-encoded and comes back as written", () => {
    const query = "«Минск» & <b> 100%";
    expect(searchQueryFromHeader(encodeURIComponent(query))).toBe(query);
    expect(searchQueryFromHeader(null)).toBe("");
    expect(searchQueryFromHeader("%zz")).toBe("");
  });
});
