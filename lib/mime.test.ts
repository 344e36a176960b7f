import { describe, expect, it } from "vitest";
import { IMAGE_EXTENSIONS, IMAGE_FORMATS, imageTypeOf } from "./mime";

describe("image formats", () => {
  it("know the type of a file or URL by its extension, in any case", () => {
    expect(imageTypeOf("media/a.jpg")).toBe("image/jpeg");
    expect(imageTypeOf("media/a.JPEG")).toBe("image/jpeg");
    expect(imageTypeOf("/media/x/y.webp?w=640#top")).toBe("image/webp");
    expect(imageTypeOf("https://partner.example/p.avif")).toBe("image/avif");
    expect(["a.png", "a.gif"].map(imageTypeOf)).toEqual(["image/png", "image/gif"]);
  });

  it("take no other file, SVG least of all", () => {
    for (const name of ["a.svg", "a.html", "a", "jpg", "https://x.example/jpg/photo", "a.jpg.html", "/media/a.jpg/"])
      expect(imageTypeOf(name), name).toBeUndefined();
  });

  it("give each format one extension that reads back as its type", () => {
    for (const { type, extension } of Object.values(IMAGE_FORMATS)) expect(imageTypeOf(`x${extension}`)).toBe(type);
    expect([...IMAGE_EXTENSIONS].sort()).toEqual([".avif", ".gif", ".jpeg", ".jpg", ".png", ".webp"]);
  });
});
