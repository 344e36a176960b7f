import { describe, expect, it } from "vitest";
import { cropPath, cropUrl, mediaLoader, photoUrl, variantPath } from "./photo-urls";

describe("photo URLs", () => {
  const site = "https://news.example";

  it("come from this site without a media base", () => {
    expect(photoUrl("/media/a.jpg", site, undefined)).toBe("https://news.example/media/a.jpg");
    expect(cropUrl("/media/a.jpg", "16x9", site, undefined)).toBe("https://news.example/og/crop/16x9/media/a.jpg");
  });

  it("come from the media base under the same path, each segment encoded as an object key", () => {
    const cdn = "https://cdn.example/photos";
    expect(photoUrl("/media/a.jpg", site, cdn)).toBe("https://cdn.example/photos/media/a.jpg");
    expect(photoUrl("/media/2024/фото 1.jpg", site, cdn)).toBe("https://cdn.example/photos/media/2024/%D1%84%D0%BE%D1%82%D0%BE%201.jpg");
    expect(cropUrl("/media/a.jpg", "4x3", site, cdn)).toBe("https://cdn.example/photos/media/a.jpg~4x3.jpg");
    expect(mediaLoader(cdn)({ src: "/media/a.jpg", width: 640 })).toBe("https://cdn.example/photos/media/a.jpg~640w.webp");
  });

  it("leave a partner's https photo alone", () => {
    expect(photoUrl("https://partner.example/p.jpg", site, "https://cdn.example")).toBe("https://partner.example/p.jpg");
  });

  it("name the exported copies beside the original", () => {
    expect(variantPath("/media/a.jpg", 1080)).toBe("/media/a.jpg~1080w.webp");
    expect(cropPath("/media/a.jpg", "1x1")).toBe("/media/a.jpg~1x1.jpg");
  });
});
