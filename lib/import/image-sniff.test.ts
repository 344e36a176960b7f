import { describe, expect, it } from "vitest";
import { sniffImage } from "./image-sniff";

/** An ISO-BMFF file opening: an ftyp box with the given brands, then a little padding. */
function ftyp(major: string, compatible: string[]): Buffer {
  const size = 16 + 4 * compatible.length;
  const box = Buffer.alloc(size);
  box.writeUInt32BE(size, 0);
  box.write("ftyp", 4, "latin1");
  box.write(major, 8, "latin1");
  compatible.forEach((brand, i) => box.write(brand, 16 + 4 * i, "latin1"));
  return Buffer.concat([box, Buffer.alloc(16)]);
}

const hex = (h: string): Buffer => Buffer.from(h.replace(/\s/g, ""), "hex");

describe("sniffImage", () => {
  it.each([
    ["jpeg", hex("ffd8ffe0 00104a46 49460001")],
    ["jpeg", hex("ffd8ffe1 0000 45786966")],
    ["png", hex("89504e470d0a1a0a 0000000d49484452")],
    ["gif", Buffer.from("GIF89a\x01\x00\x01\x00", "latin1")],
    ["gif", Buffer.from("GIF87a\x01\x00\x01\x00", "latin1")],
    ["webp", Buffer.concat([Buffer.from("RIFF"), hex("24000000"), Buffer.from("WEBPVP8 ")])],
    ["avif", ftyp("avif", ["mif1", "miaf"])],
    ["avif", ftyp("avis", ["msf1"])],
    ["avif", ftyp("mif1", ["miaf", "avif"])],
  ])("knows %s", (kind, bytes) => {
    expect(sniffImage(bytes)).toBe(kind);
  });

  it.each([
    ["SVG", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ["SVG with XML declaration", Buffer.from('<?xml version="1.0"?><svg/>')],
    ["HTML", Buffer.from("<!DOCTYPE html><html>")],
    ["BMP", Buffer.from("BM\x36\x00\x00\x00\x00\x00\x00\x00", "latin1")],
    ["TIFF (little-endian)", hex("49492a00 08000000")],
    ["TIFF (big-endian)", hex("4d4d002a 00000008")],
    ["HEIC", ftyp("heic", ["mif1", "heic"])],
    ["MP4", ftyp("isom", ["iso2", "mp41"])],
    ["RIFF that is not WEBP (WAV)", Buffer.concat([Buffer.from("RIFF"), hex("24000000"), Buffer.from("WAVEfmt ")])],
    ["truncated JPEG", hex("ffd8")],
    ["truncated PNG", hex("89504e47")],
    ["GIF with a bad version", Buffer.from("GIF88a")],
    ["an ftyp box too small to hold brands", Buffer.concat([hex("00000008"), Buffer.from("ftypavif"), Buffer.alloc(8)])],
    ["avif named only past the box's end", Buffer.concat([ftyp("mif1", []).subarray(0, 16), Buffer.from("avif")])],
    ["empty", Buffer.alloc(0)],
  ])("refuses %s", (_name, bytes) => {
    expect(sniffImage(bytes)).toBeUndefined();
  });
});
