import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { INLINE_SCRIPTS, inlineScriptHashes, metrikaScripts, scriptHash } from "./inline-scripts";

describe("inline script hashes", () => {
  it("hash the UTF-8 text as CSP does", () => {
    expect(scriptHash("alert(1)")).toBe(`'sha256-${createHash("sha256").update("alert(1)").digest("base64")}'`);
    // The example of the CSP specification's hash-source.
    expect(scriptHash("alert('Hello, world.');")).toBe("'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
  });

  it("cover every script, Metrika's only with a counter", () => {
    const off = inlineScriptHashes(undefined);
    expect(off).toEqual(Object.values(INLINE_SCRIPTS).map(scriptHash));
    const on = inlineScriptHashes(12345);
    expect(on).toEqual([...off, scriptHash(metrikaScripts(12345).loader), scriptHash(metrikaScripts(12345).consentForm)]);
    expect(new Set(on).size).toBe(on.length);
  });
});
