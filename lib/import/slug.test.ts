import { describe, expect, it } from "vitest";
import { makeSlug, transliterate } from "./slug";

describe("transliterate", () => {
  it("turns the seed's headline into the documented slug", () => {
    expect(transliterate("Лукашенко: Беларусь рассчитывает на поддержку Казахстана в присоединении к ШОС")).toBe(
      "lukashenko-belarus-rasschityvaet-na-podderzhku-kazakhstana-v-prisoedinenii-k-shos",
    );
  });

  it("follows the table for every letter, including ё, й, ъ, ь and Belarusian letters", () => {
    expect(transliterate("Съёмка ёлки: йод, щука, цех, юла, яхта, эхо")).toBe("semka-elki-yod-shchuka-tsekh-yula-yakhta-ekho");
    expect(transliterate("Ўсход і Беларусь")).toBe("uskhod-i-belarus");
  });

  it("keeps Latin letters and digits, and makes everything else a single separator", () => {
    expect(transliterate("  IT-форум «Минск 2024» — 5%!  ")).toBe("it-forum-minsk-2024-5");
    expect(transliterate("北京 🙂")).toBe("");
  });
});

describe("makeSlug", () => {
  it("cuts long titles at a word boundary", () => {
    const slug = makeSlug("Очень ".repeat(40), "src", "g", () => false);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith("-")).toBe(false);
    expect(slug.split("-").every((w) => w === "ochen")).toBe(true);
  });

  it("adds -2, -3 to a slug already taken", () => {
    const taken = new Set(["novost", "novost-2"]);
    expect(makeSlug("Новость", "src", "g", (s) => taken.has(s))).toBe("novost-3");
  });

  it("names a title without letters after its source and guid, the same each time", () => {
    const a = makeSlug("🙂🙂", "vestnik", "guid-1", () => false);
    expect(a).toMatch(/^vestnik-[0-9a-f]{10}$/);
    expect(makeSlug("🙂🙂", "vestnik", "guid-1", () => false)).toBe(a);
  });
});
