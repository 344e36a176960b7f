import { describe, expect, it } from "vitest";
import { charsetFromContentType, charsetFromXmlDeclaration, decodeText, sniffHtml } from "./encoding";
import { ImportError } from "./types";

const PHRASE = "Свежий выпуск: новости";

/** Bytes for PHRASE in single-byte Cyrillic encodings (ICU has decoders but Node has no encoders). */
const CYRILLIC: Record<string, string> = {
  "windows-1251": "d1e2e5e6e8e920e2fbeff3f1ea3a20edeee2eef1f2e8",
  "koi8-r": "f3d7c5d6c9ca20d7d9d0d5d3cb3a20cecfd7cfd3d4c9",
  "koi8-u": "f3d7c5d6c9ca20d7d9d0d5d3cb3a20cecfd7cfd3d4c9",
  "iso-8859-5": "c1d2d5d6d8d920d2ebdfe3e1da3a20ddded2dee1e2d8",
  cp866: "91a2a5a6a8a920a2ebafe3e1aa3a20adaea2aee1e2a8",
};

describe("decodeText", () => {
  it.each(Object.entries(CYRILLIC))("decodes %s named by the Content-Type", (label, hex) => {
    expect(decodeText(Buffer.from(hex, "hex"), `application/rss+xml; charset=${label}`)).toBe(PHRASE);
  });

  it("decodes the encoding named by the XML declaration", () => {
    const head = Buffer.from('<?xml version="1.0" encoding="windows-1251"?>\n<t>');
    const body = Buffer.concat([head, Buffer.from(CYRILLIC["windows-1251"] ?? "", "hex"), Buffer.from("</t>")]);
    expect(decodeText(body)).toBe(`<?xml version="1.0" encoding="windows-1251"?>\n<t>${PHRASE}</t>`);
    expect(decodeText(body, "text/xml")).toContain(PHRASE);
  });

  it("lets the Content-Type charset win over the XML declaration", () => {
    const body = Buffer.from(`<?xml version="1.0" encoding="windows-1251"?><t>${PHRASE}</t>`);
    expect(decodeText(body, 'text/xml; charset="UTF-8"')).toContain(PHRASE);
  });

  it("lets a BOM win over everything", () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PHRASE)]);
    expect(decodeText(utf8, "text/xml; charset=windows-1251")).toBe(PHRASE);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PHRASE, "utf16le")]);
    expect(decodeText(le, "text/xml; charset=koi8-r")).toBe(PHRASE);
    const be = Buffer.from(PHRASE, "utf16le").swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(PHRASE);
  });

  it("recognises BOM-less UTF-16 by its declaration's layout", () => {
    const text = `<?xml version="1.0" encoding="UTF-16"?><t>${PHRASE}</t>`;
    expect(decodeText(Buffer.from(text, "utf16le"))).toBe(text);
    expect(decodeText(Buffer.from(text, "utf16le").swap16())).toBe(text);
  });

  it("reads a UTF-16 declaration in ASCII bytes as the UTF-8 it must be", () => {
    const text = `<?xml version="1.0" encoding="UTF-16"?><t>${PHRASE}</t>`;
    expect(decodeText(Buffer.from(text))).toBe(text);
  });

  it("defaults to UTF-8 and replaces invalid bytes instead of throwing", () => {
    expect(decodeText(Buffer.from(PHRASE))).toBe(PHRASE);
    expect(decodeText(Buffer.from([0x61, 0xff, 0x62]))).toBe("a\uFFFDb");
  });

  it("refuses an unknown charset with the operator's words", () => {
    const err = (() => {
      try {
        decodeText(Buffer.from("x"), "text/xml; charset=x-foo");
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).reason).toBe('unknown encoding "x-foo"');
    expect(() => decodeText(Buffer.from('<?xml version="1.0" encoding="x-bar"?><a/>'))).toThrow('unknown encoding "x-bar"');
  });
});

describe("charset sources", () => {
  it("reads charset parameters in their usual spellings", () => {
    expect(charsetFromContentType("text/xml; charset=KOI8-R")).toBe("KOI8-R");
    expect(charsetFromContentType('text/xml;charset="windows-1251"; format=x')).toBe("windows-1251");
    expect(charsetFromContentType("text/xml")).toBeUndefined();
    expect(charsetFromContentType("text/xml; charset=")).toBeUndefined();
    expect(charsetFromContentType(undefined)).toBeUndefined();
  });

  it("reads the XML declaration only at the start", () => {
    expect(charsetFromXmlDeclaration(Buffer.from("<?xml version='1.0' encoding='koi8-r'?>"))).toBe("koi8-r");
    expect(charsetFromXmlDeclaration(Buffer.from('<?xml version="1.0"?>'))).toBeUndefined();
    expect(charsetFromXmlDeclaration(Buffer.from('<rss><![CDATA[<?xml version="1.0" encoding="koi8-r"?>]]>'))).toBeUndefined();
  });
});

describe("sniffHtml", () => {
  it.each([
    "<!DOCTYPE html><html><head>",
    "\uFEFF  <!doctype HTML>",
    "<html lang=ru>",
    "<!-- generated --><HTML>",
    '<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">',
  ])("knows a page: %s", (text) => {
    expect(sniffHtml(text)).toBe(true);
  });

  it.each([
    '<?xml version="1.0"?><rss version="2.0"><channel>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    "<rss><channel><description><![CDATA[<html><body>]]></description>",
    "<htmlish/>",
    "",
  ])("leaves a feed alone: %s", (text) => {
    expect(sniffHtml(text)).toBe(false);
  });
});
