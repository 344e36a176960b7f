import { describe, expect, it } from "vitest";
import { consentFormScript, metrikaLoaderScript, parseConsent, safeReturnPath } from "./consent";

describe("consent", () => {
  it("accepts only the two answers", () => {
    expect(parseConsent("granted")).toBe("granted");
    expect(parseConsent("denied")).toBe("denied");
    expect(parseConsent("yes")).toBeUndefined();
    expect(parseConsent(undefined)).toBeUndefined();
  });

  it("returns only to paths on this site", () => {
    expect(safeReturnPath("/news/x?page=2")).toBe("/news/x?page=2");
    for (const bad of ["//evil.example/", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "", 42]) expect(safeReturnPath(bad)).toBe("/");
  });
});

describe("Metrika scripts", () => {
  it("are valid JavaScript that carries only a whole-number counter id", () => {
    for (const script of [metrikaLoaderScript(12345678.9), consentFormScript("metrika-consent", 12345678)]) {
      expect(() => new Function(script)).not.toThrow();
      expect(script).toContain("ym(12345678,");
    }
    expect(consentFormScript("metrika-consent", 1)).toContain('"metrika_consent="');
  });
});
