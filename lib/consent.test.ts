import { describe, expect, it } from "vitest";
import { parseConsent, safeReturnPath } from "./consent";

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
