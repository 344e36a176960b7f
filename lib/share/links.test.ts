import { describe, expect, it } from "vitest";
import { shareLinks } from "./links";

const URL_ = "https://news.example/news/lukashenko-kazakhstan-sco";
const TITLE = "Лукашенко: Беларусь рассчитывает на\u00A0поддержку «Казахстана» & ШОС?";

describe("shareLinks", () => {
  const links = Object.fromEntries(shareLinks(URL_, TITLE).map((l) => [l.network, new URL(l.href)]));

  it("uses each network's share endpoint", () => {
    expect(Object.keys(links)).toEqual(["vk", "telegram", "ok", "whatsapp"]);
    expect(links.vk!.origin + links.vk!.pathname).toBe("https://vk.com/share.php");
    expect(links.telegram!.origin + links.telegram!.pathname).toBe("https://t.me/share/url");
    expect(links.ok!.origin + links.ok!.pathname).toBe("https://connect.ok.ru/offer");
    expect(links.whatsapp!.origin + links.whatsapp!.pathname).toBe("https://wa.me/");
  });

  it("passes the canonical URL and the title, decoded back exactly", () => {
    expect([links.vk!.searchParams.get("url"), links.vk!.searchParams.get("title")]).toEqual([URL_, TITLE]);
    expect([links.telegram!.searchParams.get("url"), links.telegram!.searchParams.get("text")]).toEqual([URL_, TITLE]);
    expect([links.ok!.searchParams.get("url"), links.ok!.searchParams.get("title")]).toEqual([URL_, TITLE]);
    expect(links.whatsapp!.searchParams.get("text")).toBe(`${TITLE} ${URL_}`);
  });

  it("percent-encodes everything that could end or split a parameter", () => {
    for (const { href } of shareLinks(URL_, TITLE)) {
      const query = href.slice(href.indexOf("?") + 1);
      // Only the separators between parameters are raw; the values have no spaces, & ? # or Cyrillic.
      expect(query.split("&").every((pair) => /^[a-z]+=[A-Za-z0-9%._~!*'()-]*$/.test(pair))).toBe(true);
    }
    expect(shareLinks(URL_, TITLE)[0]!.href).toContain("url=https%3A%2F%2Fnews.example%2Fnews%2Flukashenko-kazakhstan-sco");
    expect(shareLinks(URL_, TITLE)[0]!.href).toContain("%26%20%D0%A8%D0%9E%D0%A1%3F"); // "& ШОС?"
  });
});
