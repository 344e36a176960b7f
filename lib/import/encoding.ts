/**
 * Turns a feed's bytes into text. Russian partners still publish windows-1251 and KOI8-R feeds,
 * and say so in different places, so the charset is looked for in the order the standards give
 * it authority: a byte-order mark, then the HTTP header, then the XML declaration.
 */
import { ImportError } from "./types";

/** The XML declaration must be at the very start, so the first kilobyte is plenty. */
const DECLARATION_WINDOW = 1024;

/** The encoding a byte-order mark announces, or undefined when there is none. */
function bomEncoding(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}

/** The charset parameter of a Content-Type header value, unquoted, when present and non-empty. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const value = (match?.[1] ?? match?.[2] ?? "").trim();
  return value === "" ? undefined : value;
}

/**
 * The encoding named by the XML declaration. A BOM-less UTF-16 document is recognised by how
 * `<?` is laid out, since its declaration cannot be read as ASCII.
 */
export function charsetFromXmlDeclaration(bytes: Buffer): string | undefined {
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return "utf-16le";
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return "utf-16be";
  const head = bytes.subarray(0, DECLARATION_WINDOW).toString("latin1");
  const match = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  const label = match?.[1];
  // A declaration we could read as ASCII cannot really be UTF-16 (that was checked above); a
  // document claiming it is mislabelled UTF-8, as the HTML standard also assumes.
  if (label && /^utf-?16/i.test(label)) return "utf-8";
  return label;
}

/** A TextDecoder for `label`, or the operator-facing error when the platform does not know it. */
function decoderFor(label: string): TextDecoder {
  try {
    // fatal: false — a feed with a few broken bytes is still worth reading, with U+FFFD in place.
    return new TextDecoder(label, { fatal: false });
  } catch {
    // The label comes from the partner: keep it short and printable in the message.
    const shown = label.replace(/[^\x20-\x7e]/g, "?").slice(0, 40);
    throw new ImportError(`unknown encoding "${shown}"`);
  }
}

/**
 * Decodes a document: BOM, then Content-Type charset, then XML declaration, else UTF-8.
 * Throws ImportError("unknown encoding …") for a charset label the platform does not know.
 */
export function decodeText(bytes: Buffer, contentType?: string): string {
  const bom = bomEncoding(bytes);
  const label = bom ?? charsetFromContentType(contentType) ?? charsetFromXmlDeclaration(bytes) ?? "utf-8";
  // TextDecoder strips a BOM matching its own encoding, so the text never starts with U+FEFF.
  return decoderFor(label).decode(bytes);
}

/**
 * Skips what may precede the root element: BOM, whitespace, the XML declaration and other
 * processing instructions, comments.
 */
const PROLOG = /^\uFEFF?(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/;

/**
 * True when the text is an HTML page rather than a feed: its doctype is html or its first element
 * is <html>. Only the prolog is looked at, so a feed quoting HTML in a CDATA section is not
 * mistaken for a page.
 */
export function sniffHtml(text: string): boolean {
  const head = text.slice(0, 4096);
  const rest = head.slice(PROLOG.exec(head)?.[0].length ?? 0);
  return /^<!doctype\s+html\b/i.test(rest) || /^<html[\s>]/i.test(rest);
}
