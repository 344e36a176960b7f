import { describe, expect, it } from "vitest";
import { createPageValidators, encodedTag, notModified, pageTag } from "./page-validators.mjs";

const page = (text: string) => Buffer.from(`<!DOCTYPE html><html><body>${text}</body></html>`);

describe("pageTag", () => {
  it("is the same for the same bytes and another for any other", () => {
    expect(pageTag(page("a"))).toBe(pageTag(page("a")));
    expect(pageTag(page("a"))).not.toBe(pageTag(page("b")));
    expect(pageTag(page("a"))).toMatch(/^"[\w-]{27}"$/);
  });

  it("names the encoding of other bytes on the wire", () => {
    expect(encodedTag('"abc"', "gzip")).toBe('"abc-gzip"');
    expect(encodedTag('"abc"', undefined)).toBe('"abc"');
  });
});

describe("createPageValidators", () => {
  it("keeps a page's second while its bytes stay, and moves it on when they change", () => {
    let clock = Date.parse("2026-11-30T10:00:00.400Z");
    const v = createPageValidators({ now: () => clock });
    const first = v.lastModified("/", '"a"');
    expect(first).toBe(Date.parse("2026-11-30T10:00:00Z"));
    clock += 60_000;
    expect(v.lastModified("/", '"a"')).toBe(first);
    clock += 60_000;
    expect(v.lastModified("/", '"b"')).toBe(Date.parse("2026-11-30T10:02:00Z"));
  });

  it("gives changed bytes a later second even within the same one, so If-Modified-Since cannot match them", () => {
    const clock = Date.parse("2026-11-30T10:00:00.100Z");
    const v = createPageValidators({ now: () => clock });
    const first = v.lastModified("/x", '"a"');
    const second = v.lastModified("/x", '"b"');
    const third = v.lastModified("/x", '"c"');
    expect(second).toBeGreaterThan(first);
    expect(third).toBeGreaterThan(second);
    expect(notModified("GET", { "if-modified-since": new Date(first).toUTCString() }, { etag: '"b"', lastModified: second })).toBe(false);
  });

  it("gives a page it does not know (new, or forgotten past its limit) the present second", () => {
    let clock = Date.parse("2026-11-30T10:00:00Z");
    const v = createPageValidators({ limit: 2, now: () => clock });
    v.lastModified("/a", '"a"');
    v.lastModified("/b", '"b"');
    clock += 5000;
    v.lastModified("/c", '"c"');
    expect(v.size).toBe(2);
    clock += 5000;
    // /a was forgotten: its bytes may have changed meanwhile, so it cannot keep its old second.
    expect(v.lastModified("/a", '"a"')).toBe(clock);
  });
});

describe("notModified", () => {
  const current = { etag: '"abc-gzip"', lastModified: Date.parse("2026-11-30T10:00:00Z") };

  it("answers If-None-Match by the page, whatever the encoding or weakness of the tag", () => {
    for (const tag of ['"abc-gzip"', '"abc"', 'W/"abc-gzip"', '"x", "abc"', "*"]) expect(notModified("GET", { "if-none-match": tag }, current), tag).toBe(true);
    for (const tag of ['"abd"', '"abc-gzipx"', "", '"x"']) expect(notModified("GET", { "if-none-match": tag }, current), tag).toBe(false);
  });

  it("looks at If-Modified-Since only without If-None-Match", () => {
    const ims = { "if-modified-since": "Mon, 30 Nov 2026 10:00:00 GMT" };
    expect(notModified("GET", ims, current)).toBe(true);
    expect(notModified("HEAD", { "if-modified-since": "Mon, 30 Nov 2026 11:00:00 GMT" }, current)).toBe(true);
    expect(notModified("GET", { "if-modified-since": "Mon, 30 Nov 2026 09:59:59 GMT" }, current)).toBe(false);
    expect(notModified("GET", { "if-modified-since": "yesterday" }, current)).toBe(false);
    expect(notModified("GET", { ...ims, "if-none-match": '"other"' }, current)).toBe(false);
  });

  it("never answers other methods with 304", () => {
    expect(notModified("POST", { "if-none-match": "*" }, current)).toBe(false);
  });
});
